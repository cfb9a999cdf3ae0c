package io.weir.core.types;

import java.io.DataInput;
import java.io.IOException;
import java.util.Collection;
import java.util.Objects;

/**
 * The common part of {@link ListTypeInfo} and {@link SetTypeInfo}: an element type and the class
 * values are read back as (the interface's default implementation unless a concrete class was
 * declared). The serializers write the size, then each element with a null flag; they differ in
 * the element order they write.
 */
abstract class CollectionTypeInfo<C extends Collection<E>, E> extends TypeInfo<C> {
  private final TypeInfo<E> elementType;
  private final Class<?> implClass;
  private final Class<?> defaultImpl;
  private final Class<?> collectionInterface;

  CollectionTypeInfo(TypeInfo<E> elementType, Class<?> implClass, Class<?> defaultImpl, Class<?> collectionInterface) {
    this.elementType = Objects.requireNonNull(elementType);
    this.implClass = implClass;
    this.defaultImpl = defaultImpl;
    this.collectionInterface = collectionInterface;
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
  public Class<C> getTypeClass() {
    return (Class) (implClass == defaultImpl ? collectionInterface : implClass);
  }

  @Override
  public boolean isPrecise() {
    return elementType.isPrecise();
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((CollectionTypeInfo<?, ?>) o).elementType.equals(elementType)
        && ((CollectionTypeInfo<?, ?>) o).implClass == implClass;
  }

  @Override
  public int hashCode() {
    return 31 * elementType.hashCode() + implClass.hashCode();
  }

  @Override
  public String toString() {
    return collectionInterface.getSimpleName() + "<" + elementType + ">";
  }

  /** Reads and copies collections of {@code implClass}; subclasses write them. */
  abstract static class CollectionSerializer<C extends Collection<E>, E> implements TypeSerializer<C> {
    final TypeSerializer<E> elementSerializer;
    final Class<?> implClass;

    CollectionSerializer(TypeSerializer<E> elementSerializer, Class<?> implClass) {
      this.elementSerializer = NullableSerializer.wrap(elementSerializer);
      this.implClass = implClass;
    }

    @Override
    public C deserialize(DataInput in) throws IOException {
      int n = SerializationUtil.readVarInt(in);
      C c = CollectionSupport.instantiate(implClass, n);
      for (int i = 0; i < n; i++) {
        c.add(elementSerializer.deserialize(in));
      }
      return c;
    }

    @Override
    public C copy(C value) {
      if (value == null) {
        return null;
      }
      C c = CollectionSupport.instantiate(implClass, value.size());
      for (E e : value) {
        c.add(elementSerializer.copy(e));
      }
      return c;
    }

    @Override
    public boolean equals(Object o) {
      return o != null && o.getClass() == getClass()
          && ((CollectionSerializer<?, ?>) o).elementSerializer.equals(elementSerializer)
          && ((CollectionSerializer<?, ?>) o).implClass == implClass;
    }

    @Override
    public int hashCode() {
      return elementSerializer.hashCode() * 31 + getClass().getSimpleName().hashCode();
    }
  }
}
