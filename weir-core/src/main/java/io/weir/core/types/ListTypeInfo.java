package io.weir.core.types;

import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Type of a {@link List}; read back as an {@link ArrayList} unless a concrete list class was declared. */
public final class ListTypeInfo<E> extends CollectionTypeInfo<List<E>, E> {
  public ListTypeInfo(TypeInfo<E> elementType) {
    this(elementType, ArrayList.class);
  }

  ListTypeInfo(TypeInfo<E> elementType, Class<?> implClass) {
    super(elementType, implClass, ArrayList.class, List.class);
  }

  @Override
  public TypeSerializer<List<E>> createSerializer() {
    return new ListSerializer<>(getElementType().createSerializer(), implClass());
  }

  /** Size, then each element with a null flag, in list order. */
  public static final class ListSerializer<E> extends CollectionSerializer<List<E>, E> {
    public ListSerializer(TypeSerializer<E> elementSerializer) {
      this(elementSerializer, ArrayList.class);
    }

    ListSerializer(TypeSerializer<E> elementSerializer, Class<?> implClass) {
      super(elementSerializer, implClass);
    }

    @Override
    public void serialize(List<E> value, DataOutput out) throws IOException {
      SerializationUtil.writeVarInt(value.size(), out);
      for (E e : value) {
        elementSerializer.serialize(e, out);
      }
    }
  }
}
