package io.weir.datastream.functions;

/**
 * Time and timers as a process function sees them. Timers are scoped to the current key and are
 * only available on keyed streams; registering the same time twice keeps one timer. Event-time
 * timers fire when the watermark reaches them; processing-time timers fire in STREAMING mode only
 * (BATCH ignores processing time).
 */
public interface TimerService {
  long currentProcessingTime();

  long currentWatermark();

  void registerEventTimeTimer(long time);

  void registerProcessingTimeTimer(long time);

  void deleteEventTimeTimer(long time);

  void deleteProcessingTimeTimer(long time);
}
