package io.weir.sql.codegen;

import io.weir.sql.functions.FunctionDefinition;
import io.weir.sql.planner.UserFunctionTyping;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;

/**
 * A user scalar function declared with CREATE FUNCTION: operand types select an {@code eval}
 * overload; generated code calls it on one function instance per subtask.
 */
public final class UserFunctionOperator extends SqlFunction {
  private final FunctionDefinition definition;

  public UserFunctionOperator(FunctionDefinition definition) {
    this(definition, new UserFunctionTyping(definition));
  }

  private UserFunctionOperator(FunctionDefinition definition, UserFunctionTyping typing) {
    super(definition.name(), SqlKind.OTHER_FUNCTION, typing::resultType, typing, typing,
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
    this.definition = definition;
  }

  public FunctionDefinition definition() {
    return definition;
  }

  @Override
  public boolean isDeterministic() {
    return false; // user code may not be: never constant-folded at planning time
  }
}
