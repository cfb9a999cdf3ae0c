package io.weir.sql.runtime;

import static io.weir.sql.runtime.WindowAggregateOperatorTest.AGGS;
import static io.weir.sql.runtime.WindowAggregateOperatorTest.IN;
import static io.weir.sql.runtime.WindowAggregateOperatorTest.KEY;
import static io.weir.sql.runtime.WindowAggregateOperatorTest.in;
import static io.weir.sql.runtime.WindowAggregateOperatorTest.out;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.core.types.Types;
import io.weir.runtime.state.AsyncSnapshot;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.operators.WindowAggregateOperator;
import io.weir.sql.runtime.operators.WindowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STREAMING SESSION window aggregation (lazy timers, sessions extended in place) against a naive
 * reference that keeps each open session as its list of rows and recomputes intervals, counts and
 * sums from them: seeded random rows of several keys, out of order within the watermark bound,
 * late rows (and rows exactly at the lateness boundary), a checkpoint/restore into a fresh
 * operator in the middle, and an asynchronous (copy-on-write) snapshot that must still hold the
 * state of its barrier after the operator went on extending sessions in place. Results are
 * compared per watermark: a session must be emitted by the same watermark as the reference's.
 */
class SessionWindowAggregateTest {
  private static final long GAP = 500;
  private static final long BOUND = 800;

  /** The naive reference: per key, the open sessions as lists of {ts, v} rows. */
  private static final class Reference {
    final Map<String, List<List<long[]>>> open = new HashMap<>();
    long watermark = Long.MIN_VALUE;

    void add(String key, long ts, long v) {
      if (ts + GAP - 1 <= watermark) {
        return; // late: its own session would have fired already
      }
      List<List<long[]>> sessions = open.computeIfAbsent(key, k -> new ArrayList<>());
      List<long[]> merged = new ArrayList<>();
      merged.add(new long[] {ts, v});
      boolean grew = true;
      while (grew) { // sessions touching the merged one join it, until none does
        grew = false;
        for (int i = 0; i < sessions.size(); i++) {
          if (touches(sessions.get(i), merged)) {
            merged.addAll(sessions.remove(i));
            grew = true;
            break;
          }
        }
      }
      sessions.add(merged);
    }

    static long start(List<long[]> s) {
      return s.stream().mapToLong(r -> r[0]).min().orElseThrow();
    }

    static long end(List<long[]> s) {
      return s.stream().mapToLong(r -> r[0]).max().orElseThrow() + GAP;
    }

    static boolean touches(List<long[]> a, List<long[]> b) {
      return start(a) <= end(b) && end(a) >= start(b);
    }

    List<Row> advance(long wm) {
      watermark = Math.max(watermark, wm);
      List<Row> fired = new ArrayList<>();
      open.forEach((k, sessions) -> sessions.removeIf(s -> {
        if (end(s) - 1 > watermark) {
          return false;
        }
        fired.add(out(k, s.size(), s.stream().mapToLong(r -> r[1]).sum(), start(s), end(s)));
        return true;
      }));
      return fired;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void matchesNaiveSessionsPerWatermarkAcrossRestore(long seed) throws Exception {
    Random rnd = new Random(seed);
    int n = 3000;
    int restoreAt = n / 3 + rnd.nextInt(n / 3);
    int asyncAt = n / 4 + rnd.nextInt(n / 2);
    Reference ref = new Reference();
    // per watermark index: expected and actual session rows (rendered, sorted)
    TreeMap<Integer, List<String>> expected = new TreeMap<>();
    TreeMap<Integer, List<String>> actual = new TreeMap<>();
    int wmIndex = 0;
    long time = 0;
    long maxTs = Long.MIN_VALUE;
    Watermark lastWm = null;
    int late = 0;
    AsyncSnapshot<Map<Integer, byte[]>> frozen = null;
    Map<Integer, String> atFreeze = null;
    OneInputOperatorTestHarness<Row, Row> h = harness(null);
    for (int i = 0; i < n; i++) {
      String key = "k" + rnd.nextInt(5);
      // keys bid in bursts with pauses longer than the gap now and then
      time += rnd.nextInt(10) == 0 ? rnd.nextInt(3 * (int) GAP) : rnd.nextInt(120);
      long ts = time - rnd.nextInt((int) BOUND);
      if (lastWm != null && rnd.nextInt(25) == 0) {
        // late or right at the lateness boundary: ts + GAP - 1 <= watermark is late
        ts = lastWm.getTimestamp() - GAP + 1 + rnd.nextInt(3) - (rnd.nextBoolean() ? rnd.nextInt(2000) : 0);
        if (ts + GAP - 1 <= lastWm.getTimestamp()) {
          late++;
        }
      }
      long v = rnd.nextInt(100);
      ref.add(key, ts, v);
      h.processElement(in(key, ts, v), ts);
      maxTs = Math.max(maxTs, ts);
      if (rnd.nextInt(8) == 0) {
        Watermark wm = new Watermark(maxTs - BOUND - 1);
        if (lastWm == null || wm.getTimestamp() > lastWm.getTimestamp()) {
          wmIndex++;
          expected.computeIfAbsent(wmIndex, x -> new ArrayList<>()).addAll(show(ref.advance(wm.getTimestamp())));
          h.processWatermark(wm);
          lastWm = wm;
        }
      }
      drain(h, wmIndex, actual);
      if (i == asyncAt) {
        atFreeze = bytes(h.getKeyedStateBackend().snapshot(100));
        frozen = h.getKeyedStateBackend().snapshotAsync(101);
      }
      if (frozen != null && (i == asyncAt + 200 || i == restoreAt)) {
        assertThat(bytes(frozen.write())).as("copy-on-write snapshot after in-place changes").isEqualTo(atFreeze);
        frozen = null;
      }
      if (i == restoreAt) {
        OperatorSnapshot snapshot = h.snapshot(7);
        h.close();
        h = harness(snapshot);
        // event time is not part of a snapshot: the restarted input brings the watermark again
        if (lastWm != null) {
          h.processWatermark(lastWm);
          assertThat(h.extractOutputValues()).as("nothing fires twice after a restore").isEmpty();
          h.clearOutput();
        }
      }
    }
    wmIndex++;
    expected.computeIfAbsent(wmIndex, x -> new ArrayList<>()).addAll(show(ref.advance(Long.MAX_VALUE)));
    h.processWatermark(new Watermark(Long.MAX_VALUE));
    drain(h, wmIndex, actual);
    h.endInput();
    drain(h, wmIndex, actual);
    h.close();
    expected.values().removeIf(List::isEmpty);
    expected.values().forEach(l -> l.sort(null));
    actual.values().forEach(l -> l.sort(null));
    assertThat(late).as("the input has late rows").isGreaterThan(5);
    assertThat(expected.values().stream().mapToInt(List::size).sum()).as("sessions").isGreaterThan(50);
    assertThat(actual).isEqualTo(expected);
  }

  /** FIRST_VALUE/LAST_VALUE follow arrival order within a session (extended rows append). */
  @Test
  void firstAndLastValueFollowArrivalOrder() throws Exception {
    List<AggregateSpec> aggs = List.of(
        new AggregateSpec(Kind.FIRST_VALUE, 2, false, -1, Types.LONG, "first"),
        new AggregateSpec(Kind.LAST_VALUE, 2, false, -1, Types.LONG, "last"));
    try (var h = new OneInputOperatorTestHarness<>(new WindowAggregateOperator(WindowSpec.session(GAP), 1, aggs, IN),
        KEY, KEY.keyType(IN))) {
      h.open();
      // one session, out of order in time: arrival order is 7, 8, 9
      h.processElement(in("a", 100, 7), 100);
      h.processElement(in("a", 300, 8), 300);
      h.processElement(in("a", 50, 9), 50);
      h.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(h.extractOutputValues()).extracting(r -> r.getField(1), r -> r.getField(2))
          .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, 9L));
    }
  }

  private static OneInputOperatorTestHarness<Row, Row> harness(OperatorSnapshot restore) throws Exception {
    var h = new OneInputOperatorTestHarness<>(new WindowAggregateOperator(WindowSpec.session(GAP), 1, AGGS, IN),
        KEY, KEY.keyType(IN));
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }

  /** Moves the harness's output rows into {@code into} under the index of the watermark that emitted them. */
  private static void drain(OneInputOperatorTestHarness<Row, Row> h, int wmIndex, Map<Integer, List<String>> into) {
    for (StreamElement e : h.getOutput()) {
      if (e instanceof StreamRecord<?> r) {
        into.computeIfAbsent(wmIndex, x -> new ArrayList<>()).add(String.valueOf(r.getValue()));
      }
    }
    h.clearOutput();
  }

  private static Map<Integer, String> bytes(Map<Integer, byte[]> sections) {
    Map<Integer, String> m = new TreeMap<>();
    sections.forEach((g, b) -> m.put(g, java.util.Base64.getEncoder().encodeToString(b)));
    return m;
  }

  private static List<String> show(List<Row> rows) {
    return rows.stream().map(String::valueOf).toList();
  }
}
