package io.weir.core.state;

import java.util.List;

public interface ListState<T> extends AppendingState<T, Iterable<T>> {
  /** Replaces the whole list. */
  void update(List<T> values);

  void addAll(List<T> values);
}
