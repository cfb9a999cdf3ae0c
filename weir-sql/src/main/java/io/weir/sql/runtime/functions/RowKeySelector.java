package io.weir.sql.runtime.functions;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.Row;

/**
 * Extracts the key of a row as a new INSERT row holding only the key fields (so keys compare
 * with {@link Row#equals} and hash consistently across subtasks).
 */
@FunctionalInterface
public interface RowKeySelector extends KeySelector<Row, Row> {
  @Override
  Row getKey(Row value);
}
