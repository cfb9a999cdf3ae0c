package io.weir.datastream.join;

import java.util.Objects;

/** An element of either side of a window join, on the way into the shared window. */
public final class TaggedUnion<T1, T2> {
  private final T1 one;
  private final T2 two;

  private TaggedUnion(T1 one, T2 two) {
    this.one = one;
    this.two = two;
  }

  public static <T1, T2> TaggedUnion<T1, T2> one(T1 value) {
    return new TaggedUnion<>(Objects.requireNonNull(value, "join input 1 value"), null);
  }

  public static <T1, T2> TaggedUnion<T1, T2> two(T2 value) {
    return new TaggedUnion<>(null, Objects.requireNonNull(value, "join input 2 value"));
  }

  public boolean isOne() {
    return one != null;
  }

  public boolean isTwo() {
    return two != null;
  }

  public T1 getOne() {
    return one;
  }

  public T2 getTwo() {
    return two;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaggedUnion<?, ?> t && Objects.equals(t.one, one) && Objects.equals(t.two, two);
  }

  @Override
  public int hashCode() {
    return Objects.hash(one, two);
  }

  @Override
  public String toString() {
    return isOne() ? "One(" + one + ")" : "Two(" + two + ")";
  }
}
