package io.weir.core.eventtime;

import java.time.Duration;

/** Wraps a generator and marks the output idle when no event arrived for the idle timeout. */
public class IdlenessWatermarks<T> implements WatermarkGenerator<T> {
  private final WatermarkGenerator<T> delegate;
  private final long idleTimeoutNanos;
  private long lastEventNanos = System.nanoTime();
  private boolean idle;

  public IdlenessWatermarks(WatermarkGenerator<T> delegate, Duration idleTimeout) {
    this.delegate = delegate;
    this.idleTimeoutNanos = idleTimeout.toNanos();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    lastEventNanos = System.nanoTime();
    if (idle) {
      idle = false;
      output.markActive();
    }
    delegate.onEvent(event, eventTimestamp, output);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (!idle && System.nanoTime() - lastEventNanos >= idleTimeoutNanos) {
      idle = true;
      output.markIdle();
    }
    if (!idle) {
      delegate.onPeriodicEmit(output);
    }
  }
}
