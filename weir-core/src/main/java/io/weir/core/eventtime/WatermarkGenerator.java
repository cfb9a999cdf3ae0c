package io.weir.core.eventtime;

/** Generates watermarks from the events it sees and/or periodically. One instance per split. */
public interface WatermarkGenerator<T> {
  void onEvent(T event, long eventTimestamp, WatermarkOutput output);

  /** Called every auto-watermark interval (processing time). */
  void onPeriodicEmit(WatermarkOutput output);
}
