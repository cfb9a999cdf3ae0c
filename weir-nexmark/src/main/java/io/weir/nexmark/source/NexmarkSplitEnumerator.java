package io.weir.nexmark.source;

import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hands out the interleaved splits on request: split i belongs to subtask i % parallelism, so a
 * split given back after a failure returns to the same subtask, and a reader that asks for work
 * after its own splits are out is told there are no more (work stealing would let one reader run
 * ahead in event time). After a restore with another parallelism a reader may own several splits;
 * it advances them together.
 */
final class NexmarkSplitEnumerator implements SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> {
  private final SplitEnumeratorContext<NexmarkSplit> context;
  private final ArrayDeque<NexmarkSplit> pending;

  NexmarkSplitEnumerator(SplitEnumeratorContext<NexmarkSplit> context, List<NexmarkSplit> splits) {
    this.context = context;
    this.pending = new ArrayDeque<>(splits);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId) {
    int parallelism = Math.max(1, context.currentParallelism());
    List<NexmarkSplit> mine = new ArrayList<>();
    for (Iterator<NexmarkSplit> it = pending.iterator(); it.hasNext(); ) {
      NexmarkSplit s = it.next();
      if (s.number() % parallelism == subtaskId % parallelism) {
        it.remove();
        mine.add(s);
      }
    }
    if (mine.isEmpty()) {
      context.signalNoMoreSplits(subtaskId);
    } else {
      context.assignSplits(java.util.Map.of(subtaskId, mine));
    }
  }

  @Override
  public void addSplitsBack(List<NexmarkSplit> splits, int subtaskId) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<NexmarkSplit> snapshotState(long checkpointId) {
    return List.copyOf(pending);
  }
}
