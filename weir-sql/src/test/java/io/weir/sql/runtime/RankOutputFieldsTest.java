package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.sql.runtime.batch.HashRankOperator;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.operators.DeduplicateOperator;
import io.weir.sql.runtime.operators.RankOperator;
import io.weir.sql.runtime.util.RankOutputFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Top-N or deduplication operator that builds its rows in the layout of the projection after it
 * ({@link RankOutputFields}) emits exactly what the operator without it emits with that projection
 * applied to every row: the same kinds, in the same order, over seeded random input.
 */
class RankOutputFieldsTest {
  // (partition p, payload, price, time t)
  private static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.LONG, Types.LONG);
  private static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  private static final RowComparator BY_PRICE_DESC = (a, b) -> Long.compare((Long) b.getField(2), (Long) a.getField(2));
  private static final RowComparator BY_TIME = (a, b) -> Long.compare((Long) a.getField(3), (Long) b.getField(3));

  /** Reordered, one field dropped, the row number (index 4) in the middle when it is output. */
  private static int[] picked(boolean rankNumber) {
    return rankNumber ? new int[] {3, 1, 4, 0, 2} : new int[] {3, 1, 0};
  }

  private static List<Row> project(List<Row> rows, int[] fields) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      Row p = new Row(r.getKind(), fields.length);
      for (int i = 0; i < fields.length; i++) {
        p.setField(i, r.getField(fields[i]));
      }
      out.add(p);
    }
    return out;
  }

  private static List<Row> input(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(Row.of("p" + rnd.nextInt(6), (long) rnd.nextInt(4), (long) rnd.nextInt(20), (long) i / 3));
    }
    return rows;
  }

  private static List<Row> runKeyed(OneInputStreamOperator<Row, Row> op, List<Row> input) throws Exception {
    try (var h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
      h.open();
      for (Row r : input) {
        h.processElement(r);
      }
      h.endInput();
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  private static List<Row> runBatch(HashRankOperator op, List<Row> input) throws Exception {
    try (var h = new OneInputOperatorTestHarness<Row, Row>(op)) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Row r : input) {
        h.processElement(r, 0);
      }
      h.endInput();
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  private static void assertSameAsProjected(List<Row> plain, List<Row> fused, int[] fields, long seed) {
    assertThat(plain).as("seed %d", seed).isNotEmpty();
    assertThat(fused).as("seed %d", seed).containsExactlyElementsOf(project(plain, fields));
  }

  @ParameterizedTest
  @CsvSource({"true,1,3", "false,1,3", "true,2,5", "false,1,1", "true,1,1"})
  void topNInStreaming(boolean rankNumber, long start, long end) throws Exception {
    int[] fields = picked(rankNumber);
    for (long seed = 1; seed <= 4; seed++) {
      List<Row> in = input(seed);
      Supplier<RankOperator> op = () -> new RankOperator(IN, BY_PRICE_DESC, start, end, rankNumber, true);
      assertSameAsProjected(runKeyed(op.get(), in),
          runKeyed(op.get().outputFields(new RankOutputFields(fields, 4)), in), fields, seed);
    }
  }

  @ParameterizedTest
  @CsvSource({"true,false,0", "false,false,0", "true,true,0", "false,true,7", "true,false,50"})
  void deduplicationInStreaming(boolean rankNumber, boolean keepLast, int miniBatch) throws Exception {
    int[] fields = picked(rankNumber);
    for (long seed = 1; seed <= 4; seed++) {
      List<Row> in = input(seed);
      Supplier<DeduplicateOperator> op = () -> new DeduplicateOperator(IN,
          keepLast ? (a, b) -> BY_TIME.compare(b, a) : BY_TIME, rankNumber, keepLast, miniBatch, 0);
      assertSameAsProjected(runKeyed(op.get(), in),
          runKeyed(op.get().outputFields(new RankOutputFields(fields, 4)), in), fields, seed);
    }
  }

  @ParameterizedTest
  @CsvSource({"true,1,3", "false,1,3", "true,2,4", "true,1,1", "false,1,1"})
  void hashRankInBatch(boolean rankNumber, long start, long end) throws Exception {
    int[] fields = picked(rankNumber);
    for (long seed = 1; seed <= 4; seed++) {
      List<Row> in = input(seed);
      Supplier<HashRankOperator> op = () -> new HashRankOperator(new int[] {0}, IN, BY_PRICE_DESC, start, end,
          rankNumber, false, false, 0);
      assertSameAsProjected(runBatch(op.get(), in),
          runBatch(op.get().outputFields(new RankOutputFields(fields, 4)), in), fields, seed);
    }
  }

  @Test
  void fieldsOutsideTheInputAndTheRowNumberAreRefused() {
    assertThatThrownBy(() -> new RankOutputFields(new int[] {0, 5}, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output field 5");
    assertThatThrownBy(() -> new HashRankOperator(new int[] {0}, IN, BY_PRICE_DESC, 1, 3, false, false, true, 0)
        .outputFields(new RankOutputFields(new int[] {0}, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOCAL");
  }
}
