package io.weir.runtime.state;

/**
 * The namespace level of a {@link StateTable}: namespace -> value for one key, open addressing
 * with linear probing and Fibonacci hashing.
 *
 * <p>Why not {@link java.util.HashMap}: window namespaces are window ends, multiples of the slide
 * (e.g. 2,000 ms), so their {@code Long.hashCode}s share their low bits and HashMap's small
 * tables (which index by the low bits) chain all of a key's windows into one bucket: every state
 * access walked that chain. Multiplying by the golden ratio and taking the high bits spreads any
 * arithmetic progression. Namespaces may not be null.
 */
final class NamespaceMap<N, V> {
  private static final int MIN_CAPACITY = 4;

  private Object[] keys;
  private Object[] values;
  private int size;
  /** 32 - log2(capacity): the index is the top bits of the multiplied hash. */
  private int shift;

  NamespaceMap() {
    keys = new Object[MIN_CAPACITY];
    values = new Object[MIN_CAPACITY];
    shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
  }

  private int home(Object key) {
    return (key.hashCode() * 0x9E3779B9) >>> shift;
  }

  private int indexOf(Object key) {
    Object[] ks = keys;
    int mask = ks.length - 1;
    for (int i = home(key); ; i = (i + 1) & mask) {
      Object k = ks[i];
      if (k == null) {
        return -1;
      }
      if (k == key || k.equals(key)) {
        return i;
      }
    }
  }

  @SuppressWarnings("unchecked")
  V get(N namespace) {
    int i = indexOf(namespace);
    return i < 0 ? null : (V) values[i];
  }

  void put(N namespace, V value) {
    Object[] ks = keys;
    int mask = ks.length - 1;
    int i = home(namespace);
    for (; ; i = (i + 1) & mask) {
      Object k = ks[i];
      if (k == null) {
        break;
      }
      if (k == namespace || k.equals(namespace)) {
        values[i] = value;
        return;
      }
    }
    ks[i] = namespace;
    values[i] = value;
    if (++size * 2 > ks.length) {
      resize(ks.length * 2);
    }
  }

  void remove(N namespace) {
    int i = indexOf(namespace);
    if (i < 0) {
      return;
    }
    Object[] ks = keys;
    Object[] vs = values;
    int mask = ks.length - 1;
    size--;
    // backward-shift deletion: close the gap so that probing never needs tombstones
    for (int j = (i + 1) & mask; ; j = (j + 1) & mask) {
      Object k = ks[j];
      if (k == null) {
        break;
      }
      int h = home(k);
      if (((j - h) & mask) >= ((j - i) & mask)) {
        ks[i] = k;
        vs[i] = vs[j];
        i = j;
      }
    }
    ks[i] = null;
    vs[i] = null;
  }

  private void resize(int capacity) {
    Object[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new Object[capacity];
    values = new Object[capacity];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    int mask = capacity - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      Object k = oldKeys[j];
      if (k != null) {
        int i = home(k);
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = oldValues[j];
      }
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** Slots for iteration: {@code 0 <= slot < capacity()}, empty where {@link #namespaceAt} is null. */
  int capacity() {
    return keys.length;
  }

  @SuppressWarnings("unchecked")
  N namespaceAt(int slot) {
    return (N) keys[slot];
  }

  @SuppressWarnings("unchecked")
  V valueAt(int slot) {
    return (V) values[slot];
  }

  /**
   * A copy with the same slots (so the same iteration order); values copied by {@code
   * valueSerializer}, or shared when it is null (immutable values). Namespaces are shared: they
   * are hash keys and never change.
   */
  @SuppressWarnings("unchecked")
  NamespaceMap<N, V> copy(io.weir.core.types.TypeSerializer<V> valueSerializer) {
    NamespaceMap<N, V> c = new NamespaceMap<>();
    c.keys = keys.clone();
    c.values = values.clone();
    c.size = size;
    c.shift = shift;
    if (valueSerializer != null) {
      Object[] vs = c.values;
      for (int i = 0; i < vs.length; i++) {
        if (vs[i] != null) {
          vs[i] = valueSerializer.copy((V) vs[i]);
        }
      }
    }
    return c;
  }
}
