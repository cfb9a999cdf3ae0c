package io.weir.sql.planner;

import io.weir.sql.catalog.Catalog;
import io.weir.sql.catalog.CatalogFunction;
import io.weir.sql.codegen.UserFunctionOperator;
import io.weir.sql.functions.FunctionDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperator;

/** SQL operators for the session's CREATE FUNCTION classes. */
public final class UserFunctions {
  private UserFunctions() {}

  static List<SqlOperator> operators(Catalog catalog, RelDataTypeFactory typeFactory) {
    List<SqlOperator> ops = new ArrayList<>();
    for (CatalogFunction f : catalog.functions()) {
      ops.add(operator(FunctionDefinition.load(f.name(), f.className(), classLoader())));
    }
    return ops;
  }

  public static SqlOperator operator(FunctionDefinition d) {
    return switch (d.kind()) {
      case SCALAR -> new UserFunctionOperator(d);
      case TABLE -> new UserTableFunctionOperator(d);
      case AGGREGATE -> new UserAggFunctionOperator(d);
    };
  }

  /** CREATE FUNCTION: the class must load, be a function and not shadow a built-in name. */
  public static void check(io.weir.sql.parser.SourcePos pos, String name, String className, ClassLoader classLoader) {
    if (builtinFunctionNames().contains(name.toUpperCase(java.util.Locale.ROOT))) {
      throw pos.error(1, 1, "function '" + name + "' conflicts with the built-in function " + name.toUpperCase(java.util.Locale.ROOT));
    }
    try {
      FunctionDefinition.load(name, className, classLoader);
    } catch (IllegalArgumentException e) {
      int at = pos.text().indexOf("'" + className + "'");
      throw at >= 0 ? pos.errorAtPieceOffset(at, e.getMessage()) : pos.error(1, 1, e.getMessage());
    }
  }

  private static java.util.SortedSet<String> builtins;

  /** Names of the built-in functions SQL text may call (upper case). */
  public static synchronized java.util.SortedSet<String> builtinFunctionNames() {
    if (builtins == null) {
      java.util.SortedSet<String> names = new java.util.TreeSet<>();
      List<SqlOperator> ops = new ArrayList<>(WeirOperatorTable.custom());
      ops.addAll(org.apache.calcite.sql.fun.SqlStdOperatorTable.instance().getOperatorList());
      for (SqlOperator op : ops) {
        if ((op instanceof org.apache.calcite.sql.SqlFunction || op instanceof org.apache.calcite.sql.SqlAggFunction)
            && op.getName().matches("[A-Z][A-Z0-9_]*")) {
          names.add(op.getName());
        }
      }
      builtins = java.util.Collections.unmodifiableSortedSet(names);
    }
    return builtins;
  }

  /** SHOW FUNCTIONS: built-in and user functions, sorted case-insensitively. */
  public static List<String> allFunctionNames(Catalog catalog) {
    List<String> all = new ArrayList<>(builtinFunctionNames());
    catalog.functions().forEach(f -> all.add(f.name()));
    all.sort(String.CASE_INSENSITIVE_ORDER);
    return all;
  }

  /** User classes are loaded like the session's connectors: through the thread's context class loader. */
  public static ClassLoader classLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : UserFunctions.class.getClassLoader();
  }
}
