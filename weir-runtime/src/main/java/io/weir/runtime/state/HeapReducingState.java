package io.weir.runtime.state;

import io.weir.core.functions.ReduceFunction;
import io.weir.core.state.ReducingState;
import java.util.Collection;

/** Adding null clears the state (as in Flink). Reduce-function exceptions propagate unchanged. */
final class HeapReducingState<K, N, T> extends AbstractHeapState<K, N, T>
    implements ReducingState<T>, InternalMergingState<K, N, T, T, T> {
  private final ReduceFunction<T> reduceFunction;

  HeapReducingState(HeapKeyedStateBackend<K> backend, StateTable<K, N, T> table, ReduceFunction<T> fn) {
    super(backend, table);
    this.reduceFunction = fn;
  }

  @Override
  public T get() {
    return getInternal();
  }

  @Override
  public void add(T value) {
    if (value == null) {
      clear();
      return;
    }
    T current = getInternal();
    updateInternal(current == null ? value : reduce(current, value));
  }

  private T reduce(T a, T b) {
    try {
      return reduceFunction.reduce(a, b);
    } catch (Exception e) {
      throw StateUtils.rethrow(e);
    }
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    T merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      T v = getInternal(source);
      if (v != null) {
        updateInternal(source, null);
        merged = merged == null ? v : reduce(merged, v);
      }
    }
    if (merged != null) {
      T existing = getInternal(target);
      updateInternal(target, existing == null ? merged : reduce(existing, merged));
    }
  }
}
