package io.weir.sql.runtime.functions;

import io.weir.core.types.Row;
import java.io.Serializable;

/** A SQL filter condition: true keeps the row; SQL UNKNOWN (NULL) counts as false. */
@FunctionalInterface
public interface RowPredicate extends Serializable {
  boolean test(Row in);
}
