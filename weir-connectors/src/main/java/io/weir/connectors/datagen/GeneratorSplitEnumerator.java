package io.weir.connectors.datagen;

import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hands out index ranges on request. Range i belongs to subtask i % parallelism, so every reader
 * gets its share of a rate limit (the limit is split evenly) even if it asks late, and ranges
 * given back after a failure return to the same subtask. A reader whose ranges are all out is
 * told there are no more.
 */
final class GeneratorSplitEnumerator implements SplitEnumerator<GeneratorSplit, List<GeneratorSplit>> {
  private final SplitEnumeratorContext<GeneratorSplit> context;
  private final ArrayDeque<GeneratorSplit> pending;

  GeneratorSplitEnumerator(SplitEnumeratorContext<GeneratorSplit> context, List<GeneratorSplit> splits) {
    this.context = context;
    this.pending = new ArrayDeque<>(splits);
  }

  /** {@code count} indexes cut into {@code n} near-equal ranges. */
  static List<GeneratorSplit> split(long count, int n) {
    List<GeneratorSplit> splits = new ArrayList<>(n);
    long base = count / n;
    long extra = count % n;
    long start = 0;
    for (int i = 0; i < n; i++) {
      long size = base + (i < extra ? 1 : 0);
      if (size > 0) {
        splits.add(new GeneratorSplit("range-" + i, start, start + size));
      }
      start += size;
    }
    return splits;
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId) {
    int parallelism = Math.max(1, context.currentParallelism());
    for (Iterator<GeneratorSplit> it = pending.iterator(); it.hasNext(); ) {
      GeneratorSplit s = it.next();
      if (owner(s, parallelism) == subtaskId % parallelism) {
        it.remove();
        context.assignSplit(s, subtaskId);
        return;
      }
    }
    context.signalNoMoreSplits(subtaskId);
  }

  private static int owner(GeneratorSplit s, int parallelism) {
    String id = s.splitId();
    return (int) (Long.parseLong(id.substring(id.lastIndexOf('-') + 1)) % parallelism);
  }

  @Override
  public void addSplitsBack(List<GeneratorSplit> splits, int subtaskId) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<GeneratorSplit> snapshotState(long checkpointId) {
    return List.copyOf(pending);
  }
}
