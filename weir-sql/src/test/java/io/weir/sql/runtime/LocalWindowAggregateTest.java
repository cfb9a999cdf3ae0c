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
