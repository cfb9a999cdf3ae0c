package io.weir.nexmark.flink;

import io.weir.nexmark.generator.NexmarkConfig;

/**
 * Which global event numbers a split covers. Must stay identical to Weir's {@code NexmarkSource}
 * so that both engines give reader i the same events in the same order.
 */
final class SplitLayout {
  private SplitLayout() {}

  /** The global event number of the split's {@code offset}-th event. */
  static long eventNumber(NexmarkSplit split, long offset) {
    return split.index() + offset * split.count();
  }

  /** How many events the split holds ({@code Long.MAX_VALUE} when unbounded). */
  static long size(NexmarkSplit split, NexmarkConfig config) {
    if (!config.isBounded()) {
      return Long.MAX_VALUE;
    }
    long total = config.eventsNum();
    long base = total / split.count();
    return base + (split.index() < total % split.count() ? 1 : 0);
  }
}
