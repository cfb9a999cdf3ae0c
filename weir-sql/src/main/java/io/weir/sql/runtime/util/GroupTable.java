package io.weir.sql.runtime.util;

import io.weir.core.types.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Group key -> value (the accumulators) of an in-memory aggregation (BATCH hash aggregation, the
 * STREAMING local group aggregation): a chained hash table looked up by the key fields of the input
 * row itself, so a row of a known group builds no key object (the key is copied into a {@link Row}
 * only for a new group; emitting and spilling need it). Keys compare as {@link Row#equals} does:
 * field by field, deep for arrays, NULL equal to NULL. Groups iterate in first-seen order.
 */
public final class GroupTable<V> {
  private static final int INITIAL = 1024;

  /** One group: its key hash, key row (INSERT, the key fields only) and value. */
  public static final class Group<V> {
    public final int hash;
    public final Row key;
    public final V value;
    Group<V> next;

    Group(int hash, Row key, V value, Group<V> next) {
      this.hash = hash;
      this.key = key;
      this.value = value;
      this.next = next;
    }
  }

  @SuppressWarnings("unchecked")
  private Group<V>[] table = new Group[INITIAL];
  private final ArrayList<Group<V>> groups = new ArrayList<>();

  /** The hash of {@code row}'s fields {@code fields} (a key row's hash with fields 0..n-1). */
  public static int hash(Row row, int[] fields) {
    int h = 1;
    for (int f : fields) {
      h = 31 * h + fieldHash(row.getField(f));
    }
    return h ^ h >>> 16;
  }

  private static int fieldHash(Object f) {
    if (f == null) {
      return 0;
    }
    if (f.getClass().isArray()) {
      return Arrays.deepHashCode(new Object[] {f});
    }
    return f.hashCode();
  }

  /** The group whose key equals {@code row}'s fields {@code fields}, or null. */
  public Group<V> find(Row row, int[] fields, int hash) {
    for (Group<V> g = table[hash & (table.length - 1)]; g != null; g = g.next) {
      if (g.hash == hash && sameKey(g.key, row, fields)) {
        return g;
      }
    }
    return null;
  }

  /** Whether {@code key} (a group's key row) equals {@code row}'s fields {@code fields}. */
  public static boolean sameKey(Row key, Row row, int[] fields) {
    for (int i = 0; i < fields.length; i++) {
      Object a = key.getField(i);
      Object b = row.getField(fields[i]);
      if (a != b && (a == null || b == null || !(a.equals(b) || a.getClass().isArray() && Objects.deepEquals(a, b)))) {
        return false;
      }
    }
    return true;
  }

  /** Adds a group not in the table ({@code hash} as {@link #hash} gives for its key). */
  public Group<V> add(int hash, Row key, V value) {
    int slot = hash & (table.length - 1);
    Group<V> g = new Group<>(hash, key, value, table[slot]);
    table[slot] = g;
    groups.add(g);
    if (groups.size() > table.length * 3 / 4) {
      grow();
    }
    return g;
  }

  @SuppressWarnings("unchecked")
  private void grow() {
    Group<V>[] bigger = new Group[table.length * 2];
    for (Group<V> g : groups) {
      int slot = g.hash & (bigger.length - 1);
      g.next = bigger[slot];
      bigger[slot] = g;
    }
    table = bigger;
  }

  /** The groups in first-seen order (not to be modified while iterating). */
  public List<Group<V>> groups() {
    return groups;
  }

  public int size() {
    return groups.size();
  }

  /**
   * Empties the table; one grown for a burst of groups shrinks back rather than being cleared slot
   * by slot.
   */
  @SuppressWarnings("unchecked")
  public void clear() {
    if (table.length > INITIAL * 4 && groups.size() < table.length / 8) {
      table = new Group[INITIAL];
      groups.clear();
      groups.trimToSize();
    } else {
      Arrays.fill(table, null);
      groups.clear();
    }
  }
}
