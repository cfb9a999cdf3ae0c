package io.weir.datastream.windowing;

import static io.weir.datastream.windowing.WindowTestFunctions.IN;
import static io.weir.datastream.windowing.WindowTestFunctions.KEY;
import static io.weir.datastream.windowing.WindowTestFunctions.LATE;
import static io.weir.datastream.windowing.WindowTestFunctions.t;
import static io.weir.runtime.testing.OperatorTestSupport.processingTime;
import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Tuple2;
import io.weir.core.types.Types;
import io.weir.datastream.windowing.WindowTestFunctions.Variant;
import io.weir.datastream.windowing.assigners.EventTimeSessionWindows;
import io.weir.datastream.windowing.assigners.ProcessingTimeSessionWindows;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.assigners.SlidingProcessingTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingProcessingTimeWindows;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.operators.ProcessWindowFunctionInvoker;
import io.weir.datastream.windowing.operators.SlicingWindowOperator;
import io.weir.datastream.windowing.operators.WindowContents;
import io.weir.datastream.windowing.operators.WindowOperator;
import io.weir.datastream.windowing.triggers.CountTrigger;
import io.weir.datastream.windowing.triggers.PurgingTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario tests of the window operators (pane-based and per-window). OperatorTestSupport runs
 * each straight and with a snapshot + restore into a fresh operator after every input item.
 */
class WindowOperatorTest {

  private static OperatorTestSupport<Object> support(OneInputStreamOperator<Tuple2<String, Long>, Object> op) {
    return OperatorTestSupport.forKeyedOperator(op, KEY, Types.STRING);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static WindowAssigner<Object, TimeWindow> raw(WindowAssigner<?, TimeWindow> a) {
    return (WindowAssigner) a;
  }

  private static Object rec(String key, long value, long ts) {
    return record(t(key, value), ts);
  }

  // ------------------------------------------------------------------ lateness

  @ParameterizedTest(name = "panes={0}")
  @ValueSource(booleans = {true, false})
  void allowedLatenessFiresAgainAndLateRecordsGoToTheSideOutput(boolean slicing) throws Exception {
    List<Object> input = List.of(
        rec("a", 1, 1), rec("a", 2, 5),
        watermark(9),        // [0,10) fires: 3
        rec("a", 4, 3),      // within lateness (until 9 + 5): fires again with it: 7
        watermark(14),       // [0,10) is cleaned up
        rec("a", 8, 4),      // too late for every window
        rec("a", 16, 15),
        watermark(19));      // [10,20): 16
    support(Variant.REDUCE.create(slicing, raw(TumblingEventTimeWindows.of(Duration.ofMillis(10))), null, 5, LATE))
        .input(input)
        .expectOutput(record(t("a", 3), 9), record(t("a", 7), 9), record(t("a", 16), 19))
        .expectSideOutput(LATE, List.of(rec("a", 8, 4)))
        .expectBatchOutput(record(t("a", 15), 9), record(t("a", 16), 19))
        .run();
    // Without a late-data tag the late record is dropped; the results stay the same.
    support(Variant.REDUCE.create(slicing, raw(TumblingEventTimeWindows.of(Duration.ofMillis(10))), null, 5, null))
        .input(input)
        .expectOutput(record(t("a", 3), 9), record(t("a", 7), 9), record(t("a", 16), 19))
        .expectSideOutput(LATE, List.of())
        .run();
  }

  @ParameterizedTest(name = "panes={0}")
  @ValueSource(booleans = {true, false})
  void slidingWindowLateRecordUpdatesOnlyWindowsStillAlive(boolean slicing) throws Exception {
    // size 10, slide 5, lateness 3: record @7 belongs to [0,10) and [5,15).
    support(Variant.REDUCE_PROCESS.create(slicing,
        raw(SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5))), null, 3, LATE))
        .input(
            rec("a", 1, 2), rec("a", 10, 8),
            watermark(11),      // fires [-5,5): 1 and [0,10): 11; [-5,5) is cleaned up (4 + 3 <= 11)
            rec("a", 100, 7),   // [0,10) is alive (9 + 3 > 11): fires again with 111; [5,15) has not fired
            watermark(100))     // [5,15): 110 (8 and 7)
        .expectOutput(
            record("a@-5-5:1", 4), record("a@0-10:11", 9), watermark(11),
            record("a@0-10:111", 9),
            record("a@5-15:110", 14), watermark(100))
        .expectSideOutput(LATE, List.of())
        .run();
  }

  @ParameterizedTest(name = "panes={0}")
  @ValueSource(booleans = {true, false})
  void eventTimeWindowsNeedTimestamps(boolean slicing) throws Exception {
    OneInputOperatorTestHarness<Tuple2<String, Long>, Object> h = new OneInputOperatorTestHarness<>(
        Variant.REDUCE.create(slicing, raw(TumblingEventTimeWindows.of(Duration.ofMillis(10))), null, 0, null),
        KEY, Types.STRING);
    h.open();
    assertThatThrownBy(() -> h.processElement(t("a", 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a timestamp")
        .hasMessageContaining("WatermarkStrategy");
    h.close();
  }

  // ------------------------------------------------------------------ sessions

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void sessionWindowsMergeWhenARecordBridgesTheGap(Variant variant) throws Exception {
    support(variant.create(false, raw(EventTimeSessionWindows.withGap(Duration.ofMillis(5))), null, 0, LATE))
        .input(
            rec("a", 1, 0), rec("a", 2, 20),   // sessions [0,5) and [20,25)
            rec("b", 7, 3),
            rec("a", 4, 10),                   // [10,15)
            rec("a", 8, 5),                    // [5,10) touches [0,5) and [10,15): [0,15)
            rec("a", 16, 15),                  // [15,20) touches [0,15) and [20,25): [0,25)
            watermark(24),
            rec("a", 32, 40),
            watermark(100))
        .expectOutput(
            record(variant.expected(new WindowReference.Firing("b", 3, 8, List.of(7L))), 7),
            record(variant.expected(new WindowReference.Firing("a", 0, 25, List.of(1L, 2L, 4L, 8L, 16L))), 24),
            watermark(24),
            record(variant.expected(new WindowReference.Firing("a", 40, 45, List.of(32L))), 44),
            watermark(100))
        .expectBatchOutput(
            record(variant.expected(new WindowReference.Firing("b", 3, 8, List.of(7L))), 7),
            record(variant.expected(new WindowReference.Firing("a", 0, 25, List.of(1L, 2L, 4L, 8L, 16L))), 24),
            record(variant.expected(new WindowReference.Firing("a", 40, 45, List.of(32L))), 44))
        .run();
  }

  static Stream<Variant> variants() {
    return Stream.of(Variant.values());
  }

  static Stream<Arguments> sessionSeeds() {
    return LongStream.rangeClosed(1, 12).mapToObj(seed -> Arguments.of(seed, Variant.values()[(int) (seed % 5)]));
  }

  @ParameterizedTest(name = "seed={0} {1}")
  @MethodSource("sessionSeeds")
  void randomSessionsMatchTheReference(long seed, Variant variant) throws Exception {
    Random rnd = new Random(seed);
    long gap = 2 + rnd.nextInt(10);
    List<WindowReference.Step> steps = WindowReference.randomScript(rnd, 150, 3, 10, 300);
    WindowReference.Result reference = WindowReference.sessions(steps, gap);
    assertThat(reference.firings()).isNotEmpty();
    List<WindowReference.Step> batchSteps = new ArrayList<>(steps.stream()
        .filter(s -> s instanceof WindowReference.Event)
        .sorted(Comparator.comparing(s -> ((WindowReference.Event) s).key()))
        .toList());
    batchSteps.add(new WindowReference.Mark(Long.MAX_VALUE));
    WindowReference.Result batch = WindowReference.sessions(batchSteps, gap);

    support(variant.create(false, raw(EventTimeSessionWindows.withGap(Duration.ofMillis(gap))), null, 0, LATE))
        .input(WindowTestFunctions.items(steps))
        .expectOutput(WindowTestFunctions.expected(reference, variant))
        .expectSideOutput(LATE, WindowTestFunctions.expectedLate(reference))
        .ignoreOrderWithinTimestamp()
        .expectBatchOutput(WindowTestFunctions.expectedRecords(batch, variant))
        .run();
  }

  @Test
  void sessionsWithAllowedLateness() throws Exception {
    support(Variant.PROCESS.create(false, raw(EventTimeSessionWindows.withGap(Duration.ofMillis(5))), null, 10, LATE))
        .input(
            rec("a", 1, 0),
            watermark(4),        // [0,5) fires
            rec("a", 2, 3),      // [3,8) merges with the fired (not yet cleaned) session: [0,8), not fired yet
            watermark(7),        // [0,8) fires
            rec("a", 4, 2),      // inside [0,8), which the watermark passed: fires again at once
            watermark(20),       // [0,8) cleaned up (7 + 10 <= 20)
            rec("a", 8, 1),      // [1,6) is a new session past its lateness: late
            watermark(100))
        .expectOutput(
            record("a@0-5:[1]", 4), watermark(4),
            record("a@0-8:[1, 2]", 7), watermark(7),
            record("a@0-8:[1, 2, 4]", 7), watermark(20), watermark(100))
        .expectSideOutput(LATE, List.of(rec("a", 8, 1)))
        .expectBatchOutput(record("a@0-8:[1, 2, 4, 8]", 7))
        .run();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void countTriggerStateIsMergedWithTheSessions() throws Exception {
    support(new WindowOperator(EventTimeSessionWindows.withGap(Duration.ofMillis(10)),
        WindowContents.listing(IN), ProcessWindowFunctionInvoker.forIterable(new WindowTestFunctions.Describe()),
        CountTrigger.of(3), 0, LATE, 0))
        .input(
            rec("a", 1, 0), rec("a", 2, 20),   // two sessions, count 1 each
            rec("a", 3, 10),                   // bridges them: merged count 2, + 1 -> fires
            rec("a", 4, 12),
            watermark(100))                    // the count trigger never fires on time
        .expectOutput(record("a@0-30:[1, 2, 3]", 29), watermark(100))
        .run();
  }

  // ------------------------------------------------------------------ triggers

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void purgingCountTriggerOnTimeWindows() throws Exception {
    Trigger<Object, TimeWindow> trigger = (Trigger) PurgingTrigger.of(CountTrigger.of(2));
    support(Variant.PROCESS.create(false, raw(TumblingEventTimeWindows.of(Duration.ofMillis(10))), trigger, 0, LATE))
        .input(
            rec("a", 1, 1), rec("a", 2, 2),    // fires [1, 2] and purges
            rec("a", 3, 3),
            watermark(9),                      // no firing at the end of the window; cleaned up
            rec("a", 4, 11), rec("a", 5, 12), rec("a", 6, 13),
            watermark(100))
        .expectOutput(record("a@0-10:[1, 2]", 9), record("a@10-20:[4, 5]", 19))
        .run();
  }

  // ------------------------------------------------------------------ processing time

  static Stream<Arguments> panesAndVariants() {
    return Stream.of(true, false).flatMap(p -> Stream.of(Variant.values()).map(v -> Arguments.of(p, v)));
  }

  private static Object fired(Variant v, String key, long start, long end, Long... values) {
    return record(v.expected(new WindowReference.Firing(key, start, end, List.of(values))), end - 1);
  }

  @ParameterizedTest(name = "panes={0} {1}")
  @MethodSource("panesAndVariants")
  void tumblingProcessingTimeWindowsFireOnTheClockAndNeverInBatch(boolean slicing, Variant v) throws Exception {
    support(v.create(slicing, raw(TumblingProcessingTimeWindows.of(Duration.ofMillis(10))), null, 0, LATE))
        .input(
            processingTime(1), t("a", 1), t("a", 2),
            processingTime(5), t("b", 3),
            processingTime(10),                 // [0,10) fires for a and b
            processingTime(12), t("a", 4),
            processingTime(25))
        .expectOutput(fired(v, "a", 0, 10, 1L, 2L), fired(v, "b", 0, 10, 3L), fired(v, "a", 10, 20, 4L))
        .ignoreOrderWithinTimestamp()
        .expectBatchOutput(List.of())           // BATCH ignores processing time: nothing fires
        .run();
  }

  @ParameterizedTest(name = "panes={0} {1}")
  @MethodSource("panesAndVariants")
  void slidingProcessingTimeWindows(boolean slicing, Variant v) throws Exception {
    support(v.create(slicing, raw(SlidingProcessingTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5))), null, 0, LATE))
        .input(processingTime(3), t("a", 1), processingTime(7), t("a", 2), processingTime(30))
        .expectOutput(fired(v, "a", -5, 5, 1L), fired(v, "a", 0, 10, 1L, 2L), fired(v, "a", 5, 15, 2L))
        .run();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void processingTimeSessions(Variant v) throws Exception {
    support(v.create(false, raw(ProcessingTimeSessionWindows.withGap(Duration.ofMillis(5))), null, 0, LATE))
        .input(
            processingTime(0), t("a", 1),
            processingTime(3), t("a", 2),   // [0,5) and [3,8) merge
            processingTime(20), t("a", 4),
            processingTime(40))
        .expectOutput(fired(v, "a", 0, 8, 1L, 2L), fired(v, "a", 20, 25, 4L))
        .expectBatchOutput(List.of())
        .run();
  }

  // ------------------------------------------------------------------ window function state

  /** Counts its firings per window (window state) and per key (global state); clears the window's on clear(). */
  static final class CountFirings extends ProcessWindowFunction<Tuple2<String, Long>, String, String, TimeWindow> {
    private static final ValueStateDescriptor<Long> PER_WINDOW = new ValueStateDescriptor<>("firings", Types.LONG);
    private static final ValueStateDescriptor<Long> PER_KEY = new ValueStateDescriptor<>("all-firings", Types.LONG);

    @Override
    public void process(String key, Context ctx, Iterable<Tuple2<String, Long>> elements, Collector<String> out) {
      ValueState<Long> w = ctx.windowState().getState(PER_WINDOW);
      long n = w.value() == null ? 1 : w.value() + 1;
      w.update(n);
      ValueState<Long> g = ctx.globalState().getState(PER_KEY);
      long all = g.value() == null ? 1 : g.value() + 1;
      g.update(all);
      int count = 0;
      for (Tuple2<String, Long> ignored : elements) {
        count++;
      }
      out.collect(key + "@" + ctx.window().getStart() + " firing " + n + " of " + all + " with " + count);
    }

    @Override
    public void clear(Context ctx) {
      ctx.windowState().getState(PER_WINDOW).clear();
    }
  }

  @ParameterizedTest(name = "panes={0}")
  @ValueSource(booleans = {true, false})
  @SuppressWarnings({"unchecked", "rawtypes"})
  void windowAndGlobalStateOfTheProcessFunction(boolean slicing) throws Exception {
    TumblingEventTimeWindows assigner = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    OneInputStreamOperator op = slicing
        ? new SlicingWindowOperator(assigner, WindowContents.listing(IN), ProcessWindowFunctionInvoker.forIterable(new CountFirings()), 5, LATE)
        : new WindowOperator(assigner, WindowContents.listing(IN), ProcessWindowFunctionInvoker.forIterable(new CountFirings()),
            assigner.getDefaultTrigger(), 5, LATE, 0);
    support(op)
        .input(
            rec("a", 1, 1),
            watermark(9),          // [0,10) firing 1 (1 of all)
            rec("a", 2, 2),        // late firing: [0,10) firing 2
            rec("a", 3, 12),
            watermark(30))         // [10,20) firing 1 (3 of all); [0,10) cleared at 14
        .expectOutput("a@0 firing 1 of 1 with 1", "a@0 firing 2 of 2 with 2", "a@10 firing 1 of 3 with 1")
        .run();
  }
}
