package io.weir.sql.planner;

import io.weir.sql.catalog.LogicalType;
import io.weir.sql.functions.FunctionDefinition;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlOperandTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Calcite typing of a user function: operand checking selects an {@code eval}/{@code accumulate}
 * overload by the SQL argument types (error: the function, the argument types and the available
 * signatures, at the call's position), the result type comes from that overload, and NULL
 * literals get the chosen parameter's type.
 */
public final class UserFunctionTyping implements SqlOperandTypeChecker, SqlOperandTypeInference {
  private final FunctionDefinition definition;

  public UserFunctionTyping(FunctionDefinition definition) {
    this.definition = definition;
  }

  public FunctionDefinition definition() {
    return definition;
  }

  static List<LogicalType> argTypes(SqlOperatorBinding b) {
    List<LogicalType> out = new ArrayList<>();
    for (int i = 0; i < b.getOperandCount(); i++) {
      RelDataType t = b.getOperandType(i);
      out.add(t.getSqlTypeName() == SqlTypeName.NULL ? LogicalType.of(LogicalType.Kind.NULL) : TypeConversions.toLogicalType(t));
    }
    return out;
  }

  /** The overload for a call being typed; fails with the function's message. */
  public Method resolve(SqlOperatorBinding b) {
    return definition.resolveOrFail(argTypes(b));
  }

  /** The SQL result type of the call (struct for table functions). */
  public RelDataType resultType(SqlOperatorBinding b) {
    RelDataTypeFactory f = b.getTypeFactory();
    return TypeConversions.toRelType(f, definition.resultType(resolve(b)));
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    List<LogicalType> args = argTypes(binding);
    if (definition.resolve(args) != null) {
      return true;
    }
    if (!throwOnFailure) {
      return false;
    }
    String msg = definition.noMatchMessage(args);
    SqlParserPos pos = binding.getCall().getParserPosition();
    throw new CalciteContextException(msg, new SqlValidatorException(msg, null), pos.getLineNum(), pos.getColumnNum(),
        pos.getEndLineNum(), pos.getEndColumnNum());
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    int[] r = definition.argumentCountRange();
    return r[1] < 0 ? SqlOperandCountRanges.from(r[0]) : SqlOperandCountRanges.between(r[0], r[1]);
  }

  @Override
  public String getAllowedSignatures(SqlOperator op, String opName) {
    return definition.toString();
  }

  @Override
  public void inferOperandTypes(SqlCallBinding callBinding, RelDataType returnType, RelDataType[] operandTypes) {
    // only NULL literals reach here with an unknown type: give them the first fitting overload's parameter type
    int n = operandTypes.length;
    for (Method m : definition.methods()) {
      int skip = definition.kind() == FunctionDefinition.FunctionKind.AGGREGATE ? 1 : 0;
      int params = m.getParameterCount() - skip;
      if (m.isVarArgs() ? n < params - 1 : n != params) {
        continue;
      }
      Class<?>[] cls = definition.argumentClasses(m, n);
      RelDataTypeFactory f = callBinding.getTypeFactory();
      for (int i = 0; i < n; i++) {
        LogicalType t = FunctionDefinition.fromJava(cls[i]);
        operandTypes[i] = t != null ? TypeConversions.toRelType(f, t.copy(true))
            : f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
      }
      return;
    }
    RelDataTypeFactory f = callBinding.getTypeFactory();
    for (int i = 0; i < n; i++) {
      operandTypes[i] = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
    }
  }
}
