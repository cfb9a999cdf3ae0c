package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Type of a POJO: a class with a non-private no-arg constructor whose non-static, non-transient fields
 * are public or have a getter and setter. Fields are ordered by name (like Flink), so the byte
 * layout does not depend on declaration order.
 */
public final class PojoTypeInfo<T> extends ClassFieldsTypeInfo<T> {
  private transient Accessors accessors;

  PojoTypeInfo(Class<T> pojoClass, String[] fieldNames, TypeInfo<?>[] fieldTypes) {
    super(pojoClass, fieldNames, fieldTypes);
  }

  private Accessors accessors() {
    Accessors a = accessors;
    if (a == null) {
      a = accessors = new Accessors(typeClass, fieldNames);
    }
    return a;
  }

  @Override
  public Object getFieldValue(T record, int pos) {
    return accessors().get(record, pos);
  }

  @Override
  public T setFieldValue(T record, int pos, Object value) {
    accessors().set(record, pos, value);
    return record;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new PojoSerializer<>(typeClass, fieldNames, fieldSerializers());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PojoTypeInfo<?> p && p.typeClass == typeClass && Arrays.equals(p.fieldNames, fieldNames)
        && Arrays.equals(p.fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return 31 * typeClass.hashCode() + Arrays.hashCode(fieldNames);
  }

  @Override
  public String toString() {
    return typeClass.getSimpleName() + "{" + fieldsToString() + "}";
  }

  /** Fields found by name along the class hierarchy; rebuilt after Java deserialization. */
  static final class Accessors {
    final Field[] fields;
    final Constructor<?> constructor;

    Accessors(Class<?> pojoClass, String[] names) {
      fields = new Field[names.length];
      for (int i = 0; i < names.length; i++) {
        fields[i] = findField(pojoClass, names[i]);
        fields[i].setAccessible(true);
      }
      try {
        constructor = pojoClass.getDeclaredConstructor();
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(pojoClass.getName() + " has no no-arg constructor", e);
      }
    }

    private static Field findField(Class<?> c, String name) {
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        try {
          return k.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
          // look in the superclass
        }
      }
      throw new IllegalStateException(c.getName() + " has no field '" + name + "'");
    }

    Object get(Object pojo, int i) {
      try {
        return fields[i].get(pojo);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    void set(Object pojo, int i, Object value) {
      try {
        fields[i].set(pojo, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot set field '" + fields[i].getName() + "' of "
            + fields[i].getDeclaringClass().getName() + " to " + value + ": " + e.getMessage(), e);
      }
    }

    Object newInstance() {
      try {
        return constructor.newInstance();
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(
            "constructor of " + constructor.getDeclaringClass().getName() + " failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /**
   * A header byte (0 = exactly the POJO class, 1 = a subclass, written class-tagged), then a null
   * mask and the non-null fields ordered by name.
   */
  static final class PojoSerializer<T> implements TypeSerializer<T> {
    private final Class<T> pojoClass;
    private final String[] fieldNames;
    private final TypeSerializer<Object>[] fieldSerializers;
    private transient Accessors accessors;
    private transient TypeSerializer<Object> subclassSerializer;

    @SuppressWarnings("unchecked")
    PojoSerializer(Class<T> pojoClass, String[] fieldNames, TypeSerializer<?>[] fieldSerializers) {
      this.pojoClass = pojoClass;
      this.fieldNames = fieldNames;
      this.fieldSerializers = (TypeSerializer<Object>[]) fieldSerializers;
    }

    private Accessors accessors() {
      Accessors a = accessors;
      if (a == null) {
        a = accessors = new Accessors(pojoClass, fieldNames);
      }
      return a;
    }

    private TypeSerializer<Object> subclassSerializer() {
      TypeSerializer<Object> s = subclassSerializer;
      if (s == null) {
        s = subclassSerializer = new GenericTypeInfo<>(Object.class, true).createSerializer();
      }
      return s;
    }

    @Override
    public void serialize(T value, DataOutput out) throws IOException {
      if (value.getClass() != pojoClass) {
        out.writeByte(1);
        subclassSerializer().serialize(value, out);
        return;
      }
      out.writeByte(0);
      Accessors a = accessors();
      int arity = fieldSerializers.length;
      Object[] fields = new Object[arity];
      for (int i = 0; i < arity; i++) {
        fields[i] = a.get(value, i);
      }
      writeFields(fields, fieldSerializers, out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInput in) throws IOException {
      int header = in.readUnsignedByte();
      if (header == 1) {
        return (T) subclassSerializer().deserialize(in);
      } else if (header != 0) {
        throw new IOException("corrupt " + pojoClass.getName() + " record: header byte " + header);
      }
      Accessors a = accessors();
      Object[] fields = readFields(fieldSerializers, in);
      Object pojo = a.newInstance();
      for (int i = 0; i < fields.length; i++) {
        // a null field overwrites a constructor default, so round trips are exact
        a.set(pojo, i, fields[i]);
      }
      return (T) pojo;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      if (value.getClass() != pojoClass) {
        return (T) subclassSerializer().copy(value);
      }
      Accessors a = accessors();
      Object pojo = a.newInstance();
      for (int i = 0; i < fieldSerializers.length; i++) {
        Object f = a.get(value, i);
        a.set(pojo, i, f == null ? null : fieldSerializers[i].copy(f));
      }
      return (T) pojo;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PojoSerializer<?> p && p.pojoClass == pojoClass && Arrays.equals(p.fieldSerializers, fieldSerializers);
    }

    @Override
    public int hashCode() {
      return pojoClass.hashCode();
    }
  }
}
