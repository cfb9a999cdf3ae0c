package io.weir.datastream.functions.aggregation;

import io.weir.core.functions.ReduceFunction;
import io.weir.datastream.util.FieldAccessor;
import java.util.Locale;

/**
 * min/max(field): the first record of the key with the field replaced by the minimum/maximum.
 * minBy/maxBy(field): the whole record holding the minimum/maximum; on ties the earlier record
 * ({@code first = true}) or the later one wins. Null field values count as smallest.
 */
public final class ComparableAggregator<T> implements ReduceFunction<T> {
  public enum Kind { MIN, MAX, MIN_BY, MAX_BY }

  private final FieldAccessor<T, Object> field;
  private final Kind kind;
  private final boolean first;

  public ComparableAggregator(FieldAccessor<T, Object> field, Kind kind, boolean first, String operation) {
    this.field = field;
    this.kind = kind;
    this.first = first;
    Class<?> c = field.getFieldType().getTypeClass();
    if (field.getFieldType().isPrecise() && !c.isPrimitive() && c != Object.class
        && !Comparable.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException(operation + ": " + field + " is not comparable (type "
          + field.getFieldType() + ")");
    }
  }

  @Override
  public T reduce(T a, T b) {
    Object x = field.get(a);
    Object y = field.get(b);
    int c = compare(x, y);
    switch (kind) {
      case MIN:
        return c > 0 ? field.withField(a, y) : a;
      case MAX:
        return c < 0 ? field.withField(a, y) : a;
      case MIN_BY:
        return c == 0 ? (first ? a : b) : (c < 0 ? a : b);
      case MAX_BY:
        return c == 0 ? (first ? a : b) : (c > 0 ? a : b);
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private int compare(Object x, Object y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    if (!(x instanceof Comparable)) {
      throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + ": values of " + field
          + " are not comparable (" + x.getClass().getName() + ")");
    }
    return ((Comparable) x).compareTo(y);
  }
}
