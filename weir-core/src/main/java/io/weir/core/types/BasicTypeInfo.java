package io.weir.core.types;

import java.io.ObjectStreamException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Type of String, the boxed primitives, BigDecimal/BigInteger, java.time values, Date and Void. */
public final class BasicTypeInfo<T> extends TypeInfo<T> {
  public static final BasicTypeInfo<String> STRING = new BasicTypeInfo<>(String.class, BasicSerializers.STRING);
  public static final BasicTypeInfo<Long> LONG = new BasicTypeInfo<>(Long.class, BasicSerializers.LONG);
  public static final BasicTypeInfo<Integer> INT = new BasicTypeInfo<>(Integer.class, BasicSerializers.INT);
  public static final BasicTypeInfo<Double> DOUBLE = new BasicTypeInfo<>(Double.class, BasicSerializers.DOUBLE);
  public static final BasicTypeInfo<Float> FLOAT = new BasicTypeInfo<>(Float.class, BasicSerializers.FLOAT);
  public static final BasicTypeInfo<Short> SHORT = new BasicTypeInfo<>(Short.class, BasicSerializers.SHORT);
  public static final BasicTypeInfo<Byte> BYTE = new BasicTypeInfo<>(Byte.class, BasicSerializers.BYTE);
  public static final BasicTypeInfo<Character> CHAR = new BasicTypeInfo<>(Character.class, BasicSerializers.CHAR);
  public static final BasicTypeInfo<Boolean> BOOLEAN = new BasicTypeInfo<>(Boolean.class, BasicSerializers.BOOLEAN);
  public static final BasicTypeInfo<BigDecimal> BIG_DEC = new BasicTypeInfo<>(BigDecimal.class, BasicSerializers.BIG_DEC);
  public static final BasicTypeInfo<BigInteger> BIG_INT = new BasicTypeInfo<>(BigInteger.class, BasicSerializers.BIG_INT);
  public static final BasicTypeInfo<Instant> INSTANT = new BasicTypeInfo<>(Instant.class, BasicSerializers.INSTANT);
  public static final BasicTypeInfo<LocalDate> LOCAL_DATE = new BasicTypeInfo<>(LocalDate.class, BasicSerializers.LOCAL_DATE);
  public static final BasicTypeInfo<LocalTime> LOCAL_TIME = new BasicTypeInfo<>(LocalTime.class, BasicSerializers.LOCAL_TIME);
  public static final BasicTypeInfo<LocalDateTime> LOCAL_DATE_TIME =
      new BasicTypeInfo<>(LocalDateTime.class, BasicSerializers.LOCAL_DATE_TIME);
  public static final BasicTypeInfo<Date> DATE = new BasicTypeInfo<>(Date.class, BasicSerializers.DATE);
  public static final BasicTypeInfo<Void> VOID = new BasicTypeInfo<>(Void.class, BasicSerializers.VOID);

  private static final Map<Class<?>, BasicTypeInfo<?>> BY_CLASS =
      List.of(STRING, LONG, INT, DOUBLE, FLOAT, SHORT, BYTE, CHAR, BOOLEAN, BIG_DEC, BIG_INT, INSTANT,
              LOCAL_DATE, LOCAL_TIME, LOCAL_DATE_TIME, DATE, VOID)
          .stream()
          .collect(Collectors.toUnmodifiableMap(BasicTypeInfo::getTypeClass, Function.identity()));

  private static final Map<Class<?>, BasicTypeInfo<?>> BY_PRIMITIVE = Map.of(
      long.class, LONG, int.class, INT, double.class, DOUBLE, float.class, FLOAT, short.class, SHORT,
      byte.class, BYTE, char.class, CHAR, boolean.class, BOOLEAN, void.class, VOID);

  private final Class<T> type;
  private final TypeSerializer<T> serializer;

  private BasicTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
    this.type = type;
    this.serializer = serializer;
  }

  /** The basic type of a class (primitives map to their boxes), or null if it is not basic. */
  @SuppressWarnings("unchecked")
  public static <T> BasicTypeInfo<T> forClass(Class<T> c) {
    BasicTypeInfo<?> info = c.isPrimitive() ? BY_PRIMITIVE.get(c) : BY_CLASS.get(c);
    return (BasicTypeInfo<T>) info;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public TypeSerializer<T> createSerializer() {
    return serializer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BasicTypeInfo<?> b && b.type == type;
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return type.getSimpleName();
  }

  private Object readResolve() throws ObjectStreamException {
    BasicTypeInfo<?> canonical = BY_CLASS.get(type);
    return canonical != null ? canonical : this;
  }
}
