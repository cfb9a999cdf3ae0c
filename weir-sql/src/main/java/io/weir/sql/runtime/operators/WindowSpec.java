package io.weir.sql.runtime.operators;

import java.io.Serializable;

/**
 * A window table-valued function over an event-time attribute: TUMBLE(size), HOP(slide, size),
 * CUMULATE(step, maxSize), SESSION(gap). Sizes in milliseconds; {@code offset} shifts window
 * starts (TUMBLE/HOP/CUMULATE; 0 = aligned to the epoch).
 */
public final class WindowSpec implements Serializable {
  public enum Kind { TUMBLE, HOP, CUMULATE, SESSION }

  private final Kind kind;
  private final long size;
  private final long step;
  private final long offset;

  private WindowSpec(Kind kind, long size, long step, long offset) {
    if (size <= 0 || step <= 0) {
      throw new IllegalArgumentException(kind + " window needs positive sizes, got size " + size + ", step " + step);
    }
    if ((kind == Kind.HOP || kind == Kind.CUMULATE) && size % step != 0) {
      throw new IllegalArgumentException(kind + " window size " + size + " ms must be a multiple of its "
          + (kind == Kind.HOP ? "slide" : "step") + " " + step + " ms");
    }
    this.kind = kind;
    this.size = size;
    this.step = step;
    this.offset = offset;
  }

  public static WindowSpec tumble(long size) {
    return new WindowSpec(Kind.TUMBLE, size, size, 0);
  }

  public static WindowSpec tumble(long size, long offset) {
    return new WindowSpec(Kind.TUMBLE, size, size, offset);
  }

  public static WindowSpec hop(long slide, long size) {
    return new WindowSpec(Kind.HOP, size, slide, 0);
  }

  public static WindowSpec cumulate(long step, long maxSize) {
    return new WindowSpec(Kind.CUMULATE, maxSize, step, 0);
  }

  /** HOP whose window starts are shifted by {@code offset} (Flink's optional fifth argument). */
  public static WindowSpec hop(long slide, long size, long offset) {
    return new WindowSpec(Kind.HOP, size, slide, offset);
  }

  /** CUMULATE whose cycles start at {@code offset} plus multiples of the max size. */
  public static WindowSpec cumulate(long step, long maxSize, long offset) {
    return new WindowSpec(Kind.CUMULATE, maxSize, step, offset);
  }

  public static WindowSpec session(long gap) {
    return new WindowSpec(Kind.SESSION, gap, gap, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** Window size (TUMBLE/HOP), max size (CUMULATE), gap (SESSION). */
  public long size() {
    return size;
  }

  /** Slide (HOP) or step (CUMULATE); the size otherwise. */
  public long step() {
    return step;
  }

  /** Ends of all windows containing {@code ts} (not for SESSION). */
  public long[] windowEnds(long ts) {
    switch (kind) {
      case TUMBLE -> {
        long start = Math.floorDiv(ts - offset, size) * size + offset;
        return new long[] {start + size};
      }
      case HOP -> {
        int n = (int) (size / step);
        long lastStart = Math.floorDiv(ts - offset, step) * step + offset;
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
          ends[i] = lastStart - (long) i * step + size;
        }
        return ends;
      }
      case CUMULATE -> {
        long cycle = Math.floorDiv(ts - offset, size) * size + offset;
        long firstEnd = cycle + (Math.floorDiv(ts - cycle, step) + 1) * step;
        int n = (int) ((cycle + size - firstEnd) / step) + 1;
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
          ends[i] = firstEnd + (long) i * step;
        }
        return ends;
      }
      default -> throw new IllegalStateException("SESSION windows are merged, not assigned");
    }
  }

  /** Start of the window ending at {@code end} (not for SESSION). */
  public long windowStart(long end) {
    return switch (kind) {
      case TUMBLE, HOP -> end - size;
      case CUMULATE -> Math.floorDiv(end - 1 - offset, size) * size + offset;
      default -> throw new IllegalStateException("SESSION window starts are kept in state");
    };
  }

  @Override
  public String toString() {
    if (offset != 0) {
      String s = withoutOffset();
      return s.substring(0, s.length() - 1) + ", offset=" + offset + "ms)";
    }
    return withoutOffset();
  }

  private String withoutOffset() {
    return switch (kind) {
      case TUMBLE -> "TUMBLE(size=" + size + "ms)";
      case HOP -> "HOP(slide=" + step + "ms, size=" + size + "ms)";
      case CUMULATE -> "CUMULATE(step=" + step + "ms, max=" + size + "ms)";
      case SESSION -> "SESSION(gap=" + size + "ms)";
    };
  }
}
