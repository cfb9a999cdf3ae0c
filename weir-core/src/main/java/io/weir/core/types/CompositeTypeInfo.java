package io.weir.core.types;

import java.util.Arrays;
import java.util.List;

/**
 * A type made of named fields: tuples (f0..fN), rows, records and POJOs. Field access by name
 * (keyBy("word"), sum("count")) goes through {@link #getFieldIndex}, {@link #getFieldValue} and
 * {@link #setFieldValue}.
 */
public abstract class CompositeTypeInfo<T> extends TypeInfo<T> {
  public abstract String[] getFieldNames();

  public abstract TypeInfo<?>[] getFieldTypes();

  public int getArity() {
    return getFieldTypes().length;
  }

  /** Index of a field, or -1. Tuples also accept positions as names ("0", "f0"). */
  public int getFieldIndex(String name) {
    return Arrays.asList(getFieldNames()).indexOf(name);
  }

  public TypeInfo<?> getFieldType(int pos) {
    return getFieldTypes()[pos];
  }

  /** The field type by name; IllegalArgumentException naming the known fields if absent. */
  public TypeInfo<?> getFieldType(String name) {
    int i = getFieldIndex(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "type " + this + " has no field '" + name + "' (fields: " + List.of(getFieldNames()) + ")");
    }
    return getFieldTypes()[i];
  }

  /** Reads field {@code pos} of {@code record}. */
  public abstract Object getFieldValue(T record, int pos);

  /**
   * Sets field {@code pos} and returns the updated record: the same instance for mutable types
   * (tuples, rows, POJOs), a new instance for records (immutable).
   */
  public abstract T setFieldValue(T record, int pos, Object value);

  /** Precise only when every field is. */
  @Override
  public boolean isPrecise() {
    for (TypeInfo<?> t : getFieldTypes()) {
      if (!t.isPrecise()) {
        return false;
      }
    }
    return true;
  }

  String fieldsToString() {
    String[] names = getFieldNames();
    TypeInfo<?>[] types = getFieldTypes();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append(": ").append(types[i]);
    }
    return sb.toString();
  }
}
