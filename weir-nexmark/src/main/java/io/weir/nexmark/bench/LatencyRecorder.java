package io.weir.nexmark.bench;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Collects the latencies measured by the {@code nexmark-latency} sink of one run. The sink runs in
 * this JVM (Weir executes jobs embedded), so its writers find the recorder by id in a static
 * registry, the way collect sinks find their channel.
 */
public final class LatencyRecorder implements AutoCloseable {
  private static final Map<String, LatencyRecorder> REGISTRY = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final Histogram micros = new Histogram(3);
  private volatile LatencySchedule schedule;
  private long skipped;
  private long early;

  private LatencyRecorder() {}

  public static LatencyRecorder open() {
    LatencyRecorder r = new LatencyRecorder();
    REGISTRY.put(r.id, r);
    return r;
  }

  static LatencyRecorder get(String id) {
    LatencyRecorder r = REGISTRY.get(id);
    if (r == null) {
      throw new IllegalStateException("no latency recorder '" + id + "' in this JVM: the 'nexmark-latency' connector"
          + " is only usable from the Nexmark runner (weir nexmark run --latency)");
    }
    return r;
  }

  public String id() {
    return id;
  }

  /** The source's emission schedule; rows are measured against it (not measured while it is unknown). */
  public void schedule(LatencySchedule s) {
    this.schedule = s;
  }

  LatencySchedule schedule() {
    return schedule;
  }

  /** Merges one writer's histogram (writers record without locking and merge at the end). */
  synchronized void merge(Histogram writerMicros, long writerSkipped, long writerEarly) {
    micros.add(writerMicros);
    skipped += writerSkipped;
    early += writerEarly;
  }

  public synchronized LatencyStats stats() {
    return LatencyStats.of(micros);
  }

  /** Result rows that could not be measured (no event time, or the schedule was not known yet). */
  public synchronized long skipped() {
    return skipped;
  }

  /**
   * Result rows due after they reached the sink: windows that the end of a bounded input fired
   * before the source reached their end (run longer than the windows to measure them).
   */
  public synchronized long early() {
    return early;
  }

  @Override
  public void close() {
    REGISTRY.remove(id);
  }
}
