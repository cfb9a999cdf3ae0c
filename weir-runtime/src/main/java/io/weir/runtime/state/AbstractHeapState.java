package io.weir.runtime.state;

/** Base of the heap state objects: bound to the backend's current key and a settable namespace. */
abstract class AbstractHeapState<K, N, SV> implements InternalKvState<K, N, SV> {
  final HeapKeyedStateBackend<K> backend;
  final StateTable<K, N, SV> table;
  N namespace;

  AbstractHeapState(HeapKeyedStateBackend<K> backend, StateTable<K, N, SV> table) {
    this.backend = backend;
    this.table = table;
  }

  @Override
  public void setCurrentNamespace(N namespace) {
    this.namespace = namespace;
  }

  @Override
  public N getCurrentNamespace() {
    return namespace;
  }

  @Override
  public SV getInternal() {
    K key = backend.keyForAccess(table);
    return table.get(key, backend.currentKeyHash(), backend.currentKeyGroupUnchecked(), namespace);
  }

  @Override
  public void updateInternal(SV value) {
    K key = backend.keyForAccess(table);
    if (value == null) {
      table.remove(key, backend.currentKeyHash(), backend.currentKeyGroupUnchecked(), namespace);
    } else {
      table.put(key, backend.currentKeyHash(), backend.currentKeyGroupUnchecked(), namespace, value);
    }
  }

  SV getInternal(N ns) {
    K key = backend.keyForAccess(table);
    return table.get(key, backend.currentKeyHash(), backend.currentKeyGroupUnchecked(), ns);
  }

  void updateInternal(N ns, SV value) {
    K key = backend.keyForAccess(table);
    if (value == null) {
      table.remove(key, backend.currentKeyHash(), backend.currentKeyGroupUnchecked(), ns);
    } else {
      table.put(key, backend.currentKeyHash(), backend.currentKeyGroupUnchecked(), ns, value);
    }
  }

  @Override
  public void clear() {
    updateInternal(null);
  }

  @Override
  public String toString() {
    return table.descriptor + " (key " + backend.getCurrentKey() + ", namespace " + namespace + ")";
  }
}
