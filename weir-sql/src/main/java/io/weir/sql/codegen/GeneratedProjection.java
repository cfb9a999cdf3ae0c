package io.weir.sql.codegen;

import io.weir.core.types.Row;
import io.weir.sql.runtime.functions.RowProjection;

/** A generated {@link RowProjection}. */
public final class GeneratedProjection extends GeneratedClass<RowProjection> implements RowProjection {
  GeneratedProjection(String className, String source, Object[] refs) {
    super(className, source, refs);
  }

  @Override
  public Row apply(Row in) {
    return instance().apply(in);
  }
}
