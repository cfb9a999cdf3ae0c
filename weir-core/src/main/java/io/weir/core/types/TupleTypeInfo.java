package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/** Type of {@link Tuple2}..{@link Tuple5}: field types by position, names f0..fN. */
public final class TupleTypeInfo<T extends Tuple> extends CompositeTypeInfo<T> {
  private final TypeInfo<?>[] fieldTypes;

  public TupleTypeInfo(TypeInfo<?>... fieldTypes) {
    if (fieldTypes.length < 2 || fieldTypes.length > 5) {
      throw new IllegalArgumentException("tuples have 2 to 5 fields, got " + fieldTypes.length);
    }
    for (int i = 0; i < fieldTypes.length; i++) {
      if (fieldTypes[i] == null) {
        throw new IllegalArgumentException("tuple field type f" + i + " is null");
      }
    }
    this.fieldTypes = fieldTypes.clone();
  }

  static Class<? extends Tuple> tupleClass(int arity) {
    return switch (arity) {
      case 2 -> Tuple2.class;
      case 3 -> Tuple3.class;
      case 4 -> Tuple4.class;
      case 5 -> Tuple5.class;
      default -> throw new IllegalArgumentException("tuples have 2 to 5 fields, got " + arity);
    };
  }

  static int arityOf(Class<?> c) {
    if (c == Tuple2.class) {
      return 2;
    } else if (c == Tuple3.class) {
      return 3;
    } else if (c == Tuple4.class) {
      return 4;
    } else if (c == Tuple5.class) {
      return 5;
    }
    return -1;
  }

  static Tuple newTuple(int arity) {
    return switch (arity) {
      case 2 -> new Tuple2<>();
      case 3 -> new Tuple3<>();
      case 4 -> new Tuple4<>();
      case 5 -> new Tuple5<>();
      default -> throw new IllegalArgumentException("tuples have 2 to 5 fields, got " + arity);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<T> getTypeClass() {
    return (Class<T>) tupleClass(fieldTypes.length);
  }

  @Override
  public String[] getFieldNames() {
    String[] names = new String[fieldTypes.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = "f" + i;
    }
    return names;
  }

  @Override
  public TypeInfo<?>[] getFieldTypes() {
    return fieldTypes.clone();
  }

  @Override
  public int getArity() {
    return fieldTypes.length;
  }

  @Override
  public TypeInfo<?> getFieldType(int pos) {
    return fieldTypes[pos];
  }

  @Override
  public int getFieldIndex(String name) {
    String n = name.startsWith("f") ? name.substring(1) : name;
    try {
      int i = Integer.parseInt(n);
      return i >= 0 && i < fieldTypes.length ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public Object getFieldValue(T record, int pos) {
    return record.getField(pos);
  }

  @Override
  public T setFieldValue(T record, int pos, Object value) {
    record.setField(pos, value);
    return record;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    TypeSerializer<?>[] sers = new TypeSerializer<?>[fieldTypes.length];
    for (int i = 0; i < sers.length; i++) {
      sers[i] = fieldTypes[i].createSerializer();
    }
    return new TupleSerializer<>(sers);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TupleTypeInfo<?> t && Arrays.equals(t.fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fieldTypes);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tuple").append(fieldTypes.length).append('<');
    for (int i = 0; i < fieldTypes.length; i++) {
      sb.append(i > 0 ? ", " : "").append(fieldTypes[i]);
    }
    return sb.append('>').toString();
  }

  /** Null mask, then the non-null fields in order. */
  public static final class TupleSerializer<T extends Tuple> implements TypeSerializer<T> {
    private final TypeSerializer<Object>[] fieldSerializers;

    @SuppressWarnings("unchecked")
    public TupleSerializer(TypeSerializer<?>... fieldSerializers) {
      tupleClass(fieldSerializers.length);
      this.fieldSerializers = (TypeSerializer<Object>[]) fieldSerializers.clone();
    }

    @Override
    public void serialize(T value, DataOutput out) throws IOException {
      int arity = fieldSerializers.length;
      if (value.getArity() != arity) {
        throw new IllegalArgumentException("expected a Tuple" + arity + " but got " + value.getClass().getSimpleName());
      }
      // arity <= 5: the null mask is one byte
      int bits = 0;
      for (int i = 0; i < arity; i++) {
        if (value.getField(i) == null) {
          bits |= 1 << i;
        }
      }
      out.writeByte(bits);
      for (int i = 0; i < arity; i++) {
        Object f = value.getField(i);
        if (f != null) {
          try {
            fieldSerializers[i].serialize(f, out);
          } catch (ClassCastException e) {
            throw new IllegalArgumentException("tuple field f" + i + " holds a " + f.getClass().getName()
                + " that does not match its declared type: " + e.getMessage(), e);
          }
        }
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInput in) throws IOException {
      int arity = fieldSerializers.length;
      boolean[] nulls = SerializationUtil.readNullMask(arity, in);
      Tuple t = newTuple(arity);
      for (int i = 0; i < arity; i++) {
        if (!nulls[i]) {
          t.setField(i, fieldSerializers[i].deserialize(in));
        }
      }
      return (T) t;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      int arity = fieldSerializers.length;
      Tuple t = newTuple(arity);
      for (int i = 0; i < arity; i++) {
        Object f = value.getField(i);
        t.setField(i, f == null ? null : fieldSerializers[i].copy(f));
      }
      return (T) t;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TupleSerializer<?> t && Arrays.equals(t.fieldSerializers, fieldSerializers);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(fieldSerializers);
    }
  }
}
