package io.weir.core.types;

import java.io.Serializable;
import java.util.Objects;

/** A tuple of 2 public, mutable fields (Flink-compatible field names f0..f1). */
public final class Tuple2<T0, T1> implements Tuple, Serializable {
  public T0 f0;
  public T1 f1;

  public Tuple2() {}

  public Tuple2(T0 f0, T1 f1) {
    this.f0 = f0;
    this.f1 = f1;
  }

  public static <T0, T1> Tuple2<T0, T1> of(T0 f0, T1 f1) {
    return new Tuple2<>(f0, f1);
  }

  @Override
  public int getArity() {
    return 2;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <X> X getField(int pos) {
    switch (pos) {
      case 0: return (X) f0;
      case 1: return (X) f1;
      default: throw new IndexOutOfBoundsException("Tuple2 has no field " + pos);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void setField(int pos, Object value) {
    switch (pos) {
      case 0: f0 = (T0) value; return;
      case 1: f1 = (T1) value; return;
      default: throw new IndexOutOfBoundsException("Tuple2 has no field " + pos);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple2<?, ?> t && Objects.equals(f0, t.f0) && Objects.equals(f1, t.f1);
  }

  @Override
  public int hashCode() {
    return Objects.hash(f0, f1);
  }

  @Override
  public String toString() {
    return "(" + f0 + "," + f1 + ")";
  }
}
