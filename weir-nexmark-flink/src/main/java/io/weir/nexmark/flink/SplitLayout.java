package io.weir.nexmark.flink;

import java.util.List;

/**
 * Which global event indexes a Flink split covers: those of the same-numbered split of Weir's own
 * source ({@link io.weir.nexmark.source.NexmarkSplit#split}), so both engines give reader i the same
 * events in the same order.
 */
record SplitLayout(long first, long end, int stride) {
  /** The layout of {@code split} in a stream of {@code eventCount} events (empty when it has none). */
  static SplitLayout of(NexmarkSplit split, long eventCount) {
    List<io.weir.nexmark.source.NexmarkSplit> weir = io.weir.nexmark.source.NexmarkSplit.split(eventCount, split.count());
    if (split.index() >= weir.size()) {
      return new SplitLayout(0, 0, 1);
    }
    io.weir.nexmark.source.NexmarkSplit w = weir.get(split.index());
    return new SplitLayout(w.next(), w.end(), w.stride());
  }

  /** The event index of the split's {@code offset}-th event. */
  long eventIndex(long offset) {
    return first + offset * stride;
  }

  /** How many events the split holds. */
  long size() {
    return first >= end ? 0 : (end - first + stride - 1) / stride;
  }
}
