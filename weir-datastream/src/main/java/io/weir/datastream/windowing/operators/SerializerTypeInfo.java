package io.weir.datastream.windowing.operators;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;

/** Type information for internal state values whose serializer the operator builds itself. */
public final class SerializerTypeInfo<T> extends TypeInfo<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> typeClass;
  private final TypeSerializer<T> serializer;
  private final String description;

  public SerializerTypeInfo(Class<T> typeClass, TypeSerializer<T> serializer, String description) {
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
