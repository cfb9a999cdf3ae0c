package io.weir.core.state;

/** Writable broadcast state: the same map on every parallel subtask. */
public interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  void put(K key, V value);

  void remove(K key);

  void clear();
}
