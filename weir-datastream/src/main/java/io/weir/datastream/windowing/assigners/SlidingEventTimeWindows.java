package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.EventTimeTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Overlapping fixed-size windows on event time (record timestamps). */
public final class SlidingEventTimeWindows extends WindowAssigner<Object, TimeWindow> implements SliceableWindowAssigner {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;

  private SlidingEventTimeWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = offset;
  }

  /** Windows of length {@code size} starting every {@code slide}. */
  public static SlidingEventTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  /** As {@link #of(Duration, Duration)}, window starts shifted by {@code offset} (e.g. time zones). */
  public static SlidingEventTimeWindows of(Duration size, Duration slide, Duration offset) {
    long sz = Windows.positiveMillis(size, "SlidingEventTimeWindows", "size");
    long sl = Windows.positiveMillis(slide, "SlidingEventTimeWindows", "slide");
    return new SlidingEventTimeWindows(sz, sl, Windows.offsetMillis(offset, sl, "SlidingEventTimeWindows"));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalStateException(
          "SlidingEventTimeWindows: the record has no timestamp; assign timestamps with a WatermarkStrategy "
              + "on the source (or use a processing-time window)");
    }
    long now = timestamp;
    long lastStart = TimeWindow.getWindowStartWithOffset(now, offset, slide);
    List<TimeWindow> windows = new ArrayList<>((int) Math.min(size / slide + 1, 1024));
    for (long start = lastStart; start > now - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
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
  public long getSize() {
    return size;
  }

  @Override
  public long getSlide() {
    return slide;
  }

  @Override
  public long getOffset() {
    return offset;
  }

  @Override
  public String toString() {
    return "SlidingEventTimeWindows(" + size + ", " + slide + (offset != 0 ? ", offset " + offset : "") + ")";
  }
}
