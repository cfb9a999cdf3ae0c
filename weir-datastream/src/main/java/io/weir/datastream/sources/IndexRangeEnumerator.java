package io.weir.datastream.sources;

import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Hands out index-range splits on request; readers that ask when none are left are told so. */
public final class IndexRangeEnumerator implements SplitEnumerator<IndexRangeSplit, List<IndexRangeSplit>> {
  private final SplitEnumeratorContext<IndexRangeSplit> context;
  private final ArrayDeque<IndexRangeSplit> remaining;

  public IndexRangeEnumerator(SplitEnumeratorContext<IndexRangeSplit> context, Collection<IndexRangeSplit> splits) {
    this.context = context;
    this.remaining = new ArrayDeque<>(splits);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId) {
    IndexRangeSplit next = remaining.poll();
    if (next != null) {
      context.assignSplit(next, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<IndexRangeSplit> splits, int subtaskId) {
    remaining.addAll(splits);
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<IndexRangeSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(remaining);
  }
}
