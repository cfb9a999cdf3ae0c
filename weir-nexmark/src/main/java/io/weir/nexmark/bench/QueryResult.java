package io.weir.nexmark.bench;

/**
 * The measurement of one query run. {@code wallSeconds} is the job's own runtime (start to end,
 * planning excluded); {@code cpuSeconds} the process CPU over the job (see {@link ResourceMeter});
 * {@code latency} is set only in latency mode; {@code checkpoints} is the number of completed
 * checkpoints when they were on, else -1.
 */
public record QueryResult(
    String query,
    String mode,
    int parallelism,
    long events,
    double wallSeconds,
    double cpuSeconds,
    double peakHeapMb,
    LatencyStats latency,
    long checkpoints) {

  /** Without checkpoints (or when they were off). */
  public QueryResult(String query, String mode, int parallelism, long events, double wallSeconds, double cpuSeconds,
      double peakHeapMb, LatencyStats latency) {
    this(query, mode, parallelism, events, wallSeconds, cpuSeconds, peakHeapMb, latency, -1);
  }

  public double eventsPerSecond() {
    return wallSeconds > 0 ? events / wallSeconds : 0;
  }

  /** Events per CPU-second of the process: how much work one core does per event. */
  public double eventsPerCoreSecond() {
    return cpuSeconds > 0 ? events / cpuSeconds : 0;
  }
}
