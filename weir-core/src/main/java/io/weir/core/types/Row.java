package io.weir.core.types;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/** A record of positional fields with a {@link RowKind}; the record type of SQL tables. */
public final class Row implements Serializable {
  private RowKind kind;
  private final Object[] fields;

  public Row(RowKind kind, int arity) {
    this.kind = Objects.requireNonNull(kind);
    this.fields = new Object[arity];
  }

  public Row(int arity) {
    this(RowKind.INSERT, arity);
  }

  public static Row of(Object... values) {
    Row r = new Row(values.length);
    System.arraycopy(values, 0, r.fields, 0, values.length);
    return r;
  }

  public static Row ofKind(RowKind kind, Object... values) {
    Row r = of(values);
    r.kind = kind;
    return r;
  }

  public int getArity() {
    return fields.length;
  }

  public Object getField(int pos) {
    return fields[pos];
  }

  @SuppressWarnings("unchecked")
  public <T> T getFieldAs(int pos) {
    return (T) fields[pos];
  }

  public void setField(int pos, Object value) {
    fields[pos] = value;
  }

  public RowKind getKind() {
    return kind;
  }

  public void setKind(RowKind kind) {
    this.kind = Objects.requireNonNull(kind);
  }

  public Row copy() {
    Row r = new Row(kind, fields.length);
    System.arraycopy(fields, 0, r.fields, 0, fields.length);
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && r.kind == kind && Arrays.deepEquals(r.fields, fields);
  }

  @Override
  public int hashCode() {
    return 31 * kind.ordinal() + Arrays.deepHashCode(fields); // ordinal: stable across JVMs (key groups)
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind.shortString()).append('[');
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object f = fields[i];
      sb.append(f instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(f));
    }
    return sb.append(']').toString();
  }
}
