package io.weir.datastream.windowing.triggers;

import io.weir.core.state.ReducingState;
import io.weir.core.state.ReducingStateDescriptor;
import io.weir.core.types.Types;
import io.weir.datastream.windowing.windows.Window;

/** Fires every {@code maxCount} elements of a window (the count is kept in window state). */
public final class CountTrigger<W extends Window> extends Trigger<Object, W> {
  private static final long serialVersionUID = 1L;

  private final long maxCount;
  private final ReducingStateDescriptor<Long> countDescriptor =
      new ReducingStateDescriptor<>("count", Long::sum, Types.LONG);

  private CountTrigger(long maxCount) {
    this.maxCount = maxCount;
  }

  public static <W extends Window> CountTrigger<W> of(long maxCount) {
    if (maxCount < 1) {
      throw new IllegalArgumentException("CountTrigger.of: the count must be >= 1, was " + maxCount);
    }
    return new CountTrigger<>(maxCount);
  }

  public long getMaxCount() {
    return maxCount;
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx) {
    ReducingState<Long> count = ctx.getPartitionedState(countDescriptor);
    count.add(1L);
    if (count.get() >= maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(W window, OnMergeContext ctx) {
    ctx.mergePartitionedState(countDescriptor);
  }

  @Override
  public void clear(W window, TriggerContext ctx) {
    ctx.getPartitionedState(countDescriptor).clear();
  }

  @Override
  public String toString() {
    return "CountTrigger(" + maxCount + ")";
  }
}
