package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.EventTimeTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/**
 * Session windows on event time: a window per burst of activity, closed when no record of the key
 * arrives for {@code gap}. Each record starts a window [ts, ts + gap) that merges with
 * overlapping ones.
 */
public final class EventTimeSessionWindows extends MergingWindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;

  private EventTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static EventTimeSessionWindows withGap(Duration gap) {
    return new EventTimeSessionWindows(Windows.positiveMillis(gap, "EventTimeSessionWindows", "gap"));
  }

  public long getGap() {
    return gap;
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalStateException(
          "EventTimeSessionWindows: the record has no timestamp; assign timestamps with a "
              + "WatermarkStrategy on the source (or use ProcessingTimeSessionWindows)");
    }
    return Collections.singletonList(new TimeWindow(timestamp, timestamp + gap));
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    TimeWindow.mergeWindows(windows, callback::merge);
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return EventTimeTrigger.create();
  }

  @Override
  public TypeSerializer<TimeWindow> getWindowSerializer() {
    return TimeWindow.Serializer.INSTANCE;
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "EventTimeSessionWindows(" + gap + ")";
  }
}
