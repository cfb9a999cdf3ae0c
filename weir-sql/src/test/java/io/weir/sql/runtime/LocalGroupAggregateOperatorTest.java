package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.sql.runtime.aggregate.GroupState;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.operators.GroupAggregateOperator;
import io.weir.sql.runtime.operators.LocalGroupAggregateOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two-phase group aggregation at operator level: two local phases (two producing subtasks) with
 * random mini-batch sizes feeding one global phase give the one-phase operator's final result.
 */
class LocalGroupAggregateOperatorTest {
  // input: k1 INT, k2 VARCHAR, v BIGINT, cheap BOOLEAN (a FILTER)
  static final RowTypeInfo IN = new RowTypeInfo(new String[] {"k1", "k2", "v", "cheap"},
      new io.weir.core.types.TypeInfo<?>[] {Types.INT, Types.STRING, Types.LONG, Types.BOOLEAN});
  static final FieldsKeySelector KEY = new FieldsKeySelector(0, 1);
  static final List<AggregateSpec> AGGS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
      new AggregateSpec(Kind.COUNT_STAR, -1, false, 3, Types.LONG, "cheap_cnt"),
      new AggregateSpec(Kind.COUNT, 2, false, -1, Types.LONG, "cnt_v"),
      new AggregateSpec(Kind.SUM, 2, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.MIN, 2, false, -1, Types.LONG, "mn"),
      new AggregateSpec(Kind.MAX, 2, false, -1, Types.LONG, "mx"),
      new AggregateSpec(Kind.AVG, 2, false, -1, Types.LONG, "av"));

  /** Many keys (the local table grows past its initial size), a hot key, NULL keys and values. */
  @ParameterizedTest
  @CsvSource({"1, 3000", "2, 300", "3, 20"})
  void twoPhasesGiveTheOnePhaseResult(long seed, int distinctKeys) throws Exception {
    Random rnd = new Random(seed);
    List<Row> input = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      Integer k1 = rnd.nextInt(3) == 0 ? Integer.valueOf(42) : rnd.nextInt(40) == 0 ? null : rnd.nextInt(distinctKeys);
      String k2 = rnd.nextInt(30) == 0 ? null : "d" + rnd.nextInt(3);
      Long v = rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(1000) - 300;
      input.add(Row.of(k1, k2, v, v != null && v < 100));
    }
    List<Row> partials = new ArrayList<>();
    List<List<Row>> perSubtask = List.of(new ArrayList<>(), new ArrayList<>());
    for (Row r : input) {
      perSubtask.get(rnd.nextInt(2)).add(r);
    }
    for (List<Row> rows : perSubtask) {
      try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
          new LocalGroupAggregateOperator(new int[] {0, 1}, AGGS, IN, 1 + rnd.nextInt(2000), 0))) {
        local.open();
        for (Row r : rows) {
          local.processElement(r);
        }
        local.endInput();
        partials.addAll(local.extractOutputValues());
      }
    }
    assertThat(partials.size()).isLessThan(input.size());
    java.util.Collections.shuffle(partials, rnd); // the two subtasks' partials interleave in any order
    List<Row> twoPhase;
    try (OneInputOperatorTestHarness<Row, Row> global = new OneInputOperatorTestHarness<>(
        GroupAggregateOperator.global(AGGS, IN, 2, 0, 1 + rnd.nextInt(50), 1000), KEY, KEY.keyType(IN))) {
      global.open();
      for (Row p : partials) {
        global.processElement(p);
      }
      global.endInput();
      twoPhase = global.extractOutputValues();
    }
    List<Row> onePhase;
    try (OneInputOperatorTestHarness<Row, Row> single = new OneInputOperatorTestHarness<>(
        new GroupAggregateOperator(AGGS, IN, 0, 0, 1000, false), KEY, KEY.keyType(IN))) {
      single.open();
      for (Row r : input) {
        single.processElement(r);
      }
      single.endInput();
      onePhase = single.extractOutputValues();
    }
    assertThat(finalRows(twoPhase)).isEqualTo(finalRows(onePhase));
    assertThat(finalRows(onePhase)).hasSizeGreaterThan(Math.min(distinctKeys, 100));
  }

  /**
   * The final row per group of an aggregation's changelog (its first two fields are the key), as
   * sorted text: +I/+U set it, -D drops it. (Changelogs.materialize checks every retraction
   * against the table, which is quadratic at thousands of groups.)
   */
  private static List<String> finalRows(List<Row> changelog) {
    java.util.Map<List<Object>, Row> last = new java.util.HashMap<>();
    for (Row r : changelog) {
      List<Object> key = java.util.Arrays.asList(r.getField(0), r.getField(1));
      switch (r.getKind()) {
        case INSERT, UPDATE_AFTER -> last.put(key, r);
        case DELETE -> last.remove(key);
        default -> { }
      }
    }
    List<String> rows = new ArrayList<>();
    last.values().forEach(r -> rows.add(io.weir.sql.runtime.util.RowUtil.asInsert(r).toString()));
    rows.sort(null);
    return rows;
  }

  /** One partial per key and flush, with the row count; watermarks wait for the partials before them. */
  @Test
  void flushesBySizeAndHoldsWatermarksBack() throws Exception {
    List<AggregateSpec> count = AGGS.subList(0, 1);
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new LocalGroupAggregateOperator(new int[] {1}, count, IN, 4, 0))) {
      h.open();
      h.processElement(Row.of(1, "a", 1L, true));
      h.processWatermark(10);
      h.processElement(Row.of(2, "b", 1L, true));
      h.processElement(Row.of(3, "a", 1L, true));
      assertThat(h.getOutput()).isEmpty();
      h.processElement(Row.of(4, "c", 1L, true)); // fourth row: flush
      List<StreamElement> out = h.getOutput();
      assertThat(out).hasSize(4);
      assertThat(out.get(3).isWatermark()).isTrue();
      assertThat(out.get(3).asWatermark().getTimestamp()).isEqualTo(10L);
      List<Row> rows = h.extractOutputValues();
      assertThat(rows).extracting(r -> r.getField(0)).containsExactly("a", "b", "c");
      assertThat(rows).extracting(r -> ((GroupState) r.getField(1)).rowCount).containsExactly(2L, 1L, 1L);
      h.processWatermark(12); // nothing buffered: passes
      assertThat(h.getOutputWatermarks()).extracting(Watermark::getTimestamp).containsExactly(10L, 12L);
      h.processElement(Row.of(5, "a", 1L, true));
      h.getOperator().prepareSnapshotPreBarrier(1); // keeps no state across a barrier
      assertThat(h.extractOutputValues()).hasSize(4);
    }
  }

  @Test
  void rejectsRetractions() throws Exception {
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new LocalGroupAggregateOperator(new int[] {0}, AGGS, IN, 10, 0))) {
      h.open();
      assertThatThrownBy(() -> h.processElement(Row.ofKind(RowKind.DELETE, 1, "a", 1L, true)))
          .hasMessageContaining("insert-only");
    }
  }
}
