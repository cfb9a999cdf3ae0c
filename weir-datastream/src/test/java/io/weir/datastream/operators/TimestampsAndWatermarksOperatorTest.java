package io.weir.datastream.operators;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.eventtime.WatermarkGenerator;
import io.weir.core.eventtime.WatermarkOutput;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimestampsAndWatermarksOperatorTest {
  /** Emits "timestamp - 1" with every event. */
  static final class Punctuated implements WatermarkGenerator<Long> {
    @Override
    public void onEvent(Long event, long eventTimestamp, WatermarkOutput output) {
      output.emitWatermark(eventTimestamp - 1);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  static WatermarkStrategy<Long> strategy() {
    return WatermarkStrategy.<Long>forGenerator(Punctuated::new).withTimestampAssigner((v, ts) -> v * 10);
  }

  @Test
  void assignsTimestampsAndReplacesUpstreamWatermarksInStreaming() throws Exception {
    OperatorTestSupport.forOperator(new TimestampsAndWatermarksOperator<>(strategy()))
        .input(1L, 3L, watermark(100), 2L, 5L)
        .expectOutput(record(1L, 10), watermark(9), record(3L, 30), watermark(29), record(2L, 20), record(5L, 50), watermark(49))
        // BATCH: timestamps only, no generated watermarks
        .expectBatchOutput(record(1L, 10), record(3L, 30), record(2L, 20), record(5L, 50))
        .strictBatchOrder()
        .run();
  }

  @Test
  void endOfInputWatermarkPassesAndPeriodicWatermarksFollowProcessingTime() throws Exception {
    WatermarkStrategy<Long> bounded = WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(5))
        .withTimestampAssigner((v, ts) -> v);
    try (OneInputOperatorTestHarness<Long, Long> h = new OneInputOperatorTestHarness<>(new TimestampsAndWatermarksOperator<>(bounded))) {
      h.open();
      h.processElement(100L);
      h.processElement(90L);
      assertThat(h.getOutputWatermarks()).isEmpty();
      h.setProcessingTime(200); // default auto-watermark interval
      assertThat(h.getOutputWatermarks()).containsExactly(new Watermark(94));
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.getOutputWatermarks()).containsExactly(new Watermark(94), Watermark.MAX_WATERMARK);
      assertThat(h.getOutputRecords()).extracting(r -> r.getTimestamp()).containsExactly(100L, 90L);
    }
  }
}
