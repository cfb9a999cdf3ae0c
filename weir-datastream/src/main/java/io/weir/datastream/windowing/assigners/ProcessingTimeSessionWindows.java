package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.ProcessingTimeTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/**
 * Session windows on processing time: closed when no record of the key arrives for {@code gap}
 * of wall-clock time. Fire only in STREAMING mode (BATCH ignores processing time).
 */
public final class ProcessingTimeSessionWindows extends MergingWindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;

  private ProcessingTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static ProcessingTimeSessionWindows withGap(Duration gap) {
    return new ProcessingTimeSessionWindows(Windows.positiveMillis(gap, "ProcessingTimeSessionWindows", "gap"));
  }

  public long getGap() {
    return gap;
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    long now = context.getCurrentProcessingTime();
    return Collections.singletonList(new TimeWindow(now, now + gap));
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    TimeWindow.mergeWindows(windows, callback::merge);
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return ProcessingTimeTrigger.create();
  }

  @Override
  public TypeSerializer<TimeWindow> getWindowSerializer() {
    return TimeWindow.Serializer.INSTANCE;
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "ProcessingTimeSessionWindows(" + gap + ")";
  }
}
