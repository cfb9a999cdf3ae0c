package io.weir.sql.runtime;

import static io.weir.core.types.RowKind.DELETE;
import static io.weir.core.types.RowKind.INSERT;
import static io.weir.core.types.RowKind.UPDATE_AFTER;
import static io.weir.core.types.RowKind.UPDATE_BEFORE;
import static io.weir.sql.runtime.Changelogs.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.operators.DeduplicateOperator;
import io.weir.sql.runtime.operators.RankOperator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The STREAMING Top-1 operator against the general Top-N one ({@link RankOperator}, which it
 * replaces for this case) and against a recomputation of each key's first row.
 */
class DeduplicateOperatorTest {
  // (partition p, payload, time t): deduplication orders by t
  static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final RowComparator BY_TIME = (a, b) -> Long.compare((Long) a.getField(2), (Long) b.getField(2));
  static final RowComparator BY_TIME_DESC = (a, b) -> Long.compare((Long) b.getField(2), (Long) a.getField(2));

  @Test
  void keepLastRowEmitsDeleteAndInsertWithoutTheRowNumber() throws Exception {
    // rows 2 and 3 of "a" tie on time 7: the later one wins; row 4 is older and loses
    OperatorTestSupport.forKeyedOperator(new DeduplicateOperator(IN, BY_TIME_DESC, false, true, 0, 0), KEY, KEY.keyType(IN))
        .input(row(INSERT, "a", 1L, 5L), row(INSERT, "a", 2L, 7L), row(INSERT, "b", 9L, 1L), row(INSERT, "a", 3L, 7L),
            row(INSERT, "a", 4L, 6L))
        .expectOutput(row(INSERT, "a", 1L, 5L), row(DELETE, "a", 1L, 5L), row(INSERT, "a", 2L, 7L),
            row(INSERT, "b", 9L, 1L), row(DELETE, "a", 2L, 7L), row(INSERT, "a", 3L, 7L))
        .run();
  }

  @Test
  void keepFirstRowWithTheRowNumberEmitsUpdates() throws Exception {
    OperatorTestSupport.forKeyedOperator(new DeduplicateOperator(IN, BY_TIME, true, false, 0, 0), KEY, KEY.keyType(IN))
        .input(row(INSERT, "a", 1L, 5L), row(INSERT, "a", 2L, 5L), row(INSERT, "a", 3L, 4L), row(INSERT, "a", 4L, 9L))
        .expectOutput(row(INSERT, "a", 1L, 5L, 1L), row(UPDATE_BEFORE, "a", 1L, 5L, 1L), row(UPDATE_AFTER, "a", 3L, 4L, 1L))
        .run();
  }

  /**
   * Without mini-batch the changelog is exactly {@link RankOperator}'s for Top-1 over inserts; with
   * it, the materialized result is the same. Duplicate rows (equal in every field) included.
   */
  @ParameterizedTest
  @CsvSource({
      "false,false,0", "false,true,0", "true,false,0", "true,true,0",
      "false,true,1", "true,true,7", "false,false,50", "true,true,1000"})
  void randomInsertsMatchTheTopNOperatorAndARecomputation(boolean rankNumber, boolean keepLast, int miniBatch)
      throws Exception {
    RowComparator order = keepLast ? BY_TIME_DESC : BY_TIME;
    for (long seed = 1; seed <= 6; seed++) {
      Random rnd = new Random(seed * 131 + miniBatch);
      List<Row> input = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        input.add(Row.of("p" + rnd.nextInt(5), (long) rnd.nextInt(3), (long) rnd.nextInt(12)));
      }
      List<Row> dedup = run(new DeduplicateOperator(IN, order, rankNumber, keepLast, miniBatch, 0), input);
      assertThat(dedup).as("seed %d", seed).isNotEmpty();
      if (miniBatch == 0) {
        List<Row> rank = run(new RankOperator(IN, order, 1, 1, rankNumber, true, keepLast), input);
        assertThat(dedup).as("seed %d", seed).containsExactlyElementsOf(rank);
      }
      assertThat(Changelogs.show(Changelogs.materialize(dedup))).as("seed %d", seed)
          .isEqualTo(Changelogs.show(Changelogs.multiset(firstRows(input, order, keepLast, rankNumber))));
    }
  }

  @Test
  void miniBatchFlushesOnSizeProcessingTimeCheckpointAndHoldsWatermarksBack() throws Exception {
    var op = new DeduplicateOperator(IN, BY_TIME_DESC, false, true, 3, 100);
    try (var h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
      h.open();
      h.processElement(Row.of("a", 1L, 5L));
      h.processElement(Row.of("a", 2L, 6L));
      assertThat(h.extractOutputValues()).isEmpty();
      h.processElement(Row.of("b", 3L, 1L)); // third row: the batch is full
      assertThat(h.extractOutputValues()).containsExactly(row(INSERT, "a", 2L, 6L), row(INSERT, "b", 3L, 1L));
      h.clearOutput();
      h.processElement(Row.of("a", 4L, 7L));
      h.processWatermark(10); // rows are buffered: the watermark waits for them
      h.processElement(Row.of("b", 5L, 2L));
      assertThat(h.getOutput()).isEmpty();
      h.setProcessingTime(100);
      assertThat(h.getOutput()).hasSize(5);
      assertThat(h.extractOutputValues()).containsExactly(row(DELETE, "a", 2L, 6L), row(INSERT, "a", 4L, 7L),
          row(DELETE, "b", 3L, 1L), row(INSERT, "b", 5L, 2L));
      assertThat(h.getOutput().get(4)).isEqualTo(new Watermark(10));
      h.clearOutput();
      h.processWatermark(20); // nothing buffered: forwarded at once
      assertThat(h.getOutputWatermarks()).containsExactly(new Watermark(20));
      h.clearOutput();
      h.processElement(Row.of("c", 6L, 1L));
      OperatorSnapshot snapshot = h.snapshot(1);
      assertThat(h.extractOutputValues()).containsExactly(row(INSERT, "c", 6L, 1L));
      h.clearOutput();
      h.processElement(Row.of("d", 7L, 1L));
      h.processWatermark(Long.MAX_VALUE); // the final watermark flushes
      assertThat(h.extractOutputValues()).containsExactly(row(INSERT, "d", 7L, 1L));
      assertThat(h.getOutputWatermarks()).containsExactly(new Watermark(Long.MAX_VALUE));
      try (var r = new OneInputOperatorTestHarness<>(new DeduplicateOperator(IN, BY_TIME_DESC, false, true, 0, 0), KEY,
          KEY.keyType(IN))) {
        r.initializeState(snapshot).open();
        r.processElement(Row.of("a", 7L, 3L)); // older than the kept row of "a"
        r.processElement(Row.of("c", 8L, 2L));
        assertThat(r.extractOutputValues()).containsExactly(row(DELETE, "c", 6L, 1L), row(INSERT, "c", 8L, 2L));
      }
    }
  }

  private static List<Row> run(io.weir.runtime.operators.OneInputStreamOperator<Row, Row> op, List<Row> input)
      throws Exception {
    try (var h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
      h.open();
      for (Row r : input) {
        h.processElement(r);
      }
      h.endInput();
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  /** Each key's first row by {@code order}; ties go to the earliest arrival, or the latest with {@code keepLast}. */
  private static List<Row> firstRows(List<Row> input, RowComparator order, boolean keepLast, boolean rankNumber) {
    Map<Object, Row> best = new LinkedHashMap<>();
    for (Row r : input) {
      best.merge(r.getField(0), r, (kept, c) -> {
        int cmp = order.compare(c, kept);
        return cmp < 0 || (keepLast && cmp == 0) ? c : kept;
      });
    }
    List<Row> out = new ArrayList<>();
    for (Row r : best.values()) {
      out.add(rankNumber ? Row.of(r.getField(0), r.getField(1), r.getField(2), 1L) : r);
    }
    return out;
  }
}
