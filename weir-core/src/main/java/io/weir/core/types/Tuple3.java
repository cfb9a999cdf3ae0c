package io.weir.core.types;

import java.io.Serializable;
import java.util.Objects;

/** A tuple of 3 public, mutable fields (Flink-compatible field names f0..f2). */
public final class Tuple3<T0, T1, T2> implements Tuple, Serializable {
  public T0 f0;
  public T1 f1;
  public T2 f2;

  public Tuple3() {}

  public Tuple3(T0 f0, T1 f1, T2 f2) {
    this.f0 = f0;
    this.f1 = f1;
    this.f2 = f2;
  }

  public static <T0, T1, T2> Tuple3<T0, T1, T2> of(T0 f0, T1 f1, T2 f2) {
    return new Tuple3<>(f0, f1, f2);
  }

  @Override
  public int getArity() {
    return 3;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X> X getField(int pos) {
    switch (pos) {
      case 0: return (X) f0;
      case 1: return (X) f1;
      case 2: return (X) f2;
      default: throw new IndexOutOfBoundsException("Tuple3 has no field " + pos);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void setField(int pos, Object value) {
    switch (pos) {
      case 0: f0 = (T0) value; return;
      case 1: f1 = (T1) value; return;
      case 2: f2 = (T2) value; return;
      default: throw new IndexOutOfBoundsException("Tuple3 has no field " + pos);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple3<?, ?, ?> t && Objects.equals(f0, t.f0) && Objects.equals(f1, t.f1) && Objects.equals(f2, t.f2);
  }

  @Override
  public int hashCode() {
    return Objects.hash(f0, f1, f2);
  }

  @Override
  public String toString() {
    return "(" + f0 + "," + f1 + "," + f2 + ")";
  }
}
