package io.weir.sql.codegen;

import io.weir.core.types.Row;
import io.weir.sql.functions.TableFunction;
import io.weir.sql.runtime.functions.TableFunctionCall;

/** A generated {@link TableFunctionCall}. */
public final class GeneratedTableFunctionCall extends GeneratedClass<TableFunctionCall> implements TableFunctionCall {
  GeneratedTableFunctionCall(String className, String source, Object[] refs) {
    super(className, source, refs);
  }

  @Override
  public TableFunction<?> function() {
    return instance().function();
  }

  @Override
  public void invoke(Row in) {
    instance().invoke(in);
  }
}
