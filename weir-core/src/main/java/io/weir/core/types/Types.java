package io.weir.core.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Factory of common {@link TypeInfo}s, named like Flink's {@code Types}. */
public final class Types {
  private Types() {}

  public static final TypeInfo<String> STRING = BasicTypeInfo.STRING;
  public static final TypeInfo<Long> LONG = BasicTypeInfo.LONG;
  public static final TypeInfo<Integer> INT = BasicTypeInfo.INT;
  public static final TypeInfo<Double> DOUBLE = BasicTypeInfo.DOUBLE;
  public static final TypeInfo<Boolean> BOOLEAN = BasicTypeInfo.BOOLEAN;
  public static final TypeInfo<Float> FLOAT = BasicTypeInfo.FLOAT;
  public static final TypeInfo<Short> SHORT = BasicTypeInfo.SHORT;
  public static final TypeInfo<Byte> BYTE = BasicTypeInfo.BYTE;
  public static final TypeInfo<Character> CHAR = BasicTypeInfo.CHAR;
  public static final TypeInfo<BigDecimal> BIG_DEC = BasicTypeInfo.BIG_DEC;
  public static final TypeInfo<BigInteger> BIG_INT = BasicTypeInfo.BIG_INT;
  public static final TypeInfo<Instant> INSTANT = BasicTypeInfo.INSTANT;
  public static final TypeInfo<LocalDate> LOCAL_DATE = BasicTypeInfo.LOCAL_DATE;
  public static final TypeInfo<LocalTime> LOCAL_TIME = BasicTypeInfo.LOCAL_TIME;
  public static final TypeInfo<LocalDateTime> LOCAL_DATE_TIME = BasicTypeInfo.LOCAL_DATE_TIME;
  public static final TypeInfo<Void> VOID = BasicTypeInfo.VOID;
  public static final TypeInfo<byte[]> BYTE_ARRAY = PrimitiveArrayTypeInfo.BYTE_ARRAY;

  /** A tuple type (Tuple2..Tuple5) with the given field types. */
  public static <T extends Tuple> TypeInfo<T> TUPLE(TypeInfo<?>... types) {
    return new TupleTypeInfo<>(types);
  }

  /** A row type with fields named f0..fN. */
  public static TypeInfo<Row> ROW(TypeInfo<?>... types) {
    return new RowTypeInfo(types);
  }

  public static TypeInfo<Row> ROW_NAMED(String[] names, TypeInfo<?>... types) {
    return new RowTypeInfo(names, types);
  }

  public static <E> TypeInfo<List<E>> LIST(TypeInfo<E> elementType) {
    return new ListTypeInfo<>(elementType);
  }

  public static <E> TypeInfo<Set<E>> SET(TypeInfo<E> elementType) {
    return new SetTypeInfo<>(elementType);
  }

  public static <K, V> TypeInfo<Map<K, V>> MAP(TypeInfo<K> keyType, TypeInfo<V> valueType) {
    return new MapTypeInfo<>(keyType, valueType);
  }

  /** The POJO type of a class; IllegalArgumentException saying why if it is not a POJO. */
  public static <T> TypeInfo<T> POJO(Class<T> pojoClass) {
    return TypeExtractor.forPojo(pojoClass);
  }

  /** A class-tagged type (imprecise): each value is written with its runtime class. */
  public static <T> TypeInfo<T> GENERIC(Class<T> genericClass) {
    return new GenericTypeInfo<>(genericClass, false);
  }

  public static <E extends Enum<E>> TypeInfo<E> ENUM(Class<E> enumClass) {
    return new EnumTypeInfo<>(enumClass);
  }

  /** byte[], int[], long[], ... from the array class. */
  public static <T> TypeInfo<T> PRIMITIVE_ARRAY(Class<T> arrayClass) {
    return new PrimitiveArrayTypeInfo<>(arrayClass);
  }

  public static <E> TypeInfo<E[]> OBJECT_ARRAY(TypeInfo<E> elementType) {
    return ObjectArrayTypeInfo.of(elementType);
  }
}
