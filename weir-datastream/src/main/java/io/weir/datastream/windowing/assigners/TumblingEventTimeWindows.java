package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.EventTimeTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/** Fixed-size, non-overlapping windows on event time (record timestamps). */
public final class TumblingEventTimeWindows extends WindowAssigner<Object, TimeWindow> implements SliceableWindowAssigner {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;

  private TumblingEventTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = offset;
  }

  /** Windows of length {@code size}, one after the other. */
  public static TumblingEventTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  /** As {@link #of(Duration)}, window starts shifted by {@code offset} (e.g. time zones). */
  public static TumblingEventTimeWindows of(Duration size, Duration offset) {
    long sz = Windows.positiveMillis(size, "TumblingEventTimeWindows", "size");
    return new TumblingEventTimeWindows(sz, Windows.offsetMillis(offset, sz, "TumblingEventTimeWindows"));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalStateException(
          "TumblingEventTimeWindows: the record has no timestamp; assign timestamps with a WatermarkStrategy "
              + "on the source (or use a processing-time window)");
    }
    long start = TimeWindow.getWindowStartWithOffset(timestamp, offset, size);
    return Collections.singletonList(new TimeWindow(start, start + size));
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
    return size;
  }

  @Override
  public long getOffset() {
    return offset;
  }

  @Override
  public String toString() {
    return "TumblingEventTimeWindows(" + size + (offset != 0 ? ", offset " + offset : "") + ")";
  }
}
