package io.weir.datastream.windowing.assigners;

/**
 * Tumbling and sliding windows: fixed-size windows [offset + k*slide, offset + k*slide + size).
 * Such windows are unions of panes of length gcd(size, slide), which lets the window operator
 * keep one state entry per pane instead of one per window (see SlicingWindowOperator).
 */
public interface SliceableWindowAssigner {
  long getSize();

  long getSlide();

  long getOffset();

  boolean isEventTime();
}
