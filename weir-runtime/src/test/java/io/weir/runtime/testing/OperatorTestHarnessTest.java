package io.weir.runtime.testing;

import static io.weir.runtime.testing.OperatorTestSupport.processingTime;
import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static io.weir.runtime.testing.OperatorTestSupport.watermark1;
import static io.weir.runtime.testing.OperatorTestSupport.watermark2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorTestHarnessTest {
  static final OutputTag<String> LATE = new OutputTag<>("late", TestTypes.STRING);
  static final KeySelector<String, String> FIRST_CHAR = s -> s.substring(0, 1);

  /**
   * Counts records per key ("a:1", "a:2", ...); an event-time timer 10 after each record's
   * timestamp emits "a:expired" and resets the count; the first record of a key also sets a
   * processing-time timer (now + 100) that emits "a:ping". Late records go to a side output. The
   * number of records this subtask saw is kept in operator list state.
   */
  static class CountingOperator extends AbstractStreamOperator<String>
      implements OneInputStreamOperator<String, String>, Triggerable<String, VoidNamespace> {
    static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", TestTypes.LONG);
    static final ListStateDescriptor<Long> SEEN = new ListStateDescriptor<>("seen", TestTypes.LONG);

    transient InternalTimerService<VoidNamespace> timers;
    transient ListState<Long> seenState;
    transient long seen;

    @Override
    protected void restoreOrInitState(boolean restored) {
      seenState = getOperatorStateStore().getListState(SEEN);
      seen = 0;
      for (Long l : seenState.get()) {
        seen += l;
      }
    }

    @Override
    protected void snapshotOperatorState(long checkpointId) {
      seenState.update(List.of(seen));
    }

    @Override
    public void open() throws Exception {
      timers = getInternalTimerService("counting", VoidNamespace.SERIALIZER, this);
    }

    @Override
    public void processElement(StreamRecord<String> record) {
      seen++;
      if (record.getTimestamp() <= getCurrentWatermark()) {
        output.collect(LATE, new StreamRecord<>(record.getValue(), record.getTimestamp()));
        return;
      }
      ValueState<Long> count = getKeyedStateBackend().getState(COUNT);
      long c = count.value() == null ? 1 : count.value() + 1;
      if (c == 1) {
        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, timers.currentProcessingTime() + 100);
      }
      count.update(c);
      output.collect(new StreamRecord<>(getCurrentKey() + ":" + c, record.getTimestamp()));
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, record.getTimestamp() + 10);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
      ValueState<Long> count = getKeyedStateBackend().getState(COUNT);
      if (count.value() != null) {
        count.clear();
        output.collect(new StreamRecord<>(timer.getKey() + ":expired", timer.getTimestamp()));
      }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
      output.collect(new StreamRecord<>(timer.getKey() + ":ping", timer.getTimestamp()));
    }

    @Override
    public void finish() {
      output.collect(new StreamRecord<>("seen=" + seen));
    }
  }

  /** Keeps its count in a plain field instead of state: correct straight through, wrong after a restore. */
  static class ForgetfulOperator extends AbstractStreamOperator<String> implements OneInputStreamOperator<String, String> {
    transient long count;

    @Override
    public void processElement(StreamRecord<String> record) {
      count++;
      output.collect(new StreamRecord<>(record.getValue() + ":" + count, record.getTimestamp()));
    }
  }

  @Test
  void harnessRunsTheOperatorAndCollectsEverything() throws Exception {
    CountingOperator prototype = new CountingOperator();
    OneInputOperatorTestHarness<String, String> h =
        new OneInputOperatorTestHarness<>(prototype, FIRST_CHAR, TestTypes.STRING);
    assertThat(h.getOperator()).isNotSameAs(prototype);
    h.open();
    h.processElement("a1", 1);
    h.processElement("b1", 2);
    h.processElement("a2", 3);
    h.processWatermark(12);
    h.processElement("a3", 5); // late
    h.setProcessingTime(100);
    h.endInput();
    assertThat(h.extractOutputValues())
        .containsExactly("a:1", "b:1", "a:2", "a:expired", "b:expired", "a:ping", "b:ping", "seen=4");
    assertThat(h.getOutputRecords().get(3).getTimestamp()).isEqualTo(11);
    assertThat(h.getOutputWatermarks()).containsExactly(new Watermark(12));
    assertThat(h.getSideOutput(LATE)).extracting(StreamRecord::getValue).containsExactly("a3");
    h.close();
    assertThat(prototype.timers).as("the prototype is never set up").isNull();
  }

  @Test
  void snapshotRestoresIntoAFreshHarness() throws Exception {
    OneInputOperatorTestHarness<String, String> h =
        new OneInputOperatorTestHarness<>(new CountingOperator(), FIRST_CHAR, TestTypes.STRING);
    h.open();
    h.processElement("a1", 1);
    h.processElement("a2", 2);
    OperatorSnapshot snapshot = h.snapshot(1);
    h.close();

    OneInputOperatorTestHarness<String, String> restored =
        new OneInputOperatorTestHarness<>(new CountingOperator(), FIRST_CHAR, TestTypes.STRING)
            .initializeState(snapshot);
    restored.open();
    restored.processElement("a3", 3);
    restored.processWatermark(100);
    restored.endInput();
    assertThat(restored.extractOutputValues()).containsExactly("a:3", "a:expired", "seen=3");
    restored.close();
  }

  @Test
  void misuseFailsClearly() throws Exception {
    OneInputOperatorTestHarness<String, String> h =
        new OneInputOperatorTestHarness<>(new CountingOperator(), FIRST_CHAR, TestTypes.STRING);
    assertThatThrownBy(() -> h.processElement("a")).hasMessageContaining("open()");
    h.open();
    assertThatThrownBy(() -> h.withMode(RuntimeExecutionMode.BATCH)).hasMessageContaining("already open");
    OneInputOperatorTestHarness<String, String> unkeyed = new OneInputOperatorTestHarness<>(new CountingOperator());
    assertThatThrownBy(unkeyed::open).hasMessageContaining("keyBy");
  }

  @Test
  void supportChecksStraightAndRestoredRunsAndBatch() throws Exception {
    OperatorTestSupport.forKeyedOperator(new CountingOperator(), FIRST_CHAR, TestTypes.STRING)
        .input(record("a1", 1), record("b1", 2), record("a2", 3), processingTime(50), watermark(12),
            record("a3", 5), record("b2", 20), processingTime(150), watermark(40))
        .expectOutput(record("a:1", 1), record("b:1", 2), record("a:2", 3), record("a:expired", 11),
            record("b:expired", 12), watermark(12), record("b:1", 20), record("a:ping", 100), record("b:ping", 100),
            record("b:ping", 150), record("b:expired", 30), watermark(40), record("seen=5", StreamRecord.NO_TIMESTAMP))
        .expectSideOutput(LATE, List.of(record("a3", 5)))
        // BATCH: sorted by key, nothing late, no processing time, a key's timers fire when it is done.
        .expectBatchOutput("a:1", "a:2", "a:3", "a:expired", "b:1", "b:2", "b:expired", "seen=5")
        .run();
  }

  @Test
  void supportCatchesStateKeptOutsideStateAfterRestore() {
    assertThatThrownBy(() -> OperatorTestSupport.forOperator(new ForgetfulOperator())
        .input("x", "y", "z")
        .expectOutput("x:1", "y:2", "z:3")
        .run())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("snapshot + restore")
        .hasMessageContaining("expected y:2 but was y:1");
  }

  @Test
  void supportReportsWrongExpectations() {
    assertThatThrownBy(() -> OperatorTestSupport.forKeyedOperator(new CountingOperator(), FIRST_CHAR, TestTypes.STRING)
        .input(record("a1", 1))
        .expectOutput(record("a:1", 2), record("seen=1", StreamRecord.NO_TIMESTAMP))
        .run())
        .isInstanceOf(AssertionError.class).hasMessageContaining("STREAMING run, main output differs at index 0");
    assertThatThrownBy(() -> OperatorTestSupport.forKeyedOperator(new CountingOperator(), FIRST_CHAR, TestTypes.STRING)
        .input(record("a1", 1))
        .expectBatchOutput("a:1", "seen=1")
        .run())
        .isInstanceOf(AssertionError.class).hasMessageContaining("missing []").hasMessageContaining("unexpected [a:expired]");
    assertThatThrownBy(() -> OperatorTestSupport.forOperator(new ForgetfulOperator()).input("x").run())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing to check");
  }

  static class PassThrough extends AbstractStreamOperator<String> implements OneInputStreamOperator<String, String> {
    @Override
    public void processElement(StreamRecord<String> record) {
      output.collect(record);
    }
  }

  @Test
  void orderOptions() throws Exception {
    OperatorTestSupport.forOperator(new PassThrough())
        .input(record("x", 1), record("y", 1), watermark(1), record("z", 2))
        .expectOutput(record("y", 1), record("x", 1), watermark(1), record("z", 2))
        .ignoreOrderWithinTimestamp()
        .run();
    assertThatThrownBy(() -> OperatorTestSupport.forOperator(new PassThrough())
        .input(record("x", 1), record("y", 1))
        .expectOutput(record("y", 1), record("x", 1))
        .run())
        .hasMessageContaining("differs at index 0");
    // Ties may swap, but not across a watermark.
    assertThatThrownBy(() -> OperatorTestSupport.forOperator(new PassThrough())
        .input(record("x", 1), watermark(1), record("y", 1))
        .expectOutput(record("y", 1), watermark(1), record("x", 1))
        .ignoreOrderWithinTimestamp()
        .run())
        .isInstanceOf(AssertionError.class);
    OperatorTestSupport.forOperator(new PassThrough())
        .input(record("x", 1), watermark(1), record("y", 1))
        .expectOutput("y", "x")
        .ignoreOrder()
        .run();
    assertThatThrownBy(() -> OperatorTestSupport.forOperator(new PassThrough())
        .input(record("x", 1))
        .expectOutput(record("x", 1), "x")
        .run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixes");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void randomInputsGiveTheSameOutputWithAndWithoutRestores(long seed) throws Exception {
    Random rnd = new Random(seed);
    List<Object> input = new ArrayList<>();
    long wm = 0;
    long now = 0;
    for (int i = 0; i < 60; i++) {
      int r = rnd.nextInt(10);
      if (r < 7) {
        input.add(record("abc".charAt(rnd.nextInt(3)) + "" + i, wm + rnd.nextInt(30) - 5));
      } else if (r < 9) {
        wm += rnd.nextInt(15);
        input.add(watermark(wm));
      } else {
        now += rnd.nextInt(80);
        input.add(processingTime(now));
      }
    }
    // Expected = a straight run through the harness (the support's restore run must match it).
    OneInputOperatorTestHarness<String, String> h =
        new OneInputOperatorTestHarness<>(new CountingOperator(), FIRST_CHAR, TestTypes.STRING);
    h.open();
    for (Object item : input) {
      if (item instanceof TimestampedValue<?> tv) {
        h.processElement((String) tv.value(), tv.timestamp());
      } else if (item instanceof Watermark w) {
        h.processWatermark(w);
      } else {
        h.setProcessingTime(((OperatorTestSupport.ProcessingTime) item).time());
      }
    }
    h.endInput();
    List<Object> expected = new ArrayList<>();
    h.getOutput().forEach(e -> expected.add(e.isRecord() ? TimestampedValue.of(e.asRecord()) : e));
    assertThat(expected).hasSizeGreaterThan(40);
    OperatorTestSupport.forKeyedOperator(new CountingOperator(), FIRST_CHAR, TestTypes.STRING)
        .input(input)
        .expectOutput(expected)
        .run();
  }

  /** Input 1: events "k..." enriched with the latest rule "k=..." from input 2, per key. */
  static class EnrichOperator extends AbstractStreamOperator<String>
      implements TwoInputStreamOperator<String, String, String> {
    static final ValueStateDescriptor<String> RULE = new ValueStateDescriptor<>("rule", TestTypes.STRING);

    @Override
    public void processElement1(StreamRecord<String> record) {
      String rule = getKeyedStateBackend().<ValueState<String>>getState(RULE).value();
      output.collect(new StreamRecord<>(record.getValue() + "+" + rule, record.getTimestamp()));
    }

    @Override
    public void processElement2(StreamRecord<String> record) {
      getKeyedStateBackend().<ValueState<String>>getState(RULE).update(record.getValue());
    }
  }

  @Test
  void twoInputSupport() throws Exception {
    OperatorTestSupport.forKeyedTwoInputOperator(new EnrichOperator(), FIRST_CHAR, FIRST_CHAR, TestTypes.STRING)
        .input(record2("a=1", 0), record1("a-x", 1), record1("b-y", 2), watermark1(5), record2("b=2", 3),
            watermark2(4), record1("b-z", 6), watermark(10))
        .expectOutput(record("a-x+a=1", 1), record("b-y+null", 2), watermark(4), record("b-z+b=2", 6), watermark(10))
        // BATCH merges both keyed inputs in (key, timestamp) order.
        .expectBatchOutput("a-x+a=1", "b-y+null", "b-z+b=2")
        .run();

    TwoInputOperatorTestHarness<String, String, String> h =
        new TwoInputOperatorTestHarness<>(new EnrichOperator(), FIRST_CHAR, FIRST_CHAR, TestTypes.STRING);
    h.open();
    h.processWatermark1(7);
    assertThat(h.getOutputWatermarks()).isEmpty();
    h.processWatermark2(3);
    assertThat(h.getOutputWatermarks()).containsExactly(new Watermark(3));
    h.endInput();
    h.close();
  }

  @Test
  void manualProcessingTimeService() throws Exception {
    TestProcessingTimeService clock = new TestProcessingTimeService(10);
    List<Long> fired = new ArrayList<>();
    var periodic = clock.scheduleAtFixedRate(t -> fired.add(-t), 5, 10);
    clock.registerTimer(12, fired::add);
    var cancelled = clock.registerTimer(13, fired::add);
    cancelled.cancel();
    clock.registerTimer(14, t -> clock.registerTimer(14, x -> fired.add(x * 100)));
    clock.setCurrentTime(15);
    assertThat(fired).containsExactly(12L, 1400L, -15L);
    clock.setCurrentTime(35);
    assertThat(fired).containsExactly(12L, 1400L, -15L, -25L, -35L);
    periodic.cancel();
    clock.setCurrentTime(100);
    assertThat(fired).hasSize(5);
    assertThat(clock.numPendingCallbacks()).isZero();
    assertThatThrownBy(() -> clock.setCurrentTime(50)).hasMessageContaining("cannot go back");
  }
}
