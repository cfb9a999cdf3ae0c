package io.weir.datastream.windowing.windows;

/**
 * A finite bucket of elements. {@link #maxTimestamp()} is the last timestamp that belongs to it;
 * results of a window carry it as their timestamp. Windows are used as state namespaces, so
 * implementations must have value semantics ({@code equals}/{@code hashCode}).
 */
public abstract class Window {
  public abstract long maxTimestamp();
}
