package io.weir.runtime.state;

import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.StateDescriptor;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The values of one keyed state (one descriptor name): key group -> key -> namespace -> value.
 * Tables whose namespace is {@link VoidNamespace} (all non-window state) skip the namespace level
 * and keep the value directly under the key, which saves a map per key on the common path.
 * Every key-level access takes the key's {@code hashCode()} from the caller (the backend computes
 * it once per key for the key group), see {@link KeyMap}.
 *
 * <p>Section format (one per state in a key group's snapshot): {@code int keys; per key: key,
 * int namespaces; per namespace: namespace, value}. The value format depends on the kind: the
 * descriptor's serializer, a list as {@code int n + elements}, a map as {@code int n + (key,
 * null flag, value)}.
 *
 * <p>Asynchronous snapshots (copy-on-write, see {@link SnapshotVersions}): {@link #groupsView}
 * with freeze takes each key group's slot array as it is (the {@link KeyMap} copies it before its
 * next write). Values are mutable (lists and maps change in place, NamespaceMaps of window state,
 * accumulators), and every read hands the stored object to a caller that may change it, so the
 * first access of an entry written before a running snapshot's freeze replaces it by a deep copy
 * (the value serializer's {@code copy}; a NamespaceMap with copied values) and hands out the copy.
 * Writes store a new object, removes change only the live slot array: neither touches what a
 * frozen array references. A value object obtained before a freeze and kept by the operator past
 * it must not be changed in place afterwards (operators fetch state per record).
 */
final class StateTable<K, N, V> {
  final String name;
  final StateDescriptor<?, ?> descriptor;
  final StateDescriptor.Kind kind;
  final TypeSerializer<N> namespaceSerializer;
  final boolean voidNamespace;
  private final int keyGroupOffset;
  private final KeyMap[] groups;
  private final SnapshotVersions versions;
  private TypeSerializer<V> valueSerializer;

  /** A table that is never snapshotted asynchronously (tests). */
  StateTable(StateDescriptor<?, ?> descriptor, TypeSerializer<N> namespaceSerializer, KeyGroupRange range) {
    this(descriptor, namespaceSerializer, range, new SnapshotVersions());
  }

  StateTable(StateDescriptor<?, ?> descriptor, TypeSerializer<N> namespaceSerializer, KeyGroupRange range,
      SnapshotVersions versions) {
    this.versions = versions;
    this.name = descriptor.getName();
    this.descriptor = descriptor;
    this.kind = descriptor.getKind();
    this.namespaceSerializer = namespaceSerializer;
    this.voidNamespace = namespaceSerializer == VoidNamespace.SERIALIZER;
    this.keyGroupOffset = range.start();
    this.groups = new KeyMap[range.size()];
  }

  /** Created on first snapshot/restore only: BATCH jobs and states never checkpointed skip it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  TypeSerializer<V> valueSerializer() {
    if (valueSerializer == null) {
      TypeSerializer<?> element = descriptor.getValueType().createSerializer();
      valueSerializer = (TypeSerializer<V>) switch (kind) {
        case LIST -> StateUtils.listSerializer(element);
        case MAP -> StateUtils.mapSerializer(
            ((MapStateDescriptor<?, ?>) descriptor).getKeyType().createSerializer(), (TypeSerializer) element);
        default -> element;
      };
    }
    return valueSerializer;
  }

  // The last key's entry. An operator touches one key's state several times per record (value()
  // then update(), or one window after another), and consecutive records often share a key (a
  // hot auction); the key-level lookup probes a large table, this only compares with the last
  // key (identity first: the backend holds one key object per record or timer). Every change of
  // the key level goes through this class and keeps the entry true for keys equal to cachedKey.
  private Object cachedKey;
  private int cachedHash;
  /** Void namespace: the key's value; otherwise the key's NamespaceMap. Null = the key has none. */
  private Object cachedEntry;

  private Object keyEntry(K key, int hash, int keyGroup) {
    Object c = cachedKey;
    if (key == c || (c != null && hash == cachedHash && key.equals(c))) {
      return cachedEntry;
    }
    KeyMap g = groups[keyGroup - keyGroupOffset];
    Object o = null;
    if (g != null) {
      int slot = g.find(key, hash);
      if (slot >= 0) {
        o = g.entryAt(slot);
        if (g.versionAt(slot) < versions.required()) {
          o = copyEntry(o);
          g.setEntry(slot, o, versions.current());
        }
      }
    }
    cache(key, hash, o);
    return o;
  }

  /** A copy of a key's entry that shares nothing mutable with it (frozen snapshots keep the original). */
  @SuppressWarnings("unchecked")
  private Object copyEntry(Object entry) {
    TypeSerializer<V> vs = valueSerializer();
    boolean immutable = vs.isImmutableType();
    if (voidNamespace) {
      return immutable ? entry : vs.copy((V) entry);
    }
    return ((NamespaceMap<N, V>) entry).copy(immutable ? null : vs);
  }

  private void cache(Object key, int hash, Object entry) {
    cachedKey = key;
    cachedHash = hash;
    cachedEntry = entry;
  }

  private void invalidateCache() {
    cache(null, 0, null);
  }

  /** {@code hash} is {@code key.hashCode()} (for this and every key-level method). */
  @SuppressWarnings("unchecked")
  V get(K key, int hash, int keyGroup, N namespace) {
    Object o = keyEntry(key, hash, keyGroup);
    if (voidNamespace || o == null) {
      return (V) o;
    }
    return ((NamespaceMap<N, V>) o).get(namespace);
  }

  @SuppressWarnings("unchecked")
  void put(K key, int hash, int keyGroup, N namespace, V value) {
    if (!voidNamespace) {
      Object o = keyEntry(key, hash, keyGroup);
      if (o != null) {
        ((NamespaceMap<N, V>) o).put(namespace, value);
        return;
      }
    }
    int i = keyGroup - keyGroupOffset;
    KeyMap g = groups[i];
    if (g == null) {
      g = groups[i] = new KeyMap();
    }
    Object entry;
    if (voidNamespace) {
      if (value == cachedEntry && value != null && (key == cachedKey || (hash == cachedHash && key.equals(cachedKey)))) {
        return; // update() of the value value() just returned: already stored under this key
      }
      g.put(key, hash, value, versions.current());
      entry = value;
    } else {
      NamespaceMap<N, V> byNs = new NamespaceMap<>();
      byNs.put(namespace, value);
      g.put(key, hash, byNs, versions.current());
      entry = byNs;
    }
    cache(key, hash, entry);
  }

  @SuppressWarnings("unchecked")
  void remove(K key, int hash, int keyGroup, N namespace) {
    KeyMap g = groups[keyGroup - keyGroupOffset];
    if (g == null) {
      return;
    }
    if (voidNamespace) {
      g.remove(key, hash);
      cache(key, hash, null);
    } else {
      NamespaceMap<N, V> byNs = (NamespaceMap<N, V>) keyEntry(key, hash, keyGroup);
      if (byNs != null) {
        byNs.remove(namespace);
        if (byNs.isEmpty()) {
          g.remove(key, hash);
          cachedEntry = null; // keyEntry left the cache on a key equal to this one
        }
      }
    }
  }

  /** Drops every namespace of one key (BATCH: the key is done). */
  void removeKey(K key, int keyGroup) {
    KeyMap g = groups[keyGroup - keyGroupOffset];
    if (g != null) {
      g.remove(key, key.hashCode());
    }
    invalidateCache();
  }

  /** Keys that have a non-empty value in {@code namespace}, copied so the caller may modify state. */
  @SuppressWarnings("unchecked")
  List<KeyAndGroup<K>> keys(N namespace) {
    List<KeyAndGroup<K>> keys = new ArrayList<>();
    for (int i = 0; i < groups.length; i++) {
      KeyMap g = groups[i];
      if (g == null) {
        continue;
      }
      for (int s = 0; s < g.capacity(); s++) {
        Object k = g.keyAt(s);
        if (k == null) {
          continue;
        }
        Object v = voidNamespace ? g.entryAt(s) : ((NamespaceMap<N, V>) g.entryAt(s)).get(namespace);
        if (v != null && !isEmptyValue(v)) {
          keys.add(new KeyAndGroup<>((K) k, g.hashAt(s), i + keyGroupOffset));
        }
      }
    }
    return keys;
  }

  record KeyAndGroup<K>(K key, int hash, int keyGroup) {}

  boolean isEmptyValue(Object v) {
    return (kind == StateDescriptor.Kind.LIST && ((Collection<?>) v).isEmpty())
        || (kind == StateDescriptor.Kind.MAP && ((Map<?, ?>) v).isEmpty());
  }

  /**
   * Per key group (index keyGroup - first key group of the range): the slot array of a non-empty
   * group, else null. With {@code freeze} the arrays stay as they are now (copy-on-write starts for
   * the entries; the caller has bumped the {@link SnapshotVersions} before), else they are the
   * live arrays, to be written right away on this thread.
   */
  Object[][] groupsView(boolean freeze) {
    valueSerializer(); // created here, on the task's thread, before any other thread writes
    Object[][] view = new Object[groups.length][];
    for (int i = 0; i < groups.length; i++) {
      KeyMap g = groups[i];
      if (g != null && !g.isEmpty()) {
        view[i] = freeze ? g.freeze() : g.slotsForRead();
      }
    }
    if (freeze) {
      invalidateCache(); // it references an entry the frozen arrays hold
    }
    return view;
  }

  int keyGroupOffset() {
    return keyGroupOffset;
  }

  void clear() {
    java.util.Arrays.fill(groups, null);
    invalidateCache();
  }

  /**
   * Writes this state's section for one key group from its slot array (see {@link #groupsView});
   * returns the number of keys written. Reads only the array and what it references, so it may run
   * on another thread for a frozen array.
   */
  @SuppressWarnings("unchecked")
  int writeGroup(Object[] slots, TypeSerializer<K> keySerializer, io.weir.core.types.ByteArrayDataOutput out)
      throws IOException {
    int countPos = out.length();
    out.writeInt(0);
    if (slots == null) {
      return 0;
    }
    TypeSerializer<V> vs = valueSerializer;
    int keys = 0;
    for (int slot = 0; slot < slots.length / 2; slot++) {
      K key = (K) slots[2 * slot];
      if (key == null) {
        continue;
      }
      if (voidNamespace) {
        V v = (V) slots[2 * slot + 1];
        if (v == null || isEmptyValue(v)) {
          continue;
        }
        keySerializer.serialize(key, out);
        out.writeInt(1);
        vs.serialize(v, out);
      } else {
        NamespaceMap<N, V> byNs = (NamespaceMap<N, V>) slots[2 * slot + 1];
        int nonEmpty = 0;
        for (int s = 0; s < byNs.capacity(); s++) {
          V v = byNs.valueAt(s);
          if (v != null && !isEmptyValue(v)) {
            nonEmpty++;
          }
        }
        if (nonEmpty == 0) {
          continue;
        }
        keySerializer.serialize(key, out);
        out.writeInt(nonEmpty);
        for (int s = 0; s < byNs.capacity(); s++) {
          V v = byNs.valueAt(s);
          if (v != null && !isEmptyValue(v)) {
            namespaceSerializer.serialize(byNs.namespaceAt(s), out);
            vs.serialize(v, out);
          }
        }
      }
      keys++;
    }
    out.writeIntAt(countPos, keys);
    return keys;
  }

  /** Reads one section written by {@link #writeGroup} into this table. */
  void readGroup(int keyGroup, TypeSerializer<K> keySerializer, DataInput in) throws IOException {
    invalidateCache();
    TypeSerializer<V> vs = valueSerializer();
    int keys = in.readInt();
    for (int k = 0; k < keys; k++) {
      K key = keySerializer.deserialize(in);
      int hash = key.hashCode();
      int namespaces = in.readInt();
      for (int n = 0; n < namespaces; n++) {
        N ns = namespaceSerializer.deserialize(in);
        put(key, hash, keyGroup, ns, vs.deserialize(in));
      }
    }
  }
}
