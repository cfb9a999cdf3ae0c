package io.weir.sql.planner;

import io.weir.sql.functions.FunctionDefinition;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;

/** A user table function ({@code LATERAL TABLE(f(..))}): its row type comes from the chosen eval overload. */
public final class UserTableFunctionOperator extends SqlFunction implements SqlTableFunction {
  private final FunctionDefinition definition;
  private final UserFunctionTyping typing;

  public UserTableFunctionOperator(FunctionDefinition definition) {
    this(definition, new UserFunctionTyping(definition));
  }

  private UserTableFunctionOperator(FunctionDefinition definition, UserFunctionTyping typing) {
    super(definition.name(), SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, typing, typing,
        SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    this.definition = definition;
    this.typing = typing;
  }

  public FunctionDefinition definition() {
    return definition;
  }

  @Override
  public SqlReturnTypeInference getRowTypeInference() {
    return typing::resultType;
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }
}
