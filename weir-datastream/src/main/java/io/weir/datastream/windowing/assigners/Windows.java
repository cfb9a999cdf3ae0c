package io.weir.datastream.windowing.assigners;

import java.time.Duration;

/** Argument checks shared by the assigners; messages name the assigner and the argument. */
final class Windows {
  private Windows() {}

  static long positiveMillis(Duration d, String assigner, String what) {
    if (d == null) {
      throw new IllegalArgumentException(assigner + ": " + what + " must not be null");
    }
    long ms = d.toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException(assigner + ": " + what + " must be > 0 ms, was " + d);
    }
    return ms;
  }

  static long offsetMillis(Duration offset, long slide, String assigner) {
    if (offset == null) {
      throw new IllegalArgumentException(assigner + ": offset must not be null");
    }
    long ms = offset.toMillis();
    if (Math.abs(ms) >= slide) {
      throw new IllegalArgumentException(
          assigner + ": offset (" + ms + " ms) must be smaller in magnitude than the slide/size (" + slide + " ms)");
    }
    return ms;
  }
}
