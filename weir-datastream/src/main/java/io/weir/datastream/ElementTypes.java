package io.weir.datastream;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Tuple;
import io.weir.core.types.TupleTypeInfo;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;

/**
 * The type of a stream given by example values (fromElements/fromCollection). Tuples and rows are
 * generic containers, so their field types come from the field values; everything else from the
 * most specific class all elements share.
 */
final class ElementTypes {
  private ElementTypes() {}

  @SuppressWarnings("unchecked")
  static <T> TypeInfo<T> of(T[] elements, String where) {
    Class<?> common = null;
    for (T e : elements) {
      if (e == null) {
        continue;
      }
      common = common == null ? e.getClass() : commonSuperclass(common, e.getClass());
    }
    if (common == null) {
      throw new IllegalArgumentException(where + ": all elements are null; null records are not supported");
    }
    if (common == Object.class) {
      throw new IllegalArgumentException(where + ": the elements have no common type other than Object (first: "
          + elements[0].getClass().getName() + "); pass the type explicitly");
    }
    if (Tuple.class.isAssignableFrom(common) && common != Tuple.class) {
      int arity = ((Tuple) elements[0]).getArity();
      TypeInfo<?>[] fields = new TypeInfo<?>[arity];
      for (int i = 0; i < arity; i++) {
        fields[i] = fieldType(elements, i, where);
      }
      return (TypeInfo<T>) new TupleTypeInfo<>(fields);
    }
    if (common == Row.class) {
      int arity = ((Row) elements[0]).getArity();
      for (T e : elements) {
        if (((Row) e).getArity() != arity) {
          throw new IllegalArgumentException(where + ": rows have different numbers of fields (" + arity + " and "
              + ((Row) e).getArity() + ")");
        }
      }
      TypeInfo<?>[] fields = new TypeInfo<?>[arity];
      for (int i = 0; i < arity; i++) {
        fields[i] = fieldType(elements, i, where);
      }
      return (TypeInfo<T>) new RowTypeInfo(fields);
    }
    return (TypeInfo<T>) TypeExtractor.forClass(common);
  }

  private static TypeInfo<?> fieldType(Object[] elements, int pos, String where) {
    Object[] values = new Object[elements.length];
    int n = 0;
    for (Object e : elements) {
      Object v = e instanceof Row r ? r.getField(pos) : ((Tuple) e).getField(pos);
      if (v != null) {
        values[n++] = v;
      }
    }
    if (n == 0) {
      return Types.GENERIC(Object.class);
    }
    return of(java.util.Arrays.copyOf(values, n), where + " (field " + pos + ")");
  }

  private static Class<?> commonSuperclass(Class<?> a, Class<?> b) {
    Class<?> c = a;
    while (!c.isAssignableFrom(b)) {
      c = c.getSuperclass();
    }
    return c;
  }
}
