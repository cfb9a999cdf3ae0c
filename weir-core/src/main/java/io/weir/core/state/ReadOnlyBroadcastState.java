package io.weir.core.state;

import java.util.Map;

public interface ReadOnlyBroadcastState<K, V> {
  V get(K key);

  boolean contains(K key);

  Iterable<Map.Entry<K, V>> immutableEntries();
}
