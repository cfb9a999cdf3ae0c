package io.weir.datastream.util;

import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.RecordTypeInfo;
import io.weir.core.types.Row;
import io.weir.core.types.Tuple;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.Serializable;
import java.util.List;

/**
 * Reads and replaces one field of a record, addressed by position or name, for keyBy(int/String)
 * and the rolling aggregations sum/min/max/minBy/maxBy. Works on tuples, rows, Java records and
 * POJOs through their {@link CompositeTypeInfo}; on a plain value (Long, String, ...) position 0
 * or "*" means the value itself. When the stream type is imprecise (an erased lambda result)
 * tuples and rows are still accessed by position at runtime.
 *
 * <p>{@link #withField} never modifies its argument: rolling aggregations keep the previous
 * aggregate as state, and it may already have been emitted downstream.
 */
public abstract class FieldAccessor<T, F> implements Serializable {
  private final String description;
  private final TypeInfo<F> fieldType;

  private FieldAccessor(String description, TypeInfo<F> fieldType) {
    this.description = description;
    this.fieldType = fieldType;
  }

  public abstract F get(T record);

  /** A record equal to {@code record} except for this field, which is {@code value}. */
  public abstract T withField(T record, F value);

  /** The field's type; imprecise (GENERIC of Object) when it cannot be known at build time. */
  public TypeInfo<F> getFieldType() {
    return fieldType;
  }

  @Override
  public String toString() {
    return description;
  }

  /** The field at {@code pos}; {@code operation} (e.g. "sum(3)") names the call in errors. */
  @SuppressWarnings("unchecked")
  public static <T, F> FieldAccessor<T, F> of(TypeInfo<T> type, int pos, String operation) {
    if (type instanceof CompositeTypeInfo<T> composite) {
      if (pos < 0 || pos >= composite.getArity()) {
        throw new IllegalArgumentException(operation + ": field position " + pos + " is out of range for type "
            + type + " (" + composite.getArity() + " fields)");
      }
      return new Composite<>(composite, pos);
    }
    Class<T> c = type.getTypeClass();
    if (Tuple.class.isAssignableFrom(c) || Row.class.isAssignableFrom(c)) {
      if (pos < 0) {
        throw new IllegalArgumentException(operation + ": field position " + pos + " is negative");
      }
      return new Positional<>(pos, (TypeInfo<F>) genericObject());
    }
    if (pos == 0) {
      return (FieldAccessor<T, F>) new Identity<>(type);
    }
    throw new IllegalArgumentException(operation + ": type " + type + " has no fields; field positions work on "
        + "tuples, rows, records and POJOs (position 0 means the whole value)");
  }

  /** The field named {@code field} ("*" = the whole value of a non-composite type). */
  @SuppressWarnings("unchecked")
  public static <T, F> FieldAccessor<T, F> of(TypeInfo<T> type, String field, String operation) {
    if (field == null || field.isBlank()) {
      throw new IllegalArgumentException(operation + ": field name must not be empty");
    }
    if (type instanceof CompositeTypeInfo<T> composite) {
      int pos = composite.getFieldIndex(field);
      if (pos < 0) {
        throw new IllegalArgumentException(operation + ": type " + type + " has no field '" + field
            + "' (fields: " + List.of(composite.getFieldNames()) + ")");
      }
      return new Composite<>(composite, pos);
    }
    if (field.equals("*")) {
      return (FieldAccessor<T, F>) new Identity<>(type);
    }
    Class<T> c = type.getTypeClass();
    if (Tuple.class.isAssignableFrom(c) && field.matches("f?\\d+")) {
      return of(type, Integer.parseInt(field.startsWith("f") ? field.substring(1) : field), operation);
    }
    String hint = type.isPrecise() ? "" : " (the stream type is not known precisely: add .returns(...) after the "
        + "operation that produced it)";
    throw new IllegalArgumentException(operation + ": type " + type + " has no field '" + field + "'" + hint);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeInfo<Object> genericObject() {
    return (TypeInfo) io.weir.core.types.Types.GENERIC(Object.class);
  }

  private static final class Composite<T, F> extends FieldAccessor<T, F> {
    private final CompositeTypeInfo<T> type;
    private final int pos;
    /** Records build a new instance in setFieldValue; other composites are mutable and are copied. */
    private final boolean copyBeforeSet;
    private transient TypeSerializer<T> serializer;

    @SuppressWarnings("unchecked")
    Composite(CompositeTypeInfo<T> type, int pos) {
      super("field '" + type.getFieldNames()[pos] + "' of " + type, (TypeInfo<F>) type.getFieldType(pos));
      this.type = type;
      this.pos = pos;
      this.copyBeforeSet = !(type instanceof RecordTypeInfo);
    }

    @Override
    @SuppressWarnings("unchecked")
    public F get(T record) {
      return (F) type.getFieldValue(record, pos);
    }

    @Override
    public T withField(T record, F value) {
      T target = record;
      if (copyBeforeSet) {
        if (serializer == null) {
          serializer = type.createSerializer();
        }
        target = serializer.copy(record);
      }
      return type.setFieldValue(target, pos, value);
    }
  }

  /** Tuples and rows of an imprecise type: by position at runtime. */
  private static final class Positional<T, F> extends FieldAccessor<T, F> {
    private final int pos;

    Positional(int pos, TypeInfo<F> fieldType) {
      super("field " + pos, fieldType);
      this.pos = pos;
    }

    @Override
    @SuppressWarnings("unchecked")
    public F get(T record) {
      check(record);
      if (record instanceof Row r) {
        return (F) r.getField(pos);
      }
      return ((Tuple) record).getField(pos);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T withField(T record, F value) {
      check(record);
      if (record instanceof Row r) {
        Row copy = r.copy();
        copy.setField(pos, value);
        return (T) copy;
      }
      Tuple t = (Tuple) record;
      try {
        Tuple copy = t.getClass().getDeclaredConstructor().newInstance();
        for (int i = 0; i < t.getArity(); i++) {
          copy.setField(i, t.getField(i));
        }
        copy.setField(pos, value);
        return (T) copy;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot copy " + t.getClass().getName(), e);
      }
    }

    private void check(T record) {
      int arity = record instanceof Row r ? r.getArity() : ((Tuple) record).getArity();
      if (pos >= arity) {
        throw new IndexOutOfBoundsException("field position " + pos + " is out of range for " + record
            + " (" + arity + " fields)");
      }
    }
  }

  private static final class Identity<T> extends FieldAccessor<T, T> {
    Identity(TypeInfo<T> type) {
      super("the value (" + type + ")", type);
    }

    @Override
    public T get(T record) {
      return record;
    }

    @Override
    public T withField(T record, T value) {
      return value;
    }
  }
}
