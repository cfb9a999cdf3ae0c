package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.ProcessingTimeTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/** Fixed-size, non-overlapping windows on processing time (the subtask's clock; they fire only in STREAMING mode, BATCH ignores processing time). */
public final class TumblingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> implements SliceableWindowAssigner {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;

  private TumblingProcessingTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = offset;
  }

  /** Windows of length {@code size}, one after the other. */
  public static TumblingProcessingTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  /** As {@link #of(Duration)}, window starts shifted by {@code offset} (e.g. time zones). */
  public static TumblingProcessingTimeWindows of(Duration size, Duration offset) {
    long sz = Windows.positiveMillis(size, "TumblingProcessingTimeWindows", "size");
    return new TumblingProcessingTimeWindows(sz, Windows.offsetMillis(offset, sz, "TumblingProcessingTimeWindows"));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    long start = TimeWindow.getWindowStartWithOffset(context.getCurrentProcessingTime(), offset, size);
    return Collections.singletonList(new TimeWindow(start, start + size));
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
    return size;
  }

  @Override
  public long getOffset() {
    return offset;
  }

  @Override
  public String toString() {
    return "TumblingProcessingTimeWindows(" + size + (offset != 0 ? ", offset " + offset : "") + ")";
  }
}
