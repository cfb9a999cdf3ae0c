package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/** Wraps a serializer with a one-byte null flag, for elements of collections and arrays. */
public final class NullableSerializer<T> implements TypeSerializer<T> {
  private final TypeSerializer<T> inner;

  private NullableSerializer(TypeSerializer<T> inner) {
    this.inner = Objects.requireNonNull(inner);
  }

  /** {@code inner} itself if it already accepts null, else a wrapper that does. */
  public static <T> TypeSerializer<T> wrap(TypeSerializer<T> inner) {
    return inner.acceptsNull() ? inner : new NullableSerializer<>(inner);
  }

  public TypeSerializer<T> getInner() {
    return inner;
  }

  @Override
  public void serialize(T value, DataOutput out) throws IOException {
    if (value == null) {
      out.writeBoolean(false);
    } else {
      out.writeBoolean(true);
      inner.serialize(value, out);
    }
  }

  @Override
  public T deserialize(DataInput in) throws IOException {
    return in.readBoolean() ? inner.deserialize(in) : null;
  }

  @Override
  public T copy(T value) {
    return value == null ? null : inner.copy(value);
  }

  @Override
  public boolean acceptsNull() {
    return true;
  }

  @Override
  public boolean isImmutableType() {
    return inner.isImmutableType();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NullableSerializer<?> n && n.inner.equals(inner);
  }

  @Override
  public int hashCode() {
    return inner.hashCode() + 1;
  }
}
