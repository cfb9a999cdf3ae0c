package io.weir.datastream.functions.aggregation;

import io.weir.core.functions.ReduceFunction;
import io.weir.datastream.util.FieldAccessor;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * sum(field): the aggregate is the first record of the key with the field replaced by the running
 * sum. The sum keeps the field's numeric type (int overflows like Java int arithmetic).
 */
public final class SumAggregator<T> implements ReduceFunction<T> {
  private final FieldAccessor<T, Object> field;

  public SumAggregator(FieldAccessor<T, Object> field, String operation) {
    this.field = field;
    Class<?> c = field.getFieldType().getTypeClass();
    if (field.getFieldType().isPrecise() && c != Object.class && !isSummable(c)) {
      throw new IllegalArgumentException(operation + ": " + field + " is not numeric (type "
          + field.getFieldType() + "); sum works on int, long, short, byte, float, double, BigDecimal and BigInteger");
    }
  }

  @Override
  public T reduce(T a, T b) {
    return field.withField(a, add(field.get(a), field.get(b)));
  }

  static boolean isSummable(Class<?> c) {
    return c == Integer.class || c == Long.class || c == Double.class || c == Float.class
        || c == Short.class || c == Byte.class || c == BigDecimal.class || c == BigInteger.class
        || c == int.class || c == long.class || c == double.class || c == float.class
        || c == short.class || c == byte.class;
  }

  static Object add(Object x, Object y) {
    if (x == null) {
      return y;
    }
    if (y == null) {
      return x;
    }
    if (x instanceof Integer a) {
      return a + ((Number) y).intValue();
    } else if (x instanceof Long a) {
      return a + ((Number) y).longValue();
    } else if (x instanceof Double a) {
      return a + ((Number) y).doubleValue();
    } else if (x instanceof Float a) {
      return a + ((Number) y).floatValue();
    } else if (x instanceof Short a) {
      return (short) (a + ((Number) y).shortValue());
    } else if (x instanceof Byte a) {
      return (byte) (a + ((Number) y).byteValue());
    } else if (x instanceof BigDecimal a) {
      return a.add((BigDecimal) y);
    } else if (x instanceof BigInteger a) {
      return a.add((BigInteger) y);
    }
    throw new IllegalArgumentException("sum: cannot add values of type " + x.getClass().getName());
  }
}
