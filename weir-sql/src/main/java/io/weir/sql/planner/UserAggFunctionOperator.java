package io.weir.sql.planner;

import io.weir.sql.functions.FunctionDefinition;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Optionality;

/** A user aggregate function: typed by its {@code accumulate} overloads and its result type T. */
public final class UserAggFunctionOperator extends SqlAggFunction {
  private final FunctionDefinition definition;

  public UserAggFunctionOperator(FunctionDefinition definition) {
    this(definition, new UserFunctionTyping(definition));
  }

  private UserAggFunctionOperator(FunctionDefinition definition, UserFunctionTyping typing) {
    super(definition.name(), null, SqlKind.OTHER_FUNCTION, typing::resultType, typing, typing,
        SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN);
    this.definition = definition;
  }

  public FunctionDefinition definition() {
    return definition;
  }
}
