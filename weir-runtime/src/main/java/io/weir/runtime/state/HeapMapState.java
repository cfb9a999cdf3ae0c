package io.weir.runtime.state;

import io.weir.core.state.MapState;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Map state over a HashMap per key and namespace. The iterables are live views (iterator
 * {@code remove()} works); null map keys are refused because they cannot be checkpointed.
 */
final class HeapMapState<K, N, UK, UV> extends AbstractHeapState<K, N, Map<UK, UV>> implements MapState<UK, UV> {
  HeapMapState(HeapKeyedStateBackend<K> backend, StateTable<K, N, Map<UK, UV>> table) {
    super(backend, table);
  }

  private Map<UK, UV> mapForWrite() {
    Map<UK, UV> map = getInternal();
    if (map == null) {
      map = new HashMap<>();
      updateInternal(map);
    }
    return map;
  }

  @Override
  public UV get(UK key) {
    Map<UK, UV> map = getInternal();
    return map == null ? null : map.get(key);
  }

  @Override
  public void put(UK key, UV value) {
    if (key == null) {
      throw new NullPointerException("map state '" + table.name + "' does not accept null keys");
    }
    mapForWrite().put(key, value);
  }

  @Override
  public void putAll(Map<UK, UV> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    for (UK key : values.keySet()) {
      // Not values.containsKey(null): immutable maps throw on that query.
      if (key == null) {
        throw new NullPointerException("map state '" + table.name + "' does not accept null keys");
      }
    }
    mapForWrite().putAll(values);
  }

  @Override
  public void remove(UK key) {
    Map<UK, UV> map = getInternal();
    if (map != null) {
      map.remove(key);
      if (map.isEmpty()) {
        clear();
      }
    }
  }

  @Override
  public boolean contains(UK key) {
    Map<UK, UV> map = getInternal();
    return map != null && map.containsKey(key);
  }

  @Override
  public Iterable<Map.Entry<UK, UV>> entries() {
    Map<UK, UV> map = getInternal();
    return map == null ? Collections.emptySet() : map.entrySet();
  }

  @Override
  public Iterable<UK> keys() {
    Map<UK, UV> map = getInternal();
    return map == null ? Collections.emptySet() : map.keySet();
  }

  @Override
  public Iterable<UV> values() {
    Map<UK, UV> map = getInternal();
    return map == null ? Collections.emptyList() : map.values();
  }

  @Override
  public boolean isEmpty() {
    Map<UK, UV> map = getInternal();
    return map == null || map.isEmpty();
  }
}
