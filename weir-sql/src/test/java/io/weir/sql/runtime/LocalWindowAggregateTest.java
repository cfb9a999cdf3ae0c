package io.weir.sql.runtime;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.core.types.Types;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.TimestampedValue;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.functions.UserAggregateCall;
import io.weir.sql.runtime.operators.LocalWindowAggregateOperator;
import io.weir.sql.runtime.operators.WindowAggregateOperator;
import io.weir.sql.runtime.operators.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two-phase window aggregation (LocalWindowAggregateOperator in front of WindowAggregateOperator
 * in global mode) against the one-phase operator on the same insert-only input: out-of-order rows,
 * late rows that only some of their windows still take, rows after all their windows fired, and
 * checkpoints in between (the local operator flushes before the barrier, the global one is
 * snapshotted and restored into a fresh instance). Equal output, and fewer records cross the
 * exchange than rows come in.
 */
class LocalWindowAggregateTest {
  static final List<AggregateSpec> AGGS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
      new AggregateSpec(Kind.SUM, 2, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.MAX, 2, false, -1, Types.LONG, "mx"),
      new AggregateSpec(Kind.USER_DEFINED, 2, false, -1, Types.LONG, "calls",
          new UserAggregateCall("counting", new CountingAggregate(), new int[] {2}, true, true)));

  @ParameterizedTest
  @ValueSource(strings = {"tumble", "hop", "hop-offset", "cumulate", "cumulate-offset"})
  void twoPhaseMatchesOnePhase(String kind) throws Exception {
    WindowSpec w = switch (kind) {
      case "tumble" -> WindowSpec.tumble(2000);
      case "hop" -> WindowSpec.hop(2000, 10000);
      case "hop-offset" -> WindowSpec.hop(2000, 10000, 700);
      case "cumulate" -> WindowSpec.cumulate(2000, 10000);
      default -> WindowSpec.cumulate(2000, 10000, -300);
    };
    assertThat(WindowAggregateOperator.supportsTwoPhase(w, AGGS)).isTrue();
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed * 17 + kind.hashCode());
      List<Object> items = new ArrayList<>(); // rows, watermarks, and "barrier" markers
      long time = 0;
      int rows = 0;
      for (int i = 0; i < 1500; i++) {
        time += rnd.nextInt(40);
        int lateness = rnd.nextInt(25);
        long ts = Math.max(0, time - (lateness == 0 ? 3000 + rnd.nextInt(12000) : rnd.nextInt(1000)));
        // a few hot keys and a long tail, like Nexmark's bids per auction
        String key = rnd.nextBoolean() ? "hot" + rnd.nextInt(2) : "k" + rnd.nextInt(8);
        items.add(record(WindowAggregateOperatorTest.in(key, ts, rnd.nextInt(100)), ts));
        rows++;
        if (rnd.nextInt(10) == 0) {
          items.add(watermark(time - 1001));
        }
        if (rnd.nextInt(300) == 0) {
          items.add("barrier");
        }
      }
      items.add(watermark(Long.MAX_VALUE - 1));

      List<Row> onePhase = new ArrayList<>();
      try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
          new WindowAggregateOperator(w, 1, AGGS, WindowAggregateOperatorTest.IN, false),
          WindowAggregateOperatorTest.KEY, WindowAggregateOperatorTest.KEY.keyType(WindowAggregateOperatorTest.IN))) {
        h.open();
        for (Object item : items) {
          if (item instanceof Watermark wm) {
            h.processWatermark(wm);
          } else if (item instanceof TimestampedValue<?> tv) {
            h.processElement((Row) tv.value(), tv.timestamp());
          }
        }
        h.endInput();
        onePhase.addAll(h.extractOutputValues());
      }
      assertThat(onePhase).hasSizeGreaterThan(50);

      List<Row> twoPhase = new ArrayList<>();
      long[] partials = {0};
      try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
          new LocalWindowAggregateOperator(w, 1, new int[] {0}, AGGS, WindowAggregateOperatorTest.IN))) {
        local.open();
        OneInputOperatorTestHarness<Row, Row> global = global(w, null);
        long checkpoint = 0;
        Watermark last = null;
        for (Object item : items) {
          if (item instanceof Watermark wm) {
            local.processWatermark(wm);
            last = wm;
          } else if (item instanceof TimestampedValue<?> tv) {
            local.processElement((Row) tv.value(), tv.timestamp());
          } else {
            local.getOperator().prepareSnapshotPreBarrier(++checkpoint);
          }
          partials[0] += forward(local, global);
          if ("barrier".equals(item)) {
            OperatorSnapshot snapshot = global.snapshot(checkpoint);
            twoPhase.addAll(global.extractOutputValues());
            global.close();
            global = global(w, snapshot);
            // event time is not part of a snapshot: a restarted job's watermark starts over, and the
            // one-phase reference keeps its own, so the restored operator gets the last one again
            if (last != null) {
              global.processWatermark(last);
              global.clearOutput();
            }
          }
        }
        local.endInput();
        partials[0] += forward(local, global);
        global.endInput();
        twoPhase.addAll(global.extractOutputValues());
        global.close();
      }
      assertThat(Changelogs.show(Changelogs.multiset(twoPhase))).as(kind + " seed " + seed)
          .isEqualTo(Changelogs.show(Changelogs.multiset(onePhase)));
      assertThat(partials[0]).as("partial rows vs input rows").isLessThan(rows / 3);
    }
  }

  // (window_start, window_end, num): a window aggregate's output, aggregated again per window
  // (Nexmark q5's MAX(num) per window): the key is the two window columns, the time window_end
  static final io.weir.core.types.RowTypeInfo WINDOWS = new io.weir.core.types.RowTypeInfo(
      Types.LOCAL_DATE_TIME, Types.LOCAL_DATE_TIME, Types.LONG);
  static final io.weir.sql.runtime.functions.FieldsKeySelector BY_WINDOW = new io.weir.sql.runtime.functions.FieldsKeySelector(0, 1);
  static final List<AggregateSpec> MAX_AND_COUNT = List.of(
      new AggregateSpec(Kind.MAX, 2, false, -1, Types.LONG, "maxnum"),
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"));

  /**
   * The cascaded aggregation over window_end: runs of rows of one window (all keys of a window
   * fire together), windows interleaved, late windows, checkpoints; the composite key is compared
   * with the previous row's instead of hashed. Equal to the one-phase operator and to a plain
   * recomputation.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void cascadedTwoPhaseOverWindowEndMatchesOnePhase(int seed) throws Exception {
    Random rnd = new Random(seed * 31L);
    WindowSpec w = WindowSpec.tumble(1);
    List<Object> items = new ArrayList<>();
    java.util.Map<Long, long[]> expected = new java.util.TreeMap<>(); // window end -> max, count
    long watermark = Long.MIN_VALUE;
    long end = 10_000;
    for (int i = 0; i < 60; i++) {
      end += 2000 * (1 + rnd.nextInt(2));
      int run = 1 + rnd.nextInt(40);
      // a fresh LocalDateTime per row, as after an exchange: equal, not identical
      for (int j = 0; j < run; j++) {
        long e = rnd.nextInt(8) == 0 ? end - 2000 : end;
        long num = rnd.nextInt(1000);
        items.add(record(Row.of(WindowAggregateOperatorTest.t(e - 10_000), WindowAggregateOperatorTest.t(e), num), e - 1));
        if (e > watermark) { // else late: its window [e, e + 1) has fired
          expected.merge(e, new long[] {num, 1}, (a, b) -> new long[] {Math.max(a[0], b[0]), a[1] + b[1]});
        }
      }
      if (rnd.nextInt(3) > 0) {
        watermark = end - 1 - rnd.nextInt(2) * 2000;
        items.add(watermark(watermark));
      }
      if (rnd.nextInt(6) == 0) {
        items.add("barrier");
      }
    }
    items.add(watermark(Long.MAX_VALUE - 1));

    List<Row> onePhase = new ArrayList<>();
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new WindowAggregateOperator(w, 1, MAX_AND_COUNT, WINDOWS, false), BY_WINDOW, BY_WINDOW.keyType(WINDOWS))) {
      h.open();
      for (Object item : items) {
        if (item instanceof Watermark wm) {
          h.processWatermark(wm);
        } else if (item instanceof TimestampedValue<?> tv) {
          h.processElement((Row) tv.value(), tv.timestamp());
        }
      }
      h.endInput();
      onePhase.addAll(h.extractOutputValues());
    }
    List<Row> recomputed = new ArrayList<>();
    expected.forEach((e, v) -> recomputed.add(Row.of(WindowAggregateOperatorTest.t(e - 10_000), WindowAggregateOperatorTest.t(e),
        v[0], v[1], WindowAggregateOperatorTest.t(e), WindowAggregateOperatorTest.t(e + 1), WindowAggregateOperatorTest.t(e))));
    assertThat(Changelogs.show(Changelogs.multiset(onePhase))).isEqualTo(Changelogs.show(Changelogs.multiset(recomputed)));

    List<Row> twoPhase = new ArrayList<>();
    long partials = 0;
    int rows = 0;
    try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
        new LocalWindowAggregateOperator(w, 1, new int[] {0, 1}, MAX_AND_COUNT, WINDOWS))) {
      local.open();
      OneInputOperatorTestHarness<Row, Row> global = cascadedGlobal(null);
      long checkpoint = 0;
      Watermark last = null;
      for (Object item : items) {
        if (item instanceof Watermark wm) {
          local.processWatermark(wm);
          last = wm;
        } else if (item instanceof TimestampedValue<?> tv) {
          local.processElement((Row) tv.value(), tv.timestamp());
          rows++;
        } else {
          local.getOperator().prepareSnapshotPreBarrier(++checkpoint);
        }
        partials += forwardCascaded(local, global);
        if ("barrier".equals(item)) {
          OperatorSnapshot snapshot = global.snapshot(checkpoint);
          twoPhase.addAll(global.extractOutputValues());
          global.close();
          global = cascadedGlobal(snapshot);
          if (last != null) {
            global.processWatermark(last);
            global.clearOutput();
          }
        }
      }
      local.endInput();
      partials += forwardCascaded(local, global);
      global.endInput();
      twoPhase.addAll(global.extractOutputValues());
      global.close();
    }
    assertThat(Changelogs.show(Changelogs.multiset(twoPhase))).isEqualTo(Changelogs.show(Changelogs.multiset(onePhase)));
    assertThat(partials).as("partial rows vs input rows").isLessThan(rows / 4);
  }

  private static OneInputOperatorTestHarness<Row, Row> cascadedGlobal(OperatorSnapshot restore) throws Exception {
    io.weir.sql.runtime.functions.FieldsKeySelector key = new io.weir.sql.runtime.functions.FieldsKeySelector(0, 1);
    var h = new OneInputOperatorTestHarness<>(WindowAggregateOperator.global(WindowSpec.tumble(1), 1, MAX_AND_COUNT, WINDOWS, 2),
        key, BY_WINDOW.keyType(WINDOWS));
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  @SuppressWarnings("unchecked")
  private static int forwardCascaded(OneInputOperatorTestHarness<Row, Row> local, OneInputOperatorTestHarness<Row, Row> global)
      throws Exception {
    int records = 0;
    for (StreamElement e : local.getOutput()) {
      if (e instanceof Watermark wm) {
        global.processWatermark(wm);
      } else if (e instanceof StreamRecord<?> r) {
        global.processElement((StreamRecord<Row>) r);
        records++;
      }
    }
    local.clearOutput();
    return records;
  }

  private static OneInputOperatorTestHarness<Row, Row> global(WindowSpec w, OperatorSnapshot restore) throws Exception {
    var h = new OneInputOperatorTestHarness<>(
        WindowAggregateOperator.global(w, 1, AGGS, WindowAggregateOperatorTest.IN, 1),
        WindowAggregateOperatorTest.KEY, WindowAggregateOperatorTest.KEY.keyType(WindowAggregateOperatorTest.IN));
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  /** Moves what the local operator emitted, records and watermarks in order, into the global one. */
  @SuppressWarnings("unchecked")
  private static int forward(OneInputOperatorTestHarness<Row, Row> local, OneInputOperatorTestHarness<Row, Row> global)
      throws Exception {
    int records = 0;
    for (StreamElement e : local.getOutput()) {
      if (e instanceof Watermark wm) {
        global.processWatermark(wm);
      } else if (e instanceof StreamRecord<?> r) {
        Row partial = (Row) r.getValue();
        assertThat(partial.getArity()).isEqualTo(3);
        // the record's timestamp lies in the partial's slice, as the slice time column says
        assertThat(r.getTimestamp()).isEqualTo((Long) partial.getField(1));
        global.processElement((StreamRecord<Row>) r);
        records++;
      }
    }
    local.clearOutput();
    return records;
  }
}
