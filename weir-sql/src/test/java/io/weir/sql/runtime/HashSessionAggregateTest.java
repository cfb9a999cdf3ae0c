package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.sql.runtime.batch.HashAggregateOperator.Phase;
import io.weir.sql.runtime.batch.HashSessionAggregateOperator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.operators.WindowAggregateOperator;
import io.weir.sql.runtime.operators.WindowSpec;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BATCH SESSION aggregation by hashing (HashSessionAggregateOperator LOCAL on several subtasks,
 * GLOBAL over their partial sessions) against the STREAMING WindowAggregateOperator and a plain
 * recomputation, on seeded random keys and times: out of order, with gaps of exactly the session gap
 * (touching sessions merge), with the default budget and a tiny one that makes LOCAL flush sessions
 * GLOBAL has to merge again and GLOBAL spill.
 */
class HashSessionAggregateTest {
  // (k VARCHAR, v BIGINT, t TIMESTAMP(3), padding), as HashWindowAggregateTest
  static final RowTypeInfo IN = HashWindowAggregateTest.IN;
  static final List<AggregateSpec> AGGS = HashWindowAggregateTest.AGGS;
  static final long TINY = HashWindowAggregateTest.TINY;

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    long seed = 1;
    for (long gap : new long[] {2, 50, 400}) {
      for (long budget : new long[] {0, TINY}) {
        for (int locals : new int[] {1, 3}) {
          args.add(Arguments.of(gap, budget, locals, seed++));
        }
      }
    }
    return args.stream();
  }

  /** Per key (the first one NULL) roughly ascending times with steps of 0, gap - 1, gap, gap + 1 or more, then locally shuffled. */
  static List<Row> randomRows(long seed, long gap, int n, int keys) {
    Random rnd = new Random(seed);
    long[] clock = new long[keys];
    for (int i = 0; i < keys; i++) {
      clock[i] = rnd.nextInt(1000) - 500; // negative times too
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = rnd.nextInt(keys);
      long step = switch (rnd.nextInt(6)) {
        case 0 -> 0;
        case 1 -> gap - 1;
        case 2, 3 -> gap;
        case 4 -> gap + 1;
        default -> rnd.nextInt((int) (3 * gap) + 1);
      };
      clock[k] += step;
      rows.add(Row.of(k == 0 ? null : "key-" + k, rnd.nextInt(7) == 0 ? null : (long) rnd.nextInt(30),
          rnd.nextInt(60) == 0 ? null : HashWindowAggregateTest.time(clock[k]), "padding-" + i));
    }
    // out of order: swap neighbours within a window of 20 rows
    for (int i = 0; i + 1 < rows.size(); i++) {
      if (rnd.nextInt(3) == 0) {
        Collections.swap(rows, i, Math.min(rows.size() - 1, i + 1 + rnd.nextInt(20)));
      }
    }
    return rows;
  }

  static long millis(Object t) {
    return HashWindowAggregateTest.millis((LocalDateTime) t);
  }

  /** key ++ [cnt, sum, max, count distinct] ++ [start, end, end - 1]: per key, times sorted, a new session after a gap. */
  static List<Row> reference(List<Row> rows, long gap) {
    Map<Object, List<Row>> byKey = new HashMap<>();
    for (Row r : rows) {
      if (r.getField(2) != null) {
        byKey.computeIfAbsent(Arrays.asList(r.getField(0)), k -> new ArrayList<>()).add(r);
      }
    }
    List<Row> out = new ArrayList<>();
    byKey.forEach((k, rs) -> {
      rs.sort((a, b) -> Long.compare(millis(a.getField(2)), millis(b.getField(2))));
      List<Row> session = new ArrayList<>();
      long end = Long.MIN_VALUE;
      for (Row r : rs) {
        long t = millis(r.getField(2));
        if (!session.isEmpty() && t > end) {
          out.add(result(session, end));
          session.clear();
        }
        session.add(r);
        end = Math.max(end, t + gap);
      }
      out.add(result(session, end));
    });
    return out;
  }

  private static Row result(List<Row> session, long end) {
    List<Long> vs = session.stream().map(r -> (Long) r.getField(1)).filter(Objects::nonNull).toList();
    long start = millis(session.get(0).getField(2));
    return Row.of(session.get(0).getField(0), (long) session.size(), vs.isEmpty() ? null : vs.stream().mapToLong(x -> x).sum(),
        vs.stream().max(Long::compare).orElse(null), (long) new TreeSet<>(vs).size(),
        HashWindowAggregateTest.time(start), HashWindowAggregateTest.time(end), HashWindowAggregateTest.time(end - 1));
  }

  /** The STREAMING session window over the same rows (no watermark before the end: nothing is late). */
  static List<StreamRecord<Row>> streaming(List<Row> rows, long gap) throws Exception {
    FieldsKeySelector key = new FieldsKeySelector(0);
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new WindowAggregateOperator(WindowSpec.session(gap), 2, AGGS, IN), key, key.keyType(IN))) {
      h.open();
      for (Row r : rows) {
        h.processElement(r, r.getField(2) == null ? Long.MIN_VALUE : millis(r.getField(2)));
      }
      h.processWatermark(Long.MAX_VALUE);
      h.endInput();
      return new ArrayList<>(h.getOutputRecords());
    }
  }

  @ParameterizedTest(name = "gap {0}, budget {1}, {2} local subtasks, seed {3}")
  @MethodSource("cases")
  void localThenGlobalMatchesStreamingAndRecomputation(long gap, long budget, int locals, long seed) throws Exception {
    List<Row> rows = randomRows(seed, gap, 2000, 12);
    int[] keys = {0};
    WindowSpec w = WindowSpec.session(gap);
    List<Row> partials = new ArrayList<>();
    // each LOCAL subtask gets a contiguous chunk: sessions spanning chunks meet only in GLOBAL
    int chunk = (rows.size() + locals - 1) / locals;
    for (int l = 0; l < locals; l++) {
      try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
          new HashSessionAggregateOperator(keys, w, 2, AGGS, IN, budget, Phase.LOCAL))) {
        local.withMode(RuntimeExecutionMode.BATCH).open();
        for (int i = l * chunk; i < Math.min(rows.size(), (l + 1) * chunk); i++) {
          local.processElement(rows.get(i));
        }
        local.processWatermark(Long.MAX_VALUE);
        local.endInput();
        partials.addAll(local.extractOutputValues());
      }
    }
    assertThat(HashSessionAggregateOperator.partialType(keys, IN).getArity()).isEqualTo(4);
    if (budget == TINY) {
      assertThat(overlapping(partials)).as("partial sessions GLOBAL must merge").isPositive();
    }
    Collections.shuffle(partials, new Random(seed));
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new HashSessionAggregateOperator(keys, w, 2, AGGS, IN, budget, Phase.GLOBAL))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Row p : partials) {
        h.processElement(p);
      }
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.getOutputRecords()).as("final watermark held back until the sessions are out").isEmpty();
      h.endInput();
      if (budget == TINY) {
        assertThat(((HashSessionAggregateOperator) h.getOperator()).hasSpilled()).isTrue();
      }
      List<Row> expected = reference(rows, gap);
      assertThat(expected.size()).as("several sessions per key").isGreaterThan(40);
      assertThat(Changelogs.multiset(h.extractOutputValues())).isEqualTo(Changelogs.multiset(expected));
      Map<Row, Integer> timed = new HashMap<>();
      for (StreamRecord<Row> r : h.getOutputRecords()) {
        assertThat(r.getTimestamp()).as("window_time").isEqualTo(millis(r.getValue().getField(7)));
        timed.merge(Row.of(r.getValue(), r.getTimestamp()), 1, Integer::sum);
      }
      Map<Row, Integer> streamingTimed = new HashMap<>();
      for (StreamRecord<Row> r : streaming(rows, gap)) {
        streamingTimed.merge(Row.of(r.getValue(), r.getTimestamp()), 1, Integer::sum);
      }
      assertThat(timed).as("rows and record timestamps of the STREAMING operator").isEqualTo(streamingTimed);
      assertThat(h.getOutput().get(h.getOutput().size() - 1).isWatermark()).isTrue();
    }
  }

  @ParameterizedTest(name = "budget {0}, seed {1}")
  @org.junit.jupiter.params.provider.CsvSource({"0, 101", "4096, 102"})
  void withoutKeysAllRowsFormOneSequenceOfSessions(long budget, long seed) throws Exception {
    List<Row> rows = randomRows(seed, 30, 1500, 1); // one (NULL) key
    int[] keys = {};
    WindowSpec w = WindowSpec.session(30);
    List<Row> partials = new ArrayList<>();
    for (int l = 0; l < 2; l++) {
      try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
          new HashSessionAggregateOperator(keys, w, 2, AGGS, IN, budget, Phase.LOCAL))) {
        local.withMode(RuntimeExecutionMode.BATCH).open();
        for (int i = l; i < rows.size(); i += 2) {
          local.processElement(rows.get(i));
        }
        local.endInput();
        partials.addAll(local.extractOutputValues());
      }
    }
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        new HashSessionAggregateOperator(keys, w, 2, AGGS, IN, budget, Phase.GLOBAL))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Row p : partials) {
        h.processElement(p);
      }
      h.endInput();
      if (budget > 0) {
        assertThat(((HashSessionAggregateOperator) h.getOperator()).hasSpilled()).isTrue();
      }
      List<Row> expected = new ArrayList<>();
      for (Row r : reference(rows, 30)) {
        Row e = new Row(r.getArity() - 1);
        for (int i = 1; i < r.getArity(); i++) {
          e.setField(i - 1, r.getField(i));
        }
        expected.add(e);
      }
      assertThat(expected.size()).isGreaterThan(100);
      assertThat(Changelogs.multiset(h.extractOutputValues())).isEqualTo(Changelogs.multiset(expected));
    }
  }

  /** How many partial sessions overlap or touch an earlier one of the same key. */
  private static int overlapping(List<Row> partials) {
    Map<Object, List<long[]>> byKey = new HashMap<>();
    int n = 0;
    for (Row p : partials) {
      long start = (Long) p.getField(1);
      long end = (Long) p.getField(2);
      List<long[]> seen = byKey.computeIfAbsent(Arrays.asList(p.getField(0)), k -> new ArrayList<>());
      if (seen.stream().anyMatch(s -> s[0] <= end && s[1] >= start)) {
        n++;
      }
      seen.add(new long[] {start, end});
    }
    return n;
  }

  @ParameterizedTest(name = "gap {0}, budget {1}, {2} local subtasks, seed {3}")
  @MethodSource("cases")
  void onlyForSessionWindowsPhasesAndMergeableAggregates(long gap, long budget, int locals, long seed) {
    List<AggregateSpec> first = List.of(new AggregateSpec(Kind.FIRST_VALUE, 1, false, -1, Types.LONG, "f"));
    int[] keys = {0};
    assertThatThrownBy(() -> new HashSessionAggregateOperator(keys, WindowSpec.session(gap), 2, first, IN, budget, Phase.LOCAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HashSessionAggregateOperator(keys, WindowSpec.tumble(gap), 2, AGGS, IN, budget, Phase.GLOBAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HashSessionAggregateOperator(keys, WindowSpec.session(gap), 2, AGGS, IN, budget,
        Phase.COMPLETE)).isInstanceOf(IllegalArgumentException.class);
  }
}
