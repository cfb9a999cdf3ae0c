package io.weir.core.eventtime;

import java.time.Duration;

/** Watermark = highest timestamp seen - bound - 1 (events up to the bound late are not late). */
public class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private final long outOfOrdernessMillis;
  private long maxTimestamp;

  public BoundedOutOfOrdernessWatermarks(Duration maxOutOfOrderness) {
    if (maxOutOfOrderness.isNegative()) {
      throw new IllegalArgumentException("max out-of-orderness must not be negative");
    }
    this.outOfOrdernessMillis = maxOutOfOrderness.toMillis();
    this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(maxTimestamp - outOfOrdernessMillis - 1);
  }
}
