package io.weir.nexmark.flink;

/** One engine's run of one query: events, job runtime (start to end) and process CPU seconds. */
public record Measurement(String engine, String query, int parallelism, long events, double wallSeconds,
    double cpuSeconds) {

  public double eventsPerSecond() {
    return wallSeconds > 0 ? events / wallSeconds : 0;
  }

  public double eventsPerCoreSecond() {
    return cpuSeconds > 0 ? events / cpuSeconds : 0;
  }
}
