package io.weir.core.state;

public interface AppendingState<IN, OUT> extends State {
  /** The current result, or null when the state is empty. */
  OUT get();

  void add(IN value);
}
