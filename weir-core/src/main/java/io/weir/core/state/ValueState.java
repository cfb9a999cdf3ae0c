package io.weir.core.state;

public interface ValueState<T> extends State {
  /** The value for the current key, or null (or the descriptor's default) when none is set. */
  T value();

  /** Sets the value; null clears it. */
  void update(T value);
}
