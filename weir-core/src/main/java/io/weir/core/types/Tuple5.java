package io.weir.core.types;

import java.io.Serializable;
import java.util.Objects;

/** A tuple of 5 public, mutable fields (Flink-compatible field names f0..f4). */
public final class Tuple5<T0, T1, T2, T3, T4> implements Tuple, Serializable {
  public T0 f0;
  public T1 f1;
  public T2 f2;
  public T3 f3;
  public T4 f4;

  public Tuple5() {}

  public Tuple5(T0 f0, T1 f1, T2 f2, T3 f3, T4 f4) {
    this.f0 = f0;
    this.f1 = f1;
    this.f2 = f2;
    this.f3 = f3;
    this.f4 = f4;
  }

  public static <T0, T1, T2, T3, T4> Tuple5<T0, T1, T2, T3, T4> of(T0 f0, T1 f1, T2 f2, T3 f3, T4 f4) {
    return new Tuple5<>(f0, f1, f2, f3, f4);
  }

  @Override
  public int getArity() {
    return 5;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X> X getField(int pos) {
    switch (pos) {
      case 0: return (X) f0;
      case 1: return (X) f1;
      case 2: return (X) f2;
      case 3: return (X) f3;
      case 4: return (X) f4;
      default: throw new IndexOutOfBoundsException("Tuple5 has no field " + pos);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void setField(int pos, Object value) {
    switch (pos) {
      case 0: f0 = (T0) value; return;
      case 1: f1 = (T1) value; return;
      case 2: f2 = (T2) value; return;
      case 3: f3 = (T3) value; return;
      case 4: f4 = (T4) value; return;
      default: throw new IndexOutOfBoundsException("Tuple5 has no field " + pos);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple5<?, ?, ?, ?, ?> t && Objects.equals(f0, t.f0) && Objects.equals(f1, t.f1) && Objects.equals(f2, t.f2) && Objects.equals(f3, t.f3) && Objects.equals(f4, t.f4);
  }

  @Override
  public int hashCode() {
    return Objects.hash(f0, f1, f2, f3, f4);
  }

  @Override
  public String toString() {
    return "(" + f0 + "," + f1 + "," + f2 + "," + f3 + "," + f4 + ")";
  }
}
