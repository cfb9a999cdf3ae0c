package io.weir.runtime.state;

import io.weir.core.state.ValueState;

final class HeapValueState<K, N, V> extends AbstractHeapState<K, N, V> implements ValueState<V> {
  HeapValueState(HeapKeyedStateBackend<K> backend, StateTable<K, N, V> table) {
    super(backend, table);
  }

  @Override
  public V value() {
    return getInternal();
  }

  @Override
  public void update(V value) {
    updateInternal(value);
  }
}
