package io.weir.datastream.operators;

import io.weir.core.state.BroadcastState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReadOnlyBroadcastState;
import io.weir.runtime.state.OperatorStateStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The broadcast states a broadcast-connected operator declared, looked up by descriptor name. */
final class BroadcastStates {
  private final String operatorName;
  private final Map<String, BroadcastState<?, ?>> states = new HashMap<>();
  private final Map<String, ReadOnlyBroadcastState<?, ?>> readOnly = new HashMap<>();

  BroadcastStates(String operatorName, OperatorStateStore store, List<MapStateDescriptor<?, ?>> descriptors) {
    this.operatorName = operatorName;
    for (MapStateDescriptor<?, ?> d : descriptors) {
      BroadcastState<?, ?> s = store.getBroadcastState(d);
      states.put(d.getName(), s);
      readOnly.put(d.getName(), new ReadOnlyView<>(s));
    }
  }

  @SuppressWarnings("unchecked")
  <K, V> BroadcastState<K, V> get(MapStateDescriptor<K, V> descriptor) {
    return (BroadcastState<K, V>) lookup(states, descriptor);
  }

  @SuppressWarnings("unchecked")
  <K, V> ReadOnlyBroadcastState<K, V> getReadOnly(MapStateDescriptor<K, V> descriptor) {
    return (ReadOnlyBroadcastState<K, V>) lookup(readOnly, descriptor);
  }

  private <X> X lookup(Map<String, X> map, MapStateDescriptor<?, ?> descriptor) {
    if (descriptor == null) {
      throw new IllegalArgumentException("broadcast state descriptor must not be null");
    }
    X s = map.get(descriptor.getName());
    if (s == null) {
      throw new IllegalArgumentException(
          "Operator '" + operatorName + "' has no broadcast state '" + descriptor.getName()
              + "': pass its descriptor to broadcast(...) (declared: " + map.keySet() + ")");
    }
    return s;
  }

  /** The non-broadcast side must not write: a view that cannot be cast back to the writable state. */
  private static final class ReadOnlyView<K, V> implements ReadOnlyBroadcastState<K, V> {
    private final ReadOnlyBroadcastState<K, V> delegate;

    ReadOnlyView(ReadOnlyBroadcastState<K, V> delegate) {
      this.delegate = delegate;
    }

    @Override
    public V get(K key) {
      return delegate.get(key);
    }

    @Override
    public boolean contains(K key) {
      return delegate.contains(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> immutableEntries() {
      return delegate.immutableEntries();
    }
  }
}
