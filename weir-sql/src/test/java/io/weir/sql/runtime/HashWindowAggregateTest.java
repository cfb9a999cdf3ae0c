package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.sql.runtime.batch.HashAggregateOperator;
import io.weir.sql.runtime.batch.HashAggregateOperator.Phase;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.operators.WindowSpec;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * BATCH window aggregation by hashing (HashAggregateOperator LOCAL by key and slice, GLOBAL by key
 * and window) against a per-window reference computed here, for every window kind with and without
 * offset, with the default budget and a tiny one that makes LOCAL flush early and GLOBAL spill.
 */
class HashWindowAggregateTest {
  // (k VARCHAR, v BIGINT, t TIMESTAMP(3), padding)
  static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.LOCAL_DATE_TIME, Types.STRING);
  static final List<AggregateSpec> AGGS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
      new AggregateSpec(Kind.SUM, 1, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.MAX, 1, false, -1, Types.LONG, "mx"),
      new AggregateSpec(Kind.COUNT, 1, true, -1, Types.LONG, "cd"));
  static final long TINY = 4096;

  static Stream<Arguments> cases() {
    List<WindowSpec> windows = List.of(WindowSpec.tumble(1000), WindowSpec.tumble(1000, 300), WindowSpec.hop(200, 1000),
        WindowSpec.hop(250, 1000, 70), WindowSpec.cumulate(250, 1000), WindowSpec.cumulate(200, 600, -130),
        WindowSpec.hop(1000, 1000));
    List<Arguments> args = new ArrayList<>();
    long seed = 1;
    for (WindowSpec w : windows) {
      for (long budget : new long[] {0, TINY}) {
        args.add(Arguments.of(w, budget, seed++));
      }
    }
    return args.stream();
  }

  static List<Row> randomRows(long seed, int n) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // times around the epoch (negative ones too) and out of order
      long ms = rnd.nextInt(8000) - 3000;
      rows.add(Row.of(rnd.nextInt(25) == 0 ? null : "key-" + rnd.nextInt(40),
          rnd.nextInt(7) == 0 ? null : (long) rnd.nextInt(30),
          rnd.nextInt(50) == 0 ? null : time(ms), "padding-" + i));
    }
    return rows;
  }

  static LocalDateTime time(long ms) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000, ZoneOffset.UTC);
  }

  static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** key ++ [cnt, sum, max, count distinct] ++ [start, end, end - 1], one row per non-empty window. */
  static List<Row> reference(List<Row> rows, WindowSpec w) {
    Map<List<Object>, List<Row>> windows = new HashMap<>();
    for (Row r : rows) {
      if (r.getField(2) == null) {
        continue;
      }
      for (long end : w.windowEnds(millis((LocalDateTime) r.getField(2)))) {
        windows.computeIfAbsent(java.util.Arrays.asList(r.getField(0), end), k -> new ArrayList<>()).add(r);
      }
    }
    List<Row> out = new ArrayList<>();
    windows.forEach((k, rs) -> {
      long end = (Long) k.get(1);
      List<Long> vs = rs.stream().map(r -> (Long) r.getField(1)).filter(Objects::nonNull).toList();
      out.add(Row.of(k.get(0), (long) rs.size(), vs.isEmpty() ? null : vs.stream().mapToLong(x -> x).sum(),
          vs.stream().max(Long::compare).orElse(null), (long) new TreeSet<>(vs).size(),
          time(w.windowStart(end)), time(end), time(end - 1)));
    });
    return out;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void localThenGlobalMatchesPerWindowAggregation(WindowSpec w, long budget, long seed) throws Exception {
    List<Row> rows = randomRows(seed, 2500);
    int[] keys = {0};
    List<Row> partials = new ArrayList<>();
    // two LOCAL subtasks, each with half of the rows: partials of one key and slice meet in GLOBAL
    for (int half = 0; half < 2; half++) {
      try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
          HashAggregateOperator.windowed(keys, w, 2, AGGS, IN, budget, Phase.LOCAL))) {
        local.withMode(RuntimeExecutionMode.BATCH).open();
        for (int i = half; i < rows.size(); i += 2) {
          local.processElement(rows.get(i));
        }
        local.processWatermark(Long.MAX_VALUE);
        local.endInput();
        partials.addAll(local.extractOutputValues());
      }
    }
    assertThat(HashAggregateOperator.windowPartialType(keys, IN).getArity()).isEqualTo(3);
    for (Row p : partials) {
      assertThat(p.getArity()).isEqualTo(3);
      long sliceEnd = (Long) p.getField(1);
      assertThat(w.windowEnds(sliceEnd - 1)).as("a slice lies in the windows of its last millisecond")
          .isEqualTo(w.windowEnds(sliceEnd - w.step()));
    }
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(
        HashAggregateOperator.windowed(keys, w, 2, AGGS, IN, budget, Phase.GLOBAL))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Row p : partials) {
        h.processElement(p);
      }
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.getOutputRecords()).as("final watermark held back until the windows are out").isEmpty();
      h.endInput();
      if (budget == TINY) {
        assertThat(((HashAggregateOperator) h.getOperator()).hasSpilled()).isTrue();
      }
      List<Row> expected = reference(rows, w);
      assertThat(Changelogs.multiset(h.extractOutputValues())).isEqualTo(Changelogs.multiset(expected));
      for (StreamRecord<Row> r : h.getOutputRecords()) {
        assertThat(r.getTimestamp()).as("window_time").isEqualTo(millis((LocalDateTime) r.getValue().getField(7)));
      }
      assertThat(h.getOutput().get(h.getOutput().size() - 1).isWatermark()).isTrue();
    }
  }

  /**
   * BATCH on watermarks: rows in time order through the STREAMING local phase into the GLOBAL hash
   * phase, with watermarks every 50 rows. Each watermark W the GLOBAL phase passes on comes after
   * every window ending at or before W + 1 (those with end - 1 <= W), and no window is emitted
   * twice; the whole output equals the reference. With the tiny budget it spills, stops firing
   * and passing watermarks, and the rest comes at the end.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void onWatermarksEmitsEachWindowOnceItClosesAndMatchesTheReference(WindowSpec w, long budget, long seed)
      throws Exception {
    List<Row> rows = new ArrayList<>(randomRows(seed, 2500));
    rows.removeIf(r -> r.getField(2) == null);
    rows.sort(java.util.Comparator.comparing(r -> (LocalDateTime) r.getField(2)));
    int[] keys = {0};
    List<Row> expected = reference(rows, w);
    assertThat(HashAggregateOperator.supportsWatermarks(w, AGGS)).isTrue();
    try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
            new io.weir.sql.runtime.operators.LocalWindowAggregateOperator(w, 2, keys, AGGS, IN));
        OneInputOperatorTestHarness<Row, Row> global = new OneInputOperatorTestHarness<>(
            HashAggregateOperator.windowedOnWatermarks(keys, w, 2, AGGS, IN, budget))) {
      local.withMode(RuntimeExecutionMode.STREAMING).open();
      global.withMode(RuntimeExecutionMode.STREAMING).open();
      int passedWatermarks = 0;
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        local.processElement(r, millis((LocalDateTime) r.getField(2)));
        if (i % 50 == 49 || i == rows.size() - 1) {
          local.processWatermark(millis((LocalDateTime) r.getField(2)) - 1);
        }
        for (io.weir.runtime.streamrecord.StreamElement e : local.getOutput()) {
          if (e.isWatermark()) {
            long wm = ((io.weir.runtime.streamrecord.Watermark) e).getTimestamp();
            global.processWatermark(wm);
            if (global.getOutputWatermarks().size() > passedWatermarks) {
              passedWatermarks++;
              assertThat(global.getOutputWatermarks().get(passedWatermarks - 1).getTimestamp()).isEqualTo(wm);
              List<Row> due = expected.stream().filter(x -> millis((LocalDateTime) x.getField(6)) - 1 <= wm).toList();
              assertThat(Changelogs.multiset(global.extractOutputValues()))
                  .as("windows emitted by watermark %d", wm).containsAllEntriesOf(Changelogs.multiset(due));
            }
          } else {
            global.processElement((StreamRecord<Row>) e);
          }
        }
        local.clearOutput();
      }
      local.processWatermark(Long.MAX_VALUE);
      local.endInput();
      for (io.weir.runtime.streamrecord.StreamElement e : local.getOutput()) {
        if (e.isRecord()) {
          global.processElement((StreamRecord<Row>) e);
        }
      }
      global.processWatermark(Long.MAX_VALUE);
      global.endInput();
      boolean spilled = ((HashAggregateOperator) global.getOperator()).hasSpilled();
      assertThat(spilled).isEqualTo(budget == TINY);
      if (!spilled) {
        assertThat(passedWatermarks).as("watermarks passed on").isGreaterThan(10);
      }
      List<Row> out = global.extractOutputValues();
      assertThat(out).as("no window twice").doesNotHaveDuplicates();
      assertThat(Changelogs.multiset(out)).isEqualTo(Changelogs.multiset(expected));
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void onlyForMergeableAggregatesAndSlicedWindows(WindowSpec w, long budget, long seed) {
    List<AggregateSpec> first = List.of(new AggregateSpec(Kind.FIRST_VALUE, 1, false, -1, Types.LONG, "f"));
    assertThat(HashAggregateOperator.mergeable(AGGS)).isTrue();
    assertThat(HashAggregateOperator.mergeable(first)).isFalse();
    assertThatThrownBy(() -> HashAggregateOperator.windowed(new int[] {0}, w, 2, first, IN, budget, Phase.LOCAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HashAggregateOperator.windowed(new int[] {0}, WindowSpec.session(10), 2, AGGS, IN, budget,
        Phase.GLOBAL)).isInstanceOf(IllegalArgumentException.class);
  }
}
