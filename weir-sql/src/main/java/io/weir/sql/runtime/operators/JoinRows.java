package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.core.types.TypeSerializer;
import io.weir.sql.runtime.util.SimpleTypeInfo;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * One side's rows of one join key in {@link StreamingJoinOperator}'s STREAMING state: the rows in
 * arrival order, one element per copy (a row inserted twice is two elements), and for sides that
 * need it (outer sides, the left side of SEMI/ANTI) each element's number of matching rows of the
 * other side.
 *
 * <p>Why not a map row -> [multiplicity, matches]: a key of an append-only input (most keys) only
 * ever gets rows appended and read back in full, so an array avoids hashing every row twice, a map
 * node and a long[] per row, and a hash table per key. Retractions find their row by a scan; the
 * rows' hash codes are computed on the first retraction of a bucket only and kept from then on (not
 * checkpointed), so a scan compares ints and calls equals only on equal hashes.
 */
final class JoinRows {
  Row[] rows;
  /** Matches per element, or null when the side does not count them. */
  long[] matches;
  int size;
  /** Hash codes of the rows, null until the first {@link #indexOf}. */
  private int[] hashes;

  JoinRows(boolean countMatches, int capacity) {
    rows = new Row[Math.max(1, capacity)];
    matches = countMatches ? new long[rows.length] : null;
  }

  void add(Row row, long matchCount) {
    if (size == rows.length) {
      int n = size * 2;
      rows = Arrays.copyOf(rows, n);
      if (matches != null) {
        matches = Arrays.copyOf(matches, n);
      }
      if (hashes != null) {
        hashes = Arrays.copyOf(hashes, n);
      }
    }
    rows[size] = row;
    if (matches != null) {
      matches[size] = matchCount;
    }
    if (hashes != null) {
      hashes[size] = row.hashCode();
    }
    size++;
  }

  /** Index of the last element equal to {@code row}, or -1. */
  int indexOf(Row row) {
    int h = row.hashCode();
    if (hashes == null) {
      hashes = new int[rows.length];
      for (int i = 0; i < size; i++) {
        hashes[i] = rows[i].hashCode();
      }
    }
    for (int i = size - 1; i >= 0; i--) {
      if (hashes[i] == h && rows[i].equals(row)) {
        return i;
      }
    }
    return -1;
  }

  /** Removes element {@code i}, keeping the others' order. */
  void remove(int i) {
    int tail = size - i - 1;
    if (tail > 0) {
      System.arraycopy(rows, i + 1, rows, i, tail);
      if (matches != null) {
        System.arraycopy(matches, i + 1, matches, i, tail);
      }
      if (hashes != null) {
        System.arraycopy(hashes, i + 1, hashes, i, tail);
      }
    }
    rows[--size] = null;
  }

  static SimpleTypeInfo<JoinRows> typeInfo(TypeSerializer<Row> rowSerializer) {
    return new SimpleTypeInfo<>(JoinRows.class, new Serializer(rowSerializer), "JoinRows");
  }

  /**
   * {@code byte version (1), boolean countMatches, int size, per element: row [, long matches]}.
   * Copies share the (never changed) rows and copy the arrays.
   */
  static final class Serializer implements TypeSerializer<JoinRows> {
    private static final int VERSION = 1;
    private final TypeSerializer<Row> rowSerializer;

    Serializer(TypeSerializer<Row> rowSerializer) {
      this.rowSerializer = rowSerializer;
    }

    @Override
    public void serialize(JoinRows v, DataOutput out) throws IOException {
      out.writeByte(VERSION);
      out.writeBoolean(v.matches != null);
      out.writeInt(v.size);
      for (int i = 0; i < v.size; i++) {
        rowSerializer.serialize(v.rows[i], out);
        if (v.matches != null) {
          out.writeLong(v.matches[i]);
        }
      }
    }

    @Override
    public JoinRows deserialize(DataInput in) throws IOException {
      int version = in.readByte();
      if (version != VERSION) {
        throw new IOException("join state has unknown format version " + version + " (this build reads " + VERSION + ")");
      }
      boolean counts = in.readBoolean();
      int n = in.readInt();
      JoinRows r = new JoinRows(counts, n);
      for (int i = 0; i < n; i++) {
        Row row = rowSerializer.deserialize(in);
        r.add(row, counts ? in.readLong() : 0);
      }
      return r;
    }

    @Override
    public JoinRows copy(JoinRows v) {
      JoinRows c = new JoinRows(v.matches != null, v.rows.length);
      System.arraycopy(v.rows, 0, c.rows, 0, v.size);
      if (v.matches != null) {
        System.arraycopy(v.matches, 0, c.matches, 0, v.size);
      }
      c.size = v.size;
      return c;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Serializer s && s.rowSerializer.equals(rowSerializer);
    }

    @Override
    public int hashCode() {
      return rowSerializer.hashCode();
    }
  }
}
