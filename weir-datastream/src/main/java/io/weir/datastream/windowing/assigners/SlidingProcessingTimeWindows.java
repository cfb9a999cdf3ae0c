package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.ProcessingTimeTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Overlapping fixed-size windows on processing time (the subtask's clock; they fire only in STREAMING mode, BATCH ignores processing time). */
public final class SlidingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> implements SliceableWindowAssigner {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;

  private SlidingProcessingTimeWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = offset;
  }

  /** Windows of length {@code size} starting every {@code slide}. */
  public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  /** As {@link #of(Duration, Duration)}, window starts shifted by {@code offset} (e.g. time zones). */
  public static SlidingProcessingTimeWindows of(Duration size, Duration slide, Duration offset) {
    long sz = Windows.positiveMillis(size, "SlidingProcessingTimeWindows", "size");
    long sl = Windows.positiveMillis(slide, "SlidingProcessingTimeWindows", "slide");
    return new SlidingProcessingTimeWindows(sz, sl, Windows.offsetMillis(offset, sl, "SlidingProcessingTimeWindows"));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    long now = context.getCurrentProcessingTime();
    long lastStart = TimeWindow.getWindowStartWithOffset(now, offset, slide);
    List<TimeWindow> windows = new ArrayList<>((int) Math.min(size / slide + 1, 1024));
    for (long start = lastStart; start > now - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
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
    return "SlidingProcessingTimeWindows(" + size + ", " + slide + (offset != 0 ? ", offset " + offset : "") + ")";
  }
}
