package io.weir.runtime.state;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;

/**
 * The key level of a {@link StateTable} (one key group): key -> entry, open addressing with linear
 * probing, Fibonacci hashing and backward-shift deletion, like {@link NamespaceMap}.
 *
 * <p>Why not {@link java.util.HashMap}: with many keys every state access is a few cache misses
 * (bucket -> node -> key -> the key's fields). Here the caller passes the key's hash, which the
 * backend computed once for the key group when the key was set (a Row key hashes field by field),
 * each slot keeps its key's hash in an {@code int[]}, so probing past other keys reads no key
 * object, and the key and its entry sit next to each other in one array (no node object).
 * Keys may not be null; an entry of null counts as present.
 *
 * <p>Keys that are SQL key rows of one or two BIGINT fields (most Nexmark keys: ids) are also
 * kept flat when the map's first key is one: their hash, shape and values in a {@code long[]}
 * triple per slot, so a lookup of such a key compares longs in one array instead of following
 * key row -> fields -> boxed Longs of each candidate (with many keys, each a cache miss). Any key
 * equal to such a row is such a row itself (Row is final, Long.equals needs a Long), so the flat
 * comparison decides equality exactly; other keys in the same map take the generic path.
 *
 * <p>Copy-on-write for asynchronous snapshots: {@link #freeze} hands out the slot array as it is
 * and marks it shared; the next write of any slot first copies the array, so the frozen array
 * never changes. Each slot also carries the state version it was written at (see {@link
 * StateTable}), which tells whether its entry may still be referenced by a frozen array.
 */
final class KeyMap {
  private static final int MIN_CAPACITY = 8;

  private int[] hashes;
  /**
   * Null, or per slot {@code [hash << 32 | code, value0, value1]}; code 0 = empty slot, 1 = a key
   * not flat, 2 / 3 = a row of one / two BIGINT fields.
   */
  private long[] flat;
  /** Slot i: the key at 2i (null = empty slot), its entry at 2i + 1. */
  private Object[] slots;
  /** The state version of each slot's entry; null while every entry is at version 0. */
  private int[] versions;
  /** {@link #slots} is referenced by a frozen snapshot: copy it before writing. */
  private boolean shared;
  private int size;
  /** 32 - log2(capacity): the home slot is the top bits of the multiplied hash. */
  private int shift;

  KeyMap() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    hashes = new int[capacity];
    slots = new Object[2 * capacity];
    shared = false;
    if (versions != null) {
      versions = new int[capacity];
    }
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    if (flat != null) {
      flat = new long[3 * capacity];
    }
  }

  /** 2 / 3 for an INSERT row of one / two Long fields, else 1. */
  static int flatCode(Object key) {
    if (key instanceof Row r && r.getKind() == RowKind.INSERT) {
      int n = r.getArity();
      if (n == 1) {
        return r.getField(0) instanceof Long ? 2 : 1;
      }
      if (n == 2) {
        return r.getField(0) instanceof Long && r.getField(1) instanceof Long ? 3 : 1;
      }
    }
    return 1;
  }

  private void writeFlat(int slot, Object key, int hash) {
    int code = flatCode(key);
    long[] f = flat;
    f[3 * slot] = ((long) hash << 32) | code;
    if (code >= 2) {
      Row r = (Row) key;
      f[3 * slot + 1] = (Long) r.getField(0);
      f[3 * slot + 2] = code == 3 ? (Long) r.getField(1) : 0L;
    } else {
      f[3 * slot + 1] = 0L;
      f[3 * slot + 2] = 0L;
    }
  }

  private int home(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  /** The slot holding {@code key}, or -1. */
  int find(Object key, int hash) {
    long[] f = flat;
    if (f != null) {
      int code = flatCode(key);
      if (code >= 2) {
        Row r = (Row) key;
        long v0 = (Long) r.getField(0);
        long v1 = code == 3 ? (Long) r.getField(1) : 0L;
        long tag = ((long) hash << 32) | code;
        int mask = hashes.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
          long t = f[3 * i];
          if ((int) t == 0) {
            return -1;
          }
          if (t == tag && f[3 * i + 1] == v0 && f[3 * i + 2] == v1) {
            return i;
          }
        }
      }
    }
    int[] hs = hashes;
    Object[] ss = slots;
    int mask = hs.length - 1;
    for (int i = home(hash); ; i = (i + 1) & mask) {
      Object k = ss[2 * i];
      if (k == null) {
        return -1;
      }
      if (hs[i] == hash && (k == key || k.equals(key))) {
        return i;
      }
    }
  }

  Object get(Object key, int hash) {
    int i = find(key, hash);
    return i < 0 ? null : slots[2 * i + 1];
  }

  /** {@link #put(Object, int, Object, int)} at version 0 (no snapshot ever taken). */
  void put(Object key, int hash, Object entry) {
    put(key, hash, entry, 0);
  }

  /** Sets the key's entry; an equal key already present is kept (as HashMap does). */
  void put(Object key, int hash, Object entry, int version) {
    int found = find(key, hash);
    if (found >= 0) {
      setEntry(found, entry, version);
      return;
    }
    ensureOwnSlots();
    if (size == 0 && flat == null && flatCode(key) >= 2) {
      flat = new long[3 * hashes.length];
    }
    int[] hs = hashes;
    Object[] ss = slots;
    int mask = hs.length - 1;
    int i = home(hash);
    while (ss[2 * i] != null) {
      i = (i + 1) & mask;
    }
    hs[i] = hash;
    ss[2 * i] = key;
    ss[2 * i + 1] = entry;
    setVersion(i, version);
    if (flat != null) {
      writeFlat(i, key, hash);
    }
    if (++size * 2 > hs.length) {
      resize(hs.length * 2);
    }
  }

  void remove(Object key, int hash) {
    int i = find(key, hash);
    if (i >= 0) {
      removeSlot(i);
    }
  }

  private void removeSlot(int i) {
    ensureOwnSlots();
    int[] hs = hashes;
    Object[] ss = slots;
    int mask = hs.length - 1;
    size--;
    // backward-shift deletion: close the gap so that probing never needs tombstones
    for (int j = (i + 1) & mask; ; j = (j + 1) & mask) {
      if (ss[2 * j] == null) {
        break;
      }
      int h = home(hs[j]);
      if (((j - h) & mask) >= ((j - i) & mask)) {
        hs[i] = hs[j];
        ss[2 * i] = ss[2 * j];
        ss[2 * i + 1] = ss[2 * j + 1];
        if (versions != null) {
          versions[i] = versions[j];
        }
        if (flat != null) {
          System.arraycopy(flat, 3 * j, flat, 3 * i, 3);
        }
        i = j;
      }
    }
    ss[2 * i] = null;
    ss[2 * i + 1] = null;
    if (flat != null) {
      flat[3 * i] = 0L;
    }
  }

  private void resize(int capacity) {
    int[] oldHashes = hashes;
    Object[] oldSlots = slots;
    long[] oldFlat = flat;
    int[] oldVersions = versions;
    allocate(capacity);
    int mask = capacity - 1;
    for (int j = 0; j < oldHashes.length; j++) {
      Object k = oldSlots[2 * j];
      if (k != null) {
        int i = home(oldHashes[j]);
        while (slots[2 * i] != null) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        slots[2 * i] = k;
        slots[2 * i + 1] = oldSlots[2 * j + 1];
        if (oldVersions != null) {
          versions[i] = oldVersions[j];
        }
        if (oldFlat != null) {
          System.arraycopy(oldFlat, 3 * j, flat, 3 * i, 3);
        }
      }
    }
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Slots for iteration: {@code 0 <= slot < capacity()}, empty where {@link #keyAt} is null. */
  int capacity() {
    return hashes.length;
  }

  Object keyAt(int slot) {
    return slots[2 * slot];
  }

  Object entryAt(int slot) {
    return slots[2 * slot + 1];
  }

  int hashAt(int slot) {
    return hashes[slot];
  }

  int versionAt(int slot) {
    int[] v = versions;
    return v == null ? 0 : v[slot];
  }

  /** Replaces the entry of an occupied slot. */
  void setEntry(int slot, Object entry, int version) {
    ensureOwnSlots();
    slots[2 * slot + 1] = entry;
    setVersion(slot, version);
  }

  private void setVersion(int slot, int version) {
    if (versions == null) {
      if (version == 0) {
        return;
      }
      versions = new int[hashes.length];
    }
    versions[slot] = version;
  }

  private void ensureOwnSlots() {
    if (shared) {
      slots = slots.clone();
      shared = false;
    }
  }

  /**
   * The slot array as it is now (key at 2i, entry at 2i + 1), which stays unchanged: this map
   * copies it before its next write. The entries themselves are the caller's business.
   */
  Object[] freeze() {
    shared = true;
    return slots;
  }

  /** The live slot array, for reading right away (a synchronous snapshot). */
  Object[] slotsForRead() {
    return slots;
  }
}
