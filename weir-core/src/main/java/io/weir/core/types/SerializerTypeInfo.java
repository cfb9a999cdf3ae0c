package io.weir.core.types;

/**
 * A TypeInfo around a serializer the caller builds itself, for engine-internal state (a source's
 * splits, a window operator's merge bookkeeping) whose type is not extracted from user code.
 */
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
