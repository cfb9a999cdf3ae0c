package io.weir.runtime.timers;

/**
 * Timers of the current key, per namespace. Registering the same (key, namespace, time) twice
 * keeps one timer. Event-time timers fire when the watermark passes them (timestamp <= watermark);
 * processing-time timers fire in STREAMING mode only.
 */
public interface InternalTimerService<N> {
  long currentProcessingTime();

  long currentWatermark();

  void registerEventTimeTimer(N namespace, long time);

  void deleteEventTimeTimer(N namespace, long time);

  void registerProcessingTimeTimer(N namespace, long time);

  void deleteProcessingTimeTimer(N namespace, long time);
}
