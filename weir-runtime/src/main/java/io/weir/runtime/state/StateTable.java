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
 */
final class StateTable<K, N, V> {
  final String name;
  final StateDescriptor<?, ?> descriptor;
  final StateDescriptor.Kind kind;
  final TypeSerializer<N> namespaceSerializer;
  final boolean voidNamespace;
  private final int keyGroupOffset;
  private final KeyMap[] groups;
  private TypeSerializer<V> valueSerializer;

  StateTable(StateDescriptor<?, ?> descriptor, TypeSerializer<N> namespaceSerializer, KeyGroupRange range) {
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
    Object o = g == null ? null : g.get(key, hash);
    cache(key, hash, o);
    return o;
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
      g.put(key, hash, value);
      entry = value;
    } else {
      NamespaceMap<N, V> byNs = new NamespaceMap<>();
      byNs.put(namespace, value);
      g.put(key, hash, byNs);
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

  boolean hasGroup(int keyGroup) {
    KeyMap g = groups[keyGroup - keyGroupOffset];
    return g != null && !g.isEmpty();
  }

  void clear() {
    java.util.Arrays.fill(groups, null);
    invalidateCache();
  }

  /** Writes this state's section for one key group; returns the number of keys written. */
  @SuppressWarnings("unchecked")
  int writeGroup(int keyGroup, TypeSerializer<K> keySerializer, io.weir.core.types.ByteArrayDataOutput out)
      throws IOException {
    KeyMap g = groups[keyGroup - keyGroupOffset];
    int countPos = out.length();
    out.writeInt(0);
    if (g == null) {
      return 0;
    }
    TypeSerializer<V> vs = valueSerializer();
    int keys = 0;
    for (int slot = 0; slot < g.capacity(); slot++) {
      K key = (K) g.keyAt(slot);
      if (key == null) {
        continue;
      }
      if (voidNamespace) {
        V v = (V) g.entryAt(slot);
        if (v == null || isEmptyValue(v)) {
          continue;
        }
        keySerializer.serialize(key, out);
        out.writeInt(1);
        vs.serialize(v, out);
      } else {
        NamespaceMap<N, V> byNs = (NamespaceMap<N, V>) g.entryAt(slot);
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
