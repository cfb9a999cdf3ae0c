package io.weir.runtime.timers;

/** Receives fired timers; the runtime has already set the timer's key as current key. */
public interface Triggerable<K, N> {
  void onEventTime(InternalTimer<K, N> timer) throws Exception;

  void onProcessingTime(InternalTimer<K, N> timer) throws Exception;
}
