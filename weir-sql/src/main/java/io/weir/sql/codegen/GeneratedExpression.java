package io.weir.sql.codegen;

import io.weir.core.types.Row;
import io.weir.sql.runtime.functions.RowExpression;

/** A generated {@link RowExpression}. */
public final class GeneratedExpression extends GeneratedClass<RowExpression> implements RowExpression {
  GeneratedExpression(String className, String source, Object[] refs) {
    super(className, source, refs);
  }

  @Override
  public Object eval(Row in) {
    return instance().eval(in);
  }
}
