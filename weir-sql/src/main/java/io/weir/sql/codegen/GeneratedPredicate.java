package io.weir.sql.codegen;

import io.weir.core.types.Row;
import io.weir.sql.runtime.functions.RowPredicate;

/** A generated {@link RowPredicate} (SQL NULL counts as false). */
public final class GeneratedPredicate extends GeneratedClass<RowPredicate> implements RowPredicate {
  GeneratedPredicate(String className, String source, Object[] refs) {
    super(className, source, refs);
  }

  @Override
  public boolean test(Row in) {
    return instance().test(in);
  }
}
