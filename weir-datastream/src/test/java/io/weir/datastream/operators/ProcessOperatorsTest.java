package io.weir.datastream.operators;

import static io.weir.runtime.testing.OperatorTestSupport.processingTime;
import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Types;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.datastream.functions.ProcessFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessOperatorsTest {
  static final OutputTag<Integer> NEGATIVE = new OutputTag<>("negative", Types.INT);

  static final KeySelector<Integer, String> PARITY = v -> Math.abs(v) % 2 == 0 ? "even" : "odd";

  /** Counts per key; negative values go to a side output; an event-time timer 10 after each record reports the count. */
  static final class CountWithTimeout extends KeyedProcessFunction<String, Integer, String> {
    private transient ValueState<Integer> count;

    @Override
    public void open(io.weir.core.functions.OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.INT));
    }

    @Override
    public void processElement(Integer value, Context ctx, Collector<String> out) throws Exception {
      if (value < 0) {
        ctx.output(NEGATIVE, value);
        return;
      }
      int c = count.value() == null ? 1 : count.value() + 1;
      count.update(c);
      out.collect(ctx.getCurrentKey() + ":" + c);
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      assertThat(ctx.timeDomain()).isEqualTo(TimeDomain.EVENT_TIME);
      assertThat(ctx.timestamp()).isEqualTo(timestamp);
      out.collect(ctx.getCurrentKey() + " timer@" + timestamp + " count=" + count.value());
    }
  }

  @Test
  void keyedProcessFunctionWithStateEventTimersAndSideOutput() throws Exception {
    OperatorTestSupport.forKeyedOperator(new KeyedProcessOperator<>(new CountWithTimeout()), PARITY, Types.STRING)
        .input(record(1, 1), record(2, 2), record(3, 3), record(-4, 4), watermark(11), record(5, 12), watermark(30))
        .expectOutput(
            record("odd:1", 1), record("even:1", 2), record("odd:2", 3),
            record("odd timer@11 count=2", 11), watermark(11),
            record("odd:3", 12),
            record("even timer@12 count=1", 12), record("odd timer@13 count=3", 13),
            record("odd timer@22 count=3", 22), watermark(30))
        .expectSideOutput(NEGATIVE, List.of(record(-4, 4)))
        // BATCH: sorted by key, each key's timers fire when the key is done (watermark +inf)
        .expectBatchOutput(
            record("odd:1", 1), record("odd:2", 3), record("odd:3", 12),
            record("odd timer@11 count=3", 11), record("odd timer@13 count=3", 13), record("odd timer@22 count=3", 22),
            record("even:1", 2), record("even timer@12 count=1", 12))
        .expectBatchSideOutput(NEGATIVE, List.of(record(-4, 4)))
        .run();
  }

  /** A processing-time timeout: fires in STREAMING, never in BATCH. */
  static final class ProcessingTimeAlarm extends KeyedProcessFunction<String, Integer, String> {
    @Override
    public void processElement(Integer value, Context ctx, Collector<String> out) {
      long now = ctx.timerService().currentProcessingTime();
      ctx.timerService().registerProcessingTimeTimer(now + 100);
      if (value == 0) {
        ctx.timerService().deleteProcessingTimeTimer(now + 100);
      }
      out.collect("seen " + value + " at " + now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      assertThat(ctx.timeDomain()).isEqualTo(TimeDomain.PROCESSING_TIME);
      assertThat(ctx.timestamp()).isNull();
      out.collect("alarm " + ctx.getCurrentKey() + " at " + timestamp);
    }
  }

  @Test
  void processingTimeTimersFireInStreamingOnly() throws Exception {
    OperatorTestSupport.forKeyedOperator(new KeyedProcessOperator<>(new ProcessingTimeAlarm()), PARITY, Types.STRING)
        .input(processingTime(10), record(1, 1), processingTime(50), record(2, 2), record(0, 3), processingTime(200))
        .expectOutput("seen 1 at 10", "seen 2 at 50", "seen 0 at 50", "alarm odd at 110")
        .expectBatchOutput("seen 1 at 0", "seen 2 at 0", "seen 0 at 0") // BATCH has no processing time
        .run();
  }

  @Test
  void processFunctionOnANonKeyedStreamHasTimestampsAndSideOutputsButNoTimers() throws Exception {
    ProcessFunction<Integer, String> fn = sideOutputs();
    OperatorTestSupport.forOperator(new ProcessOperator<>(fn))
        .input(record(1, 5), watermark(6), record(3, 7), 4)
        .expectOutput(record("1@5 wm=" + Long.MIN_VALUE, 5), watermark(6), record("3@7 wm=6", 7), record("4@null wm=6", Long.MIN_VALUE))
        .expectSideOutput(NEGATIVE, List.of(record(-3, 7)))
        .run();

    ProcessOperator<Integer, String> op = new ProcessOperator<>(timerUser());
    op.setName("Alarms");
    try (OneInputOperatorTestHarness<Integer, String> h = new OneInputOperatorTestHarness<>(op)) {
      h.open();
      assertThatThrownBy(() -> h.processElement(1, 1))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("'Alarms'").hasMessageContaining("keyBy");
    }
  }

  private static ProcessFunction<Integer, String> sideOutputs() {
    return new ProcessFunction<>() {
      @Override
      public void processElement(Integer value, Context ctx, Collector<String> out) {
        if (value % 3 == 0) {
          ctx.output(NEGATIVE, -value);
        }
        out.collect(value + "@" + ctx.timestamp() + " wm=" + ctx.timerService().currentWatermark());
      }
    };
  }

  private static ProcessFunction<Integer, String> timerUser() {
    return new ProcessFunction<>() {
      @Override
      public void processElement(Integer value, Context ctx, Collector<String> out) {
        ctx.timerService().registerEventTimeTimer(10);
      }
    };
  }

  @Test
  void processFunctionAfterKeyByGetsTimers() throws Exception {
    OperatorTestSupport.forKeyedOperator(new ProcessOperator<>(plusOneTimer()), PARITY, Types.STRING)
        .input(record(1, 1), record(2, 4), watermark(10))
        .expectOutput(record("t2", 2), record("t5", 5), watermark(10))
        .expectBatchOutput(record("t2", 2), record("t5", 5))
        .run();
  }

  private static ProcessFunction<Integer, String> plusOneTimer() {
    return new ProcessFunction<>() {
      @Override
      public void processElement(Integer value, Context ctx, Collector<String> out) {
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1);
      }

      @Override
      public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
        out.collect("t" + timestamp);
      }
    };
  }
}
