package io.weir.sql.runtime.functions;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;

/**
 * A {@link RowKeySelector} that copies the given fields (in order) into an INSERT key row: the
 * plain, non-generated key selector for SQL operators and tests.
 */
public final class FieldsKeySelector implements RowKeySelector {
  private final int[] fields;

  public FieldsKeySelector(int... fields) {
    this.fields = fields.clone();
  }

  @Override
  public Row getKey(Row value) {
    Row key = new Row(fields.length);
    for (int i = 0; i < fields.length; i++) {
      key.setField(i, value.getField(fields[i]));
    }
    return key;
  }

  /** The key's type (for the state key serializer). */
  public RowTypeInfo keyType(RowTypeInfo inputType) {
    TypeInfo<?>[] types = new TypeInfo<?>[fields.length];
    String[] names = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      types[i] = inputType.getFieldType(fields[i]);
      names[i] = inputType.getFieldNames()[fields[i]];
    }
    return new RowTypeInfo(names, types);
  }
}
