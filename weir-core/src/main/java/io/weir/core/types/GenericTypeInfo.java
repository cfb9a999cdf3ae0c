package io.weir.core.types;

import io.weir.core.util.InstantiationUtil;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A type known only by a class (possibly {@code Object}): each value is written with its runtime
 * class name, then with the precise serializer of that runtime class (record, POJO, tuple, ...),
 * or with Java serialization for other {@code Serializable} classes. Null is allowed.
 *
 * <p>{@link #isPrecise()} is false when the type was not declared but lost to erasure (a lambda's
 * generic result): the stream still works, just with bigger records; {@code .returns(...)} on the
 * stream gives the exact type.
 */
public final class GenericTypeInfo<T> extends TypeInfo<T> {
  private final Class<T> typeClass;
  private final boolean precise;

  /** An imprecise generic type (class-tagged values), as {@code Types.GENERIC(cls)}. */
  public GenericTypeInfo(Class<T> typeClass) {
    this(typeClass, false);
  }

  public GenericTypeInfo(Class<T> typeClass, boolean precise) {
    if (typeClass.isPrimitive()) {
      throw new IllegalArgumentException("a generic type cannot be primitive: " + typeClass);
    }
    this.typeClass = typeClass;
    this.precise = precise;
  }

  @Override
  public Class<T> getTypeClass() {
    return typeClass;
  }

  @Override
  public boolean isPrecise() {
    return precise;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return new GenericSerializer<>(typeClass);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericTypeInfo<?> g && g.typeClass == typeClass && g.precise == precise;
  }

  @Override
  public int hashCode() {
    return typeClass.hashCode() + (precise ? 1 : 0);
  }

  @Override
  public String toString() {
    return "Generic<" + typeClass.getName() + ">" + (precise ? "" : "(imprecise)");
  }

  /**
   * Tag byte 0 = null; 1 = class name (writeUTF) + that class's precise serializer; 2 = Java
   * serialization (length + bytes, class information inside); 3 and up = a well-known class by
   * index (saves writing "java.lang.String" with every value) + its precise serializer.
   */
  public static final class GenericSerializer<T> implements TypeSerializer<T> {
    private static final byte NULL = 0;
    private static final byte TAGGED = 1;
    private static final byte JAVA = 2;
    private static final int FIRST_KNOWN = 3;
    /** Append only: the index is part of the serialized format. */
    private static final Class<?>[] KNOWN = {
      String.class, Long.class, Integer.class, Double.class, Float.class, Short.class, Byte.class,
      Character.class, Boolean.class, java.math.BigDecimal.class, java.math.BigInteger.class,
      java.time.Instant.class, java.time.LocalDate.class, java.time.LocalTime.class,
      java.time.LocalDateTime.class, java.util.Date.class, Tuple2.class, Tuple3.class, Tuple4.class,
      Tuple5.class, Row.class, java.util.ArrayList.class, java.util.HashMap.class,
      java.util.LinkedHashMap.class, java.util.HashSet.class, java.util.LinkedHashSet.class,
      java.util.TreeMap.class, java.util.TreeSet.class, java.util.LinkedList.class, byte[].class,
      int[].class, long[].class, double[].class, String[].class, Object[].class, RowKind.class
    };
    private static final Map<Class<?>, Integer> KNOWN_INDEX = new java.util.IdentityHashMap<>();

    static {
      for (int i = 0; i < KNOWN.length; i++) {
        KNOWN_INDEX.put(KNOWN[i], i);
      }
    }

    private final Class<T> typeClass;
    private transient Map<Class<?>, TypeExtractor.RuntimeSerializer> serializers;
    private transient Map<String, Class<?>> classes;

    public GenericSerializer(Class<T> typeClass) {
      this.typeClass = typeClass;
    }

    private Map<Class<?>, TypeExtractor.RuntimeSerializer> serializers() {
      Map<Class<?>, TypeExtractor.RuntimeSerializer> m = serializers;
      if (m == null) {
        m = serializers = new ConcurrentHashMap<>();
      }
      return m;
    }

    private TypeExtractor.RuntimeSerializer serializerFor(Class<?> c) {
      Map<Class<?>, TypeExtractor.RuntimeSerializer> m = serializers();
      TypeExtractor.RuntimeSerializer s = m.get(c);
      if (s == null) {
        s = TypeExtractor.runtimeSerializerFor(c);
        m.put(c, s);
      }
      return s;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void serialize(T value, DataOutput out) throws IOException {
      if (value == null) {
        out.writeByte(NULL);
        return;
      }
      Class<?> c = value.getClass();
      TypeExtractor.RuntimeSerializer s = serializerFor(c);
      if (s.serializer() != null) {
        Class<?> tag = s.tagClass();
        Integer known = KNOWN_INDEX.get(tag);
        if (known != null) {
          out.writeByte(FIRST_KNOWN + known);
        } else {
          out.writeByte(TAGGED);
          out.writeUTF(tag.getName());
        }
        s.serializer().serialize(value, out);
      } else {
        out.writeByte(JAVA);
        byte[] bytes;
        try {
          bytes = InstantiationUtil.serialize(value);
        } catch (NotSerializableException e) {
          throw new IllegalArgumentException("Cannot serialize a value of type " + c.getName()
              + ": it holds a non-serializable " + e.getMessage(), e);
        }
        SerializationUtil.writeVarInt(bytes.length, out);
        out.write(bytes);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInput in) throws IOException {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case NULL:
          return null;
        case TAGGED: {
          Class<?> c = loadClass(in.readUTF());
          TypeSerializer<Object> ts = serializerFor(c).serializer();
          if (ts == null) {
            throw new IOException("class " + c.getName() + " was written with its own serializer but now needs Java serialization");
          }
          return (T) ts.deserialize(in);
        }
        case JAVA: {
          byte[] bytes = new byte[SerializationUtil.readVarInt(in)];
          in.readFully(bytes);
          try {
            return (T) InstantiationUtil.deserialize(bytes, classLoader());
          } catch (ClassNotFoundException e) {
            throw new IOException("cannot read a Java-serialized value: class not found " + e.getMessage(), e);
          }
        }
        default:
          if (tag >= FIRST_KNOWN && tag < FIRST_KNOWN + KNOWN.length) {
            return (T) serializerFor(KNOWN[tag - FIRST_KNOWN]).serializer().deserialize(in);
          }
          throw new IOException("corrupt generic value: unknown tag " + tag + " (type " + typeClass.getName() + ")");
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T copy(T value) {
      if (value == null) {
        return null;
      }
      TypeSerializer<Object> ts = serializerFor(value.getClass()).serializer();
      if (ts != null) {
        return (T) ts.copy(value);
      }
      return (T) InstantiationUtil.clone((Serializable) value, "value of type " + value.getClass().getName());
    }

    @Override
    public boolean acceptsNull() {
      return true;
    }

    private ClassLoader classLoader() {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      return cl != null ? cl : typeClass.getClassLoader() != null ? typeClass.getClassLoader() : GenericSerializer.class.getClassLoader();
    }

    private Class<?> loadClass(String name) throws IOException {
      Map<String, Class<?>> m = classes;
      if (m == null) {
        m = classes = new ConcurrentHashMap<>();
      }
      Class<?> c = m.get(name);
      if (c != null) {
        return c;
      }
      ClassLoader[] loaders = {
        Thread.currentThread().getContextClassLoader(), typeClass.getClassLoader(), GenericSerializer.class.getClassLoader()
      };
      for (ClassLoader cl : loaders) {
        if (cl == null) {
          continue;
        }
        try {
          c = Class.forName(name, false, cl);
          m.put(name, c);
          return c;
        } catch (ClassNotFoundException e) {
          // try the next loader
        }
      }
      throw new IOException("cannot read a value of class " + name + ": class not found");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof GenericSerializer<?> g && g.typeClass == typeClass;
    }

    @Override
    public int hashCode() {
      return typeClass.hashCode() * 7;
    }
  }
}
