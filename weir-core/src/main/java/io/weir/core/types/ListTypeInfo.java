package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Type of a {@link List}; read back as an {@link ArrayList} unless a concrete list class was declared. */
public final class ListTypeInfo<E> extends TypeInfo<List<E>> {
  private final TypeInfo<E> elementType;
  private final Class<?> implClass;

  public ListTypeInfo(TypeInfo<E> elementType) {
    this(elementType, ArrayList.class);
  }

  ListTypeInfo(TypeInfo<E> elementType, Class<?> implClass) {
    this.elementType = Objects.requireNonNull(elementType);
    this.implClass = implClass;
  }

  public TypeInfo<E> getElementType() {
    return elementType;
  }

  /** The class values are read back as. */
  Class<?> implClass() {
    return implClass;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<List<E>> getTypeClass() {
    return (Class) (implClass == ArrayList.class ? List.class : implClass);
  }

  @Override
  public TypeSerializer<List<E>> createSerializer() {
    return new ListSerializer<>(elementType.createSerializer(), implClass);
  }

  @Override
  public boolean isPrecise() {
    return elementType.isPrecise();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListTypeInfo<?> l && l.elementType.equals(elementType) && l.implClass == implClass;
  }

  @Override
  public int hashCode() {
    return 31 * elementType.hashCode() + implClass.hashCode();
  }

  @Override
  public String toString() {
    return "List<" + elementType + ">";
  }

  /** Size, then each element with a null flag. */
  public static final class ListSerializer<E> implements TypeSerializer<List<E>> {
    private final TypeSerializer<E> elementSerializer;
    private final Class<?> implClass;

    public ListSerializer(TypeSerializer<E> elementSerializer) {
      this(elementSerializer, ArrayList.class);
    }

    ListSerializer(TypeSerializer<E> elementSerializer, Class<?> implClass) {
      this.elementSerializer = NullableSerializer.wrap(elementSerializer);
      this.implClass = implClass;
    }

    @Override
    public void serialize(List<E> value, DataOutput out) throws IOException {
      SerializationUtil.writeVarInt(value.size(), out);
      for (E e : value) {
        elementSerializer.serialize(e, out);
      }
    }

    @Override
    public List<E> deserialize(DataInput in) throws IOException {
      int n = SerializationUtil.readVarInt(in);
      List<E> list = CollectionSupport.instantiate(implClass, n);
      for (int i = 0; i < n; i++) {
        list.add(elementSerializer.deserialize(in));
      }
      return list;
    }

    @Override
    public List<E> copy(List<E> value) {
      if (value == null) {
        return null;
      }
      List<E> list = CollectionSupport.instantiate(implClass, value.size());
      for (E e : value) {
        list.add(elementSerializer.copy(e));
      }
      return list;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ListSerializer<?> l && l.elementSerializer.equals(elementSerializer) && l.implClass == implClass;
    }

    @Override
    public int hashCode() {
      return elementSerializer.hashCode() * 31 + 1;
    }
  }
}
