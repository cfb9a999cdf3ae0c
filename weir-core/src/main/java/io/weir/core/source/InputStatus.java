package io.weir.core.source;

public enum InputStatus {
  /** More records can be polled right away. */
  MORE_AVAILABLE,
  /** Nothing now; wait for {@link SourceReader#isAvailable()}. */
  NOTHING_AVAILABLE,
  /** This reader is done: no splits left and no more will come. */
  END_OF_INPUT
}
