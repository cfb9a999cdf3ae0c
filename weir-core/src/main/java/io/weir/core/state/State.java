package io.weir.core.state;

/** Keyed (or operator) state; every call is scoped to the current key (and namespace). */
public interface State {
  void clear();
}
