package io.weir.datastream.windowing.windows;

import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** The time interval [start, end): {@code end} is exclusive, so {@link #maxTimestamp()} is end - 1. */
public final class TimeWindow extends Window {
  private final long start;
  private final long end;

  public TimeWindow(long start, long end) {
    if (end <= start) {
      throw new IllegalArgumentException("TimeWindow end (" + end + ") must be after its start (" + start + ")");
    }
    this.start = start;
    this.end = end;
  }

  public long getStart() {
    return start;
  }

  public long getEnd() {
    return end;
  }

  @Override
  public long maxTimestamp() {
    return end - 1;
  }

  public boolean intersects(TimeWindow other) {
    return start <= other.end && end >= other.start;
  }

  /** The smallest window containing both. */
  public TimeWindow cover(TimeWindow other) {
    return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
  }

  /**
   * Start of the window of length {@code windowSize} (aligned to {@code offset}) that contains
   * {@code timestamp}; works for negative timestamps too.
   */
  public static long getWindowStartWithOffset(long timestamp, long offset, long windowSize) {
    return timestamp - Math.floorMod(timestamp - offset, windowSize);
  }

  /**
   * Merges overlapping (or touching) windows, as session windows need. The callback receives,
   * for each group of two or more windows, the windows and their cover.
   */
  public static void mergeWindows(
      Collection<TimeWindow> windows, BiConsumer<Collection<TimeWindow>, TimeWindow> callback) {
    List<TimeWindow> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingLong(TimeWindow::getStart));
    TimeWindow current = null;
    Set<TimeWindow> group = new LinkedHashSet<>();
    for (TimeWindow w : sorted) {
      if (current == null) {
        current = w;
        group.add(w);
      } else if (current.intersects(w)) {
        current = current.cover(w);
        group.add(w);
      } else {
        if (group.size() > 1) {
          callback.accept(group, current);
        }
        current = w;
        group = new LinkedHashSet<>();
        group.add(w);
      }
    }
    if (group.size() > 1) {
      callback.accept(group, current);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow w && w.start == start && w.end == end;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + Long.hashCode(end);
  }

  @Override
  public String toString() {
    return "TimeWindow{start=" + start + ", end=" + end + "}";
  }

  /** Serializer of time windows (two longs). */
  public static final class Serializer implements TypeSerializer<TimeWindow> {
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(TimeWindow value, DataOutput out) throws IOException {
      out.writeLong(value.start);
      out.writeLong(value.end);
    }

    @Override
    public TimeWindow deserialize(DataInput in) throws IOException {
      long s = in.readLong();
      return new TimeWindow(s, in.readLong());
    }

    @Override
    public TimeWindow copy(TimeWindow value) {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Serializer;
    }

    @Override
    public int hashCode() {
      return Serializer.class.hashCode();
    }

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
