package io.weir.core.types;

import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Type of a {@link Set}; read back as a {@link HashSet} unless a concrete set class was declared.
 * Elements are written in the order of their serialized bytes, so equal sets give equal bytes
 * whatever their iteration order.
 */
public final class SetTypeInfo<E> extends CollectionTypeInfo<Set<E>, E> {
  public SetTypeInfo(TypeInfo<E> elementType) {
    this(elementType, HashSet.class);
  }

  SetTypeInfo(TypeInfo<E> elementType, Class<?> implClass) {
    super(elementType, implClass, HashSet.class, Set.class);
  }

  @Override
  public TypeSerializer<Set<E>> createSerializer() {
    return new SetSerializer<>(getElementType().createSerializer(), implClass());
  }

  static final class SetSerializer<E> extends CollectionSerializer<Set<E>, E> {
    SetSerializer(TypeSerializer<E> elementSerializer, Class<?> implClass) {
      super(elementSerializer, implClass);
    }

    @Override
    public void serialize(Set<E> value, DataOutput out) throws IOException {
      int n = value.size();
      SerializationUtil.writeVarInt(n, out);
      if (n == 1) {
        elementSerializer.serialize(value.iterator().next(), out);
        return;
      }
      if (n == 0) {
        return;
      }
      ByteArrayDataOutput tmp = new ByteArrayDataOutput(16 * n);
      int[] offsets = new int[n + 1];
      int i = 0;
      for (E e : value) {
        elementSerializer.serialize(e, tmp);
        offsets[++i] = tmp.length();
      }
      if (i != n) {
        throw new IOException("set changed size while being serialized");
      }
      byte[] buf = tmp.getSharedBuffer();
      for (int idx : CollectionSupport.sortedOrder(buf, offsets, n)) {
        out.write(buf, offsets[idx], offsets[idx + 1] - offsets[idx]);
      }
    }
  }
}
