package io.weir.datastream;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.Tuple;
import io.weir.core.types.Tuple2;
import io.weir.core.types.Tuple3;
import io.weir.core.types.Tuple4;
import io.weir.core.types.Tuple5;
import io.weir.core.types.TupleTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.util.FieldAccessor;
import java.util.List;

/** keyBy(int...) / keyBy(String...): one field is the key; 2..5 fields make a tuple key. */
final class FieldKeySelector<T> implements KeySelector<T, Object> {
  private final FieldAccessor<T, Object>[] fields;

  @SuppressWarnings("unchecked")
  FieldKeySelector(List<FieldAccessor<T, Object>> fields, String operation) {
    if (fields.size() > 5) {
      throw new IllegalArgumentException(operation + ": at most 5 key fields are supported, got " + fields.size());
    }
    this.fields = fields.toArray(new FieldAccessor[0]);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  TypeInfo<Object> keyType() {
    if (fields.length == 1) {
      return fields[0].getFieldType();
    }
    TypeInfo<?>[] types = new TypeInfo<?>[fields.length];
    for (int i = 0; i < fields.length; i++) {
      types[i] = fields[i].getFieldType();
    }
    return (TypeInfo) new TupleTypeInfo<>(types);
  }

  @Override
  public Object getKey(T value) {
    if (fields.length == 1) {
      return fields[0].get(value);
    }
    Tuple key = switch (fields.length) {
      case 2 -> new Tuple2<>();
      case 3 -> new Tuple3<>();
      case 4 -> new Tuple4<>();
      default -> new Tuple5<>();
    };
    for (int i = 0; i < fields.length; i++) {
      key.setField(i, fields[i].get(value));
    }
    return key;
  }

  /** One field as key, with the field's own type (partitionCustom by position). */
  static final class Single<T, K> implements KeySelector<T, K> {
    private final FieldAccessor<T, K> field;

    Single(FieldAccessor<T, K> field) {
      this.field = field;
    }

    @Override
    public K getKey(T value) {
      return field.get(value);
    }
  }
}
