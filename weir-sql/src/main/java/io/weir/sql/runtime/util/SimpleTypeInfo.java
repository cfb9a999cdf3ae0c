package io.weir.sql.runtime.util;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.util.Objects;

/**
 * A {@link TypeInfo} around a hand-written serializer, for operator-internal state (accumulators,
 * join counters) whose layout only the SQL runtime knows.
 */
public final class SimpleTypeInfo<T> extends TypeInfo<T> {
  private final Class<T> typeClass;
  private final TypeSerializer<T> serializer;
  private final String description;

  public SimpleTypeInfo(Class<T> typeClass, TypeSerializer<T> serializer, String description) {
    this.typeClass = Objects.requireNonNull(typeClass);
    this.serializer = Objects.requireNonNull(serializer);
    this.description = description;
  }

  @Override
  public Class<T> getTypeClass() {
    return typeClass;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return serializer;
  }

  @Override
  public String toString() {
    return description;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimpleTypeInfo<?> s && s.typeClass == typeClass && s.serializer.equals(serializer);
  }

  @Override
  public int hashCode() {
    return typeClass.hashCode();
  }
}
