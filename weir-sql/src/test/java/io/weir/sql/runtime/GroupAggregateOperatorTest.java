package io.weir.sql.runtime;

import static io.weir.core.types.RowKind.DELETE;
import static io.weir.core.types.RowKind.INSERT;
import static io.weir.core.types.RowKind.UPDATE_AFTER;
import static io.weir.core.types.RowKind.UPDATE_BEFORE;
import static io.weir.sql.runtime.Changelogs.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.operators.GroupAggregateOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupAggregateOperatorTest {
  // input: k VARCHAR, v BIGINT
  static final RowTypeInfo IN = new RowTypeInfo(new String[] {"k", "v"}, new io.weir.core.types.TypeInfo<?>[] {Types.STRING, Types.LONG});
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final List<AggregateSpec> AGGS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
      new AggregateSpec(Kind.SUM, 1, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.MAX, 1, false, -1, Types.LONG, "mx"));

  @Test
  void emitsInsertUpdateDeleteAndSuppressesUnchanged() throws Exception {
    OperatorTestSupport.forKeyedOperator(new GroupAggregateOperator(AGGS.subList(1, 3), IN), KEY, KEY.keyType(IN))
        .input(
            row(INSERT, "a", 1L),
            row(INSERT, "b", 5L),
            row(INSERT, "a", 3L),
            row(INSERT, "a", 0L),       // sum/max unchanged -> nothing
            row(UPDATE_BEFORE, "a", 3L),
            row(UPDATE_AFTER, "a", 2L),
            row(DELETE, "b", 5L),       // group b empty -> -D
            row(DELETE, "zzz", 1L))     // unknown group -> ignored
        .expectOutput(
            row(INSERT, "a", 1L, 1L),
            row(INSERT, "b", 5L, 5L),
            row(UPDATE_BEFORE, "a", 1L, 1L),
            row(UPDATE_AFTER, "a", 4L, 3L),
            row(UPDATE_BEFORE, "a", 4L, 3L),
            row(UPDATE_AFTER, "a", 1L, 1L),
            row(UPDATE_BEFORE, "a", 1L, 1L),
            row(UPDATE_AFTER, "a", 3L, 2L),
            row(DELETE, "b", 5L, 5L))
        .expectBatchOutput(row(INSERT, "a", 3L, 2L))
        .run();
  }

  @Test
  void batchEmitsOneFinalRowPerKey() throws Exception {
    OperatorTestSupport.forKeyedOperator(new GroupAggregateOperator(AGGS, IN), KEY, KEY.keyType(IN))
        .input(Row.of("x", 1L), Row.of("y", 2L), Row.of("x", null), Row.of("x", 7L))
        .expectBatchOutput(Row.of("x", 3L, 8L, 7L), Row.of("y", 1L, 2L, 2L))
        .run();
  }

  /** Random valid changelogs; the materialized output equals a from-scratch GROUP BY of the live rows. */
  @ParameterizedTest
  @ValueSource(ints = {0, 3, 50})
  void randomChangelogMatchesRecomputation(int miniBatch) throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed * 31 + miniBatch);
      List<Row> input = new ArrayList<>();
      List<Row> live = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        if (!live.isEmpty() && rnd.nextInt(3) == 0) {
          Row r = live.remove(rnd.nextInt(live.size()));
          input.add(Row.ofKind(rnd.nextBoolean() ? DELETE : UPDATE_BEFORE, r.getField(0), r.getField(1)));
        } else {
          Row r = Row.of("k" + rnd.nextInt(8), rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(10));
          live.add(r);
          input.add(r);
        }
      }
      List<Row> out = new ArrayList<>();
      try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
          new GroupAggregateOperator(AGGS, IN, 0, miniBatch), KEY, KEY.keyType(IN))) {
        h.open();
        for (int i = 0; i < input.size(); i++) {
          h.processElement(input.get(i), i);
        }
        h.endInput();
        out.addAll(h.extractOutputValues());
      }
      Map<Row, Integer> actual = Changelogs.materialize(out);
      Map<Row, Integer> expected = Changelogs.multiset(groupBy(live));
      assertThat(Changelogs.show(actual)).as("seed " + seed).isEqualTo(Changelogs.show(expected));
      if (miniBatch == 0) {
        // never two consecutive changes that cancel, never -U without +U
        for (int i = 0; i < out.size(); i++) {
          if (out.get(i).getKind() == UPDATE_BEFORE) {
            assertThat(out.get(i + 1).getKind()).isEqualTo(UPDATE_AFTER);
            assertThat(Changelogs.show(Changelogs.multiset(List.of(out.get(i)))))
                .isNotEqualTo(Changelogs.show(Changelogs.multiset(List.of(out.get(i + 1)))));
          }
        }
      }
    }
  }

  static List<Row> groupBy(List<Row> rows) {
    Map<Object, List<Row>> groups = new HashMap<>();
    for (Row r : rows) {
      groups.computeIfAbsent(r.getField(0), k -> new ArrayList<>()).add(r);
    }
    List<Row> out = new ArrayList<>();
    groups.forEach((k, rs) -> {
      Long sum = null;
      Long max = null;
      for (Row r : rs) {
        Long v = (Long) r.getField(1);
        if (v != null) {
          sum = sum == null ? v : sum + v;
          max = max == null ? v : Math.max(max, v);
        }
      }
      out.add(Row.of(k, (long) rs.size(), sum, max));
    });
    return out;
  }

  @Test
  void stateTtlDropsIdleGroups() throws Exception {
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new GroupAggregateOperator(AGGS.subList(0, 1), IN, 100, 0), KEY, KEY.keyType(IN))) {
      h.open();
      h.processElement(Row.of("a", 1L));
      h.setProcessingTime(60);
      h.processElement(Row.of("a", 1L)); // touched at 60: survives the timer at 100
      h.setProcessingTime(120);
      h.processElement(Row.of("a", 1L));
      h.setProcessingTime(400); // idle since 120 -> dropped
      h.processElement(Row.of("a", 1L));
      assertThat(h.extractOutputValues()).containsExactly(
          row(INSERT, "a", 1L),
          row(UPDATE_BEFORE, "a", 1L), row(UPDATE_AFTER, "a", 2L),
          row(UPDATE_BEFORE, "a", 2L), row(UPDATE_AFTER, "a", 3L),
          row(INSERT, "a", 1L));
    }
  }

  @Test
  void batchModeViaHarnessIsInsertOnly() throws Exception {
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new GroupAggregateOperator(AGGS, IN), KEY, KEY.keyType(IN))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      h.processElement(Row.of("a", 1L));
      h.processElement(Row.of("a", 2L));
      h.processElement(Row.of("b", 2L));
      h.processWatermark(Long.MAX_VALUE);
      h.endInput();
      assertThat(h.extractOutputValues()).extracting(Row::getKind).containsOnly(RowKind.INSERT);
      assertThat(h.extractOutputValues()).containsExactly(Row.of("a", 2L, 3L, 2L), Row.of("b", 1L, 2L, 2L));
    }
  }

  @Test
  void globalAggregateHasOneRowEvenWithoutInput() throws Exception {
    FieldsKeySelector global = new FieldsKeySelector();
    OperatorTestSupport.forKeyedOperator(new GroupAggregateOperator(AGGS, IN), global, global.keyType(IN))
        .input()
        .expectOutput(Row.of(0L, null, null))
        .expectBatchOutput(Row.of(0L, null, null))
        .run();
    // retracted back to empty: the final STREAMING result is again the one empty-input row
    OperatorTestSupport.forKeyedOperator(new GroupAggregateOperator(AGGS, IN), global, global.keyType(IN))
        .input(row(INSERT, "a", 4L), row(DELETE, "a", 4L))
        .expectOutput(row(INSERT, 1L, 4L, 4L), row(DELETE, 1L, 4L, 4L), row(INSERT, 0L, null, null))
        .run();
    // a grouped aggregate emits nothing for no input
    OperatorTestSupport.forKeyedOperator(new GroupAggregateOperator(AGGS, IN), KEY, KEY.keyType(IN))
        .input()
        .expectOutput()
        .expectBatchOutput()
        .run();
  }

  @Test
  void miniBatchFoldsBufferedRowsAndFlushesOnLatency() throws Exception {
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new GroupAggregateOperator(AGGS.subList(0, 1), IN, 0, 100, 50), KEY, KEY.keyType(IN))) {
      h.open();
      h.processElement(Row.of("a", 1L));
      h.processElement(Row.of("a", 1L));
      h.processElement(Row.of("b", 1L));
      assertThat(h.extractOutputValues()).isEmpty();
      h.setProcessingTime(60);
      assertThat(h.extractOutputValues()).containsExactly(row(INSERT, "a", 2L), row(INSERT, "b", 1L));
      h.processElement(Row.of("a", 1L));
      h.processElement(row(DELETE, "a", 1L)); // folds to no change
      h.setProcessingTime(120);
      assertThat(h.extractOutputValues()).hasSize(2);
    }
  }
  /** A watermark does not flush the buffer; it follows the results of the rows that preceded it. */
  @Test
  void miniBatchHoldsWatermarksBackUntilTheFlush() throws Exception {
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new GroupAggregateOperator(AGGS.subList(0, 1), IN, 0, 3, 1000), KEY, KEY.keyType(IN))) {
      h.open();
      h.processWatermark(5); // nothing buffered: passes at once
      assertThat(h.getOutputWatermarks()).extracting(w -> w.getTimestamp()).containsExactly(5L);
      h.processElement(Row.of("a", 1L));
      h.processWatermark(7);
      h.processElement(Row.of("b", 1L));
      h.processWatermark(9);
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(h.getOutputWatermarks()).hasSize(1);
      h.processElement(Row.of("a", 1L)); // the third row: size flush
      List<io.weir.runtime.streamrecord.StreamElement> out = h.getOutput();
      assertThat(out).hasSize(4);
      assertThat(out.get(3)).isInstanceOf(io.weir.runtime.streamrecord.Watermark.class);
      assertThat(((io.weir.runtime.streamrecord.Watermark) out.get(3)).getTimestamp()).isEqualTo(9L);
      assertThat(h.extractOutputValues()).containsExactly(row(INSERT, "a", 2L), row(INSERT, "b", 1L));
      h.processElement(Row.of("c", 1L));
      h.processWatermark(Long.MAX_VALUE); // the final watermark flushes
      assertThat(h.extractOutputValues()).last().isEqualTo(row(INSERT, "c", 1L));
      assertThat(h.getOutputWatermarks()).extracting(w -> w.getTimestamp()).containsExactly(5L, 9L, Long.MAX_VALUE);
    }
  }

  /**
   * Nexmark q4's shape: MAX per (id, category) over inserts, then AVG per category over that
   * changelog. Mini-batch on both ends gives the same final result as without, with fewer changes
   * between the two (the MAX updates of one id within a batch fold into one -U/+U).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void miniBatchFoldsTwoStageAggregationToTheSameResult(int seed) throws Exception {
    RowTypeInfo bids = new RowTypeInfo(new String[] {"id", "category", "price"},
        new io.weir.core.types.TypeInfo<?>[] {Types.LONG, Types.LONG, Types.LONG});
    Random rnd = new Random(seed);
    List<Row> input = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      long id = rnd.nextInt(200);
      input.add(Row.of(id, id % 5, (long) rnd.nextInt(10_000)));
    }
    List<Row> plainMax = runAggregate(input, bids, 0);
    List<Row> batchedMax = runAggregate(input, bids, 500);
    assertThat(batchedMax.size()).isLessThan(plainMax.size());
    RowTypeInfo maxType = new RowTypeInfo(new String[] {"id", "category", "m"},
        new io.weir.core.types.TypeInfo<?>[] {Types.LONG, Types.LONG, Types.LONG});
    List<Row> plainAvg = runAverage(plainMax, maxType, 0);
    List<Row> batchedAvg = runAverage(batchedMax, maxType, 500);
    assertThat(Changelogs.show(Changelogs.materialize(batchedAvg)))
        .isEqualTo(Changelogs.show(Changelogs.materialize(plainAvg)));
    assertThat(Changelogs.materialize(plainAvg)).hasSize(5);
  }

  private static List<Row> runAggregate(List<Row> input, RowTypeInfo type, int miniBatch) throws Exception {
    FieldsKeySelector key = new FieldsKeySelector(0, 1);
    var max = List.of(new AggregateSpec(Kind.MAX, 2, false, -1, Types.LONG, "m"));
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new GroupAggregateOperator(max, type, 0, miniBatch, 1000, false), key, key.keyType(type))) {
      h.open();
      for (int i = 0; i < input.size(); i++) {
        h.processElement(input.get(i), i);
        if (i % 700 == 0) {
          h.processWatermark(i);
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      h.endInput();
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  private static List<Row> runAverage(List<Row> changelog, RowTypeInfo type, int miniBatch) throws Exception {
    FieldsKeySelector key = new FieldsKeySelector(1);
    var avg = List.of(new AggregateSpec(Kind.AVG, 2, false, -1, Types.LONG, "a"));
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new GroupAggregateOperator(avg, type, 0, miniBatch, 1000, true), key, key.keyType(type))) {
      h.open();
      for (Row r : changelog) {
        h.processElement(r.copy());
      }
      h.endInput();
      return new ArrayList<>(h.extractOutputValues());
    }
  }
}
