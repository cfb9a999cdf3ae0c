package io.weir.sql.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** The functions SQL text may call: Calcite's standard operators plus Flink's dialect functions. */
public final class WeirOperatorTable {
  private WeirOperatorTable() {}

  public static final SqlOperator REGEXP_EXTRACT = SqlBasicFunction.create("REGEXP_EXTRACT",
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE),
      OperandTypes.or(OperandTypes.STRING_STRING,
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER)),
      SqlFunctionCategory.STRING);

  public static final SqlOperator REGEXP = SqlBasicFunction.create("REGEXP",
      ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.STRING_STRING, SqlFunctionCategory.STRING);

  public static final SqlOperator SPLIT_INDEX = SqlBasicFunction.create("SPLIT_INDEX",
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE),
      OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER),
      SqlFunctionCategory.STRING);

  public static final SqlOperator DATE_FORMAT = SqlBasicFunction.create("DATE_FORMAT",
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.STRING),
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING),
          OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.STRING)),
      SqlFunctionCategory.TIMEDATE);

  public static final SqlOperator TO_TIMESTAMP = SqlBasicFunction.create("TO_TIMESTAMP",
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.FORCE_NULLABLE),
      OperandTypes.or(OperandTypes.STRING, OperandTypes.STRING_STRING),
      SqlFunctionCategory.TIMEDATE);

  public static final SqlOperator REGEXP_REPLACE = SqlBasicFunction.create("REGEXP_REPLACE",
      ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.STRING_STRING_STRING, SqlFunctionCategory.STRING);

  /** Flink's CONCAT: NULL when any argument is NULL. */
  public static final SqlOperator CONCAT = SqlLibraryOperators.CONCAT_FUNCTION;

  /**
   * Flink's {@code CUMULATE(TABLE t, DESCRIPTOR(ts), step, maxSize)}: Calcite has no such window
   * TVF; its operands are checked like HOP's (table, time descriptor, two intervals).
   */
  public static final SqlOperator CUMULATE = new org.apache.calcite.sql.SqlWindowTableFunction("CUMULATE",
      ((org.apache.calcite.sql.SqlWindowTableFunction) SqlStdOperatorTable.HOP).getOperandTypeChecker());

  /**
   * Flink's {@code PROCTIME()}: the processing-time attribute of a computed column ({@code pt AS
   * PROCTIME()}), the wall-clock time when the row is evaluated. Non-deterministic so it is never
   * folded to a constant at planning time.
   */
  public static final SqlOperator PROCTIME = new org.apache.calcite.sql.SqlFunction("PROCTIME",
      org.apache.calcite.sql.SqlKind.OTHER_FUNCTION,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3), null, OperandTypes.NILADIC,
      SqlFunctionCategory.TIMEDATE) {
    @Override
    public boolean isDeterministic() {
      return false;
    }

    @Override
    public boolean isDynamicFunction() {
      return true;
    }
  };

  public static List<SqlOperator> custom() {
    return List.of(CUMULATE, PROCTIME, REGEXP_EXTRACT, REGEXP, SPLIT_INDEX, DATE_FORMAT, TO_TIMESTAMP, REGEXP_REPLACE, CONCAT,
        SqlLibraryOperators.TRY_CAST, SqlLibraryOperators.GREATEST, SqlLibraryOperators.LEAST,
        SqlLibraryOperators.IFNULL, SqlLibraryOperators.NVL);
  }

  public static SqlOperatorTable create(List<SqlOperator> userFunctions) {
    List<SqlOperator> ops = new ArrayList<>(custom());
    ops.addAll(userFunctions);
    return SqlOperatorTables.chain(SqlOperatorTables.of(ops), SqlStdOperatorTable.instance());
  }
}
