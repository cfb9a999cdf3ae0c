package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Objects;

/** Type of an array of objects ({@code String[]}, {@code MyPojo[]}, {@code List<X>[]}); elements may be null. */
public final class ObjectArrayTypeInfo<T, C> extends TypeInfo<T> {
  private final Class<T> arrayClass;
  private final TypeInfo<C> componentType;

  @SuppressWarnings("unchecked")
  public ObjectArrayTypeInfo(Class<C> componentClass, TypeInfo<C> componentType) {
    this.arrayClass = (Class<T>) Array.newInstance(componentClass, 0).getClass();
    this.componentType = Objects.requireNonNull(componentType);
  }

  public static <C> ObjectArrayTypeInfo<C[], C> of(TypeInfo<C> componentType) {
    return new ObjectArrayTypeInfo<>(componentType.getTypeClass(), componentType);
  }

  public TypeInfo<C> getComponentType() {
    return componentType;
  }

  @Override
  public Class<T> getTypeClass() {
    return arrayClass;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new ObjectArraySerializer<>(arrayClass.getComponentType(), componentType.createSerializer());
  }

  @Override
  public boolean isPrecise() {
    return componentType.isPrecise();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectArrayTypeInfo<?, ?> a && a.arrayClass == arrayClass && a.componentType.equals(componentType);
  }

  @Override
  public int hashCode() {
    return arrayClass.hashCode() * 31 + componentType.hashCode();
  }

  @Override
  public String toString() {
    return componentType + "[]";
  }

  static final class ObjectArraySerializer<T, C> implements TypeSerializer<T> {
    private final Class<?> componentClass;
    private final TypeSerializer<C> elementSerializer;

    ObjectArraySerializer(Class<?> componentClass, TypeSerializer<C> elementSerializer) {
      this.componentClass = componentClass;
      this.elementSerializer = NullableSerializer.wrap(elementSerializer);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void serialize(T value, DataOutput out) throws IOException {
      Object[] a = (Object[]) value;
      SerializationUtil.writeVarInt(a.length, out);
      for (Object e : a) {
        elementSerializer.serialize((C) e, out);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInput in) throws IOException {
      int n = SerializationUtil.readVarInt(in);
      Object[] a = (Object[]) Array.newInstance(componentClass, n);
      for (int i = 0; i < n; i++) {
        a[i] = elementSerializer.deserialize(in);
      }
      return (T) a;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      Object[] a = (Object[]) value;
      Object[] c = (Object[]) Array.newInstance(componentClass, a.length);
      for (int i = 0; i < a.length; i++) {
        c[i] = elementSerializer.copy((C) a[i]);
      }
      return (T) c;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ObjectArraySerializer<?, ?> s && s.componentClass == componentClass
          && s.elementSerializer.equals(elementSerializer);
    }

    @Override
    public int hashCode() {
      return componentClass.hashCode() * 31 + elementSerializer.hashCode();
    }
  }
}
