package io.weir.connectors.datagen;

import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Hands out index ranges one per request; no ranges left means no more splits. */
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
    GeneratorSplit s = pending.poll();
    if (s != null) {
      context.assignSplit(s, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
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
