package io.weir.runtime.state;

import io.weir.core.state.State;

/**
 * The runtime's view of a keyed state object returned by
 * {@link KeyedStateBackend#getPartitionedState}: operators (windows) rebind the namespace and read
 * or write the stored value directly (for a list state the list, for a map state the map, for an
 * aggregating state the accumulator). The value is the live stored object, not a copy.
 */
public interface InternalKvState<K, N, SV> extends State {
  void setCurrentNamespace(N namespace);

  N getCurrentNamespace();

  /** The stored value for the current key and namespace, or null. */
  SV getInternal();

  /** Replaces the stored value for the current key and namespace; null removes it. */
  void updateInternal(SV value);
}
