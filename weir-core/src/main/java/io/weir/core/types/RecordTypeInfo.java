package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** Type of a Java record: its components in declaration order; read back through the canonical constructor. */
public final class RecordTypeInfo<T extends Record> extends ClassFieldsTypeInfo<T> {
  private transient Accessors accessors;

  RecordTypeInfo(Class<T> recordClass, String[] fieldNames, TypeInfo<?>[] fieldTypes) {
    super(recordClass, fieldNames, fieldTypes);
  }

  private Accessors accessors() {
    Accessors a = accessors;
    if (a == null) {
      a = accessors = new Accessors(typeClass);
    }
    return a;
  }

  @Override
  public Object getFieldValue(T record, int pos) {
    return accessors().get(record, pos);
  }

  /** Records are immutable: returns a new record with the one component replaced. */
  @Override
  public T setFieldValue(T record, int pos, Object value) {
    Accessors a = accessors();
    Object[] args = new Object[fieldTypes.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = i == pos ? value : a.get(record, i);
    }
    return a.construct(args);
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new RecordSerializer<>(typeClass, fieldSerializers());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordTypeInfo<?> r && r.typeClass == typeClass && Arrays.equals(r.fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return 31 * typeClass.hashCode() + Arrays.hashCode(fieldTypes);
  }

  @Override
  public String toString() {
    return typeClass.getSimpleName() + "(" + fieldsToString() + ")";
  }

  /** Reflection handles, rebuilt after Java deserialization (they are not serializable). */
  static final class Accessors {
    final Method[] getters;
    final Constructor<?> constructor;
    final boolean[] primitive;

    Accessors(Class<?> recordClass) {
      RecordComponent[] comps = recordClass.getRecordComponents();
      getters = new Method[comps.length];
      primitive = new boolean[comps.length];
      Class<?>[] types = new Class<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        getters[i] = comps[i].getAccessor();
        getters[i].setAccessible(true);
        types[i] = comps[i].getType();
        primitive[i] = types[i].isPrimitive();
      }
      try {
        constructor = recordClass.getDeclaredConstructor(types);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + recordClass.getName() + " has no canonical constructor", e);
      }
    }

    Object get(Object record, int i) {
      try {
        return getters[i].invoke(record);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException(
            "accessor " + getters[i].getName() + "() of " + record.getClass().getName() + " failed: " + e.getCause(), e.getCause());
      }
    }

    @SuppressWarnings("unchecked")
    <T> T construct(Object[] args) {
      try {
        return (T) constructor.newInstance(args);
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot construct " + constructor.getDeclaringClass().getName()
            + " from " + Arrays.toString(args) + " (a primitive component cannot be null): " + e.getMessage(), e);
      } catch (InvocationTargetException e) {
        throw new IllegalArgumentException("constructor of " + constructor.getDeclaringClass().getName()
            + " rejected " + Arrays.toString(args) + ": " + e.getCause(), e.getCause());
      }
    }
  }

  /** Null mask, then the non-null components; reading calls the canonical constructor. */
  static final class RecordSerializer<T> implements TypeSerializer<T> {
    private final Class<T> recordClass;
    private final TypeSerializer<Object>[] fieldSerializers;
    private final boolean immutable;
    private transient Accessors accessors;

    @SuppressWarnings("unchecked")
    RecordSerializer(Class<T> recordClass, TypeSerializer<?>[] fieldSerializers) {
      this.recordClass = recordClass;
      this.fieldSerializers = (TypeSerializer<Object>[]) fieldSerializers;
      boolean imm = true;
      for (TypeSerializer<?> s : fieldSerializers) {
        imm &= s.isImmutableType();
      }
      this.immutable = imm;
    }

    private Accessors accessors() {
      Accessors a = accessors;
      if (a == null) {
        a = accessors = new Accessors(recordClass);
      }
      return a;
    }

    @Override
    public void serialize(T value, DataOutput out) throws IOException {
      Accessors a = accessors();
      int arity = fieldSerializers.length;
      Object[] fields = new Object[arity];
      for (int i = 0; i < arity; i++) {
        fields[i] = a.get(value, i);
      }
      writeFields(fields, fieldSerializers, out);
    }

    @Override
    public T deserialize(DataInput in) throws IOException {
      return accessors().construct(readFields(fieldSerializers, in));
    }

    @Override
    public T copy(T value) {
      if (value == null || immutable) {
        return value;
      }
      Accessors a = accessors();
      Object[] args = new Object[fieldSerializers.length];
      for (int i = 0; i < args.length; i++) {
        Object f = a.get(value, i);
        args[i] = f == null ? null : fieldSerializers[i].copy(f);
      }
      return a.construct(args);
    }

    @Override
    public boolean isImmutableType() {
      return immutable;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RecordSerializer<?> r && r.recordClass == recordClass && Arrays.equals(r.fieldSerializers, fieldSerializers);
    }

    @Override
    public int hashCode() {
      return recordClass.hashCode();
    }
  }
}
