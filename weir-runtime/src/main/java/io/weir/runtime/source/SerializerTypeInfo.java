package io.weir.runtime.source;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;

/** A TypeInfo around a given serializer, for runtime-internal state such as a source's splits. */
final class SerializerTypeInfo<T> extends TypeInfo<T> {
  private final Class<T> typeClass;
  private final TypeSerializer<T> serializer;
  private final String description;

  SerializerTypeInfo(Class<T> typeClass, TypeSerializer<T> serializer, String description) {
    this.typeClass = typeClass;
    this.serializer = serializer;
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
}
