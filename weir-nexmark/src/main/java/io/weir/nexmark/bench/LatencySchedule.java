package io.weir.nexmark.bench;

/**
 * When a rate-limited source was due to emit the event of a given event time, on the {@link
 * System#nanoTime()} clock of this JVM. Closed when the run ends (it may listen to the source).
 */
public interface LatencySchedule extends AutoCloseable {
  /** Returned by {@link #dueNanos} before the source has started its schedule. */
  long UNKNOWN = Long.MIN_VALUE;

  /** The nanoTime at which the event of {@code eventTimeMillis} was due, or {@link #UNKNOWN}. */
  long dueNanos(long eventTimeMillis);

  @Override
  default void close() {}
}
