package io.weir.nexmark.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles (milliseconds) of the delay from an event's scheduled emission to the emission of
 * the result row that answers it, with the number of rows measured.
 */
public record LatencyStats(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

  /** From a histogram of delays recorded in microseconds. */
  static LatencyStats of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new LatencyStats(0, 0, 0, 0, 0);
    }
    return new LatencyStats(micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getValueAtPercentile(99.9) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }
}
