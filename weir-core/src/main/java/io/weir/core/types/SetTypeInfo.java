package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Type of a {@link Set}; read back as a {@link HashSet} unless a concrete set class was declared.
 * Elements are written in the order of their serialized bytes, so equal sets give equal bytes
 * whatever their iteration order.
 */
public final class SetTypeInfo<E> extends TypeInfo<Set<E>> {
  private final TypeInfo<E> elementType;
  private final Class<?> implClass;

  public SetTypeInfo(TypeInfo<E> elementType) {
    this(elementType, HashSet.class);
  }

  SetTypeInfo(TypeInfo<E> elementType, Class<?> implClass) {
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
  public Class<Set<E>> getTypeClass() {
    return (Class) (implClass == HashSet.class ? Set.class : implClass);
  }

  @Override
  public TypeSerializer<Set<E>> createSerializer() {
    return new SetSerializer<>(elementType.createSerializer(), implClass);
  }

  @Override
  public boolean isPrecise() {
    return elementType.isPrecise();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetTypeInfo<?> s && s.elementType.equals(elementType) && s.implClass == implClass;
  }

  @Override
  public int hashCode() {
    return 37 * elementType.hashCode() + implClass.hashCode();
  }

  @Override
  public String toString() {
    return "Set<" + elementType + ">";
  }

  static final class SetSerializer<E> implements TypeSerializer<Set<E>> {
    private final TypeSerializer<E> elementSerializer;
    private final Class<?> implClass;

    SetSerializer(TypeSerializer<E> elementSerializer, Class<?> implClass) {
      this.elementSerializer = NullableSerializer.wrap(elementSerializer);
      this.implClass = implClass;
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

    @Override
    public Set<E> deserialize(DataInput in) throws IOException {
      int n = SerializationUtil.readVarInt(in);
      Set<E> set = CollectionSupport.instantiate(implClass, n);
      for (int i = 0; i < n; i++) {
        set.add(elementSerializer.deserialize(in));
      }
      return set;
    }

    @Override
    public Set<E> copy(Set<E> value) {
      if (value == null) {
        return null;
      }
      Set<E> set = CollectionSupport.instantiate(implClass, value.size());
      for (E e : value) {
        set.add(elementSerializer.copy(e));
      }
      return set;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SetSerializer<?> s && s.elementSerializer.equals(elementSerializer) && s.implClass == implClass;
    }

    @Override
    public int hashCode() {
      return elementSerializer.hashCode() * 31 + 2;
    }
  }
}
