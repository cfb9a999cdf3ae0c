package io.weir.sql.codegen;

import io.weir.core.types.Row;
import io.weir.sql.runtime.functions.RowKeySelector;

/** A generated {@link RowKeySelector}: copies the key fields into a new INSERT row. */
public final class GeneratedKeySelector extends GeneratedClass<RowKeySelector> implements RowKeySelector {
  GeneratedKeySelector(String className, String source, Object[] refs) {
    super(className, source, refs);
  }

  @Override
  public Row getKey(Row value) {
    return instance().getKey(value);
  }
}
