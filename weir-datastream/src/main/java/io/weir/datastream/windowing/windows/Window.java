package io.weir.datastream.windowing.windows;

/** A finite bucket of elements. {@link #maxTimestamp()} is the last timestamp that belongs to it. */
public abstract class Window {
  public abstract long maxTimestamp();
}
