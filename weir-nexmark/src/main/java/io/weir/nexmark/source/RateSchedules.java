package io.weir.nexmark.source;

import io.weir.nexmark.generator.NexmarkConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Where rate-limited readers announce the start of their wall-clock schedule, so that a latency
 * measurement in the same JVM (the Nexmark runner's {@code --latency} mode) knows when each event
 * was due: event time t is due at {@code start + (t - timestamp of the first event)} ms, start in
 * {@link System#nanoTime()} units. Listeners are keyed by the source's configuration.
 */
public final class RateSchedules {
  private static final Map<NexmarkConfig, LongConsumer> LISTENERS = new ConcurrentHashMap<>();

  private RateSchedules() {}

  /** Calls {@code onStart} with each reader's schedule start (nanoTime) of sources with this configuration. */
  public static AutoCloseable listen(NexmarkConfig config, LongConsumer onStart) {
    LISTENERS.put(config, onStart);
    return () -> LISTENERS.remove(config, onStart);
  }

  static void started(NexmarkConfig config, long scheduleStartNanos) {
    LongConsumer l = LISTENERS.get(config);
    if (l != null) {
      l.accept(scheduleStartNanos);
    }
  }
}
