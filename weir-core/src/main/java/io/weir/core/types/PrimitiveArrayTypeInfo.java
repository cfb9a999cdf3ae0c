package io.weir.core.types;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Objects;

/** Type of a primitive array: byte[], int[], long[], double[], float[], short[], char[], boolean[]. */
public final class PrimitiveArrayTypeInfo<T> extends TypeInfo<T> {
  public static final PrimitiveArrayTypeInfo<byte[]> BYTE_ARRAY = new PrimitiveArrayTypeInfo<>(byte[].class);
  public static final PrimitiveArrayTypeInfo<int[]> INT_ARRAY = new PrimitiveArrayTypeInfo<>(int[].class);
  public static final PrimitiveArrayTypeInfo<long[]> LONG_ARRAY = new PrimitiveArrayTypeInfo<>(long[].class);
  public static final PrimitiveArrayTypeInfo<double[]> DOUBLE_ARRAY = new PrimitiveArrayTypeInfo<>(double[].class);

  private final Class<T> arrayClass;

  public PrimitiveArrayTypeInfo(Class<T> arrayClass) {
    if (!arrayClass.isArray() || !arrayClass.getComponentType().isPrimitive()) {
      throw new IllegalArgumentException(arrayClass.getTypeName() + " is not a primitive array type");
    }
    this.arrayClass = arrayClass;
  }

  @Override
  public Class<T> getTypeClass() {
    return arrayClass;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new PrimitiveArraySerializer<>(arrayClass);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrimitiveArrayTypeInfo<?> p && p.arrayClass == arrayClass;
  }

  @Override
  public int hashCode() {
    return arrayClass.hashCode();
  }

  @Override
  public String toString() {
    return arrayClass.getTypeName();
  }

  static final class PrimitiveArraySerializer<T> implements TypeSerializer<T> {
    private final Class<T> arrayClass;
    private final Class<?> component;

    PrimitiveArraySerializer(Class<T> arrayClass) {
      this.arrayClass = Objects.requireNonNull(arrayClass);
      this.component = arrayClass.getComponentType();
    }

    @Override
    public void serialize(T value, DataOutput out) throws IOException {
      if (value instanceof byte[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        out.write(a);
      } else if (value instanceof int[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        for (int v : a) {
          out.writeInt(v);
        }
      } else if (value instanceof long[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        for (long v : a) {
          out.writeLong(v);
        }
      } else if (value instanceof double[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        for (double v : a) {
          out.writeDouble(v);
        }
      } else if (value instanceof float[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        for (float v : a) {
          out.writeFloat(v);
        }
      } else if (value instanceof short[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        for (short v : a) {
          out.writeShort(v);
        }
      } else if (value instanceof char[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        for (char v : a) {
          out.writeChar(v);
        }
      } else if (value instanceof boolean[] a) {
        SerializationUtil.writeVarInt(a.length, out);
        for (boolean v : a) {
          out.writeBoolean(v);
        }
      } else {
        throw new IllegalArgumentException("expected " + arrayClass.getTypeName() + " but got "
            + (value == null ? "null" : value.getClass().getTypeName()));
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInput in) throws IOException {
      int n = SerializationUtil.readVarInt(in);
      if (component == byte.class) {
        byte[] a = new byte[n];
        in.readFully(a);
        return (T) a;
      } else if (component == int.class) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.readInt();
        }
        return (T) a;
      } else if (component == long.class) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.readLong();
        }
        return (T) a;
      } else if (component == double.class) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.readDouble();
        }
        return (T) a;
      } else if (component == float.class) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.readFloat();
        }
        return (T) a;
      } else if (component == short.class) {
        short[] a = new short[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.readShort();
        }
        return (T) a;
      } else if (component == char.class) {
        char[] a = new char[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.readChar();
        }
        return (T) a;
      } else {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.readBoolean();
        }
        return (T) a;
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      int n = Array.getLength(value);
      Object copy = Array.newInstance(component, n);
      System.arraycopy(value, 0, copy, 0, n);
      return (T) copy;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PrimitiveArraySerializer<?> p && p.arrayClass == arrayClass;
    }

    @Override
    public int hashCode() {
      return arrayClass.hashCode();
    }
  }
}
