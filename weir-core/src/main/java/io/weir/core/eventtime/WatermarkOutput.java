package io.weir.core.eventtime;

/** Where a {@link WatermarkGenerator} emits. */
public interface WatermarkOutput {
  void emitWatermark(long watermark);

  /** No events for a while: downstream must not wait for this output when taking the minimum. */
  void markIdle();

  void markActive();
}
