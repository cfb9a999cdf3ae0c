package io.weir.sql.planner;

import io.weir.sql.catalog.Catalog;
import java.util.List;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlOperator;

/** SQL operators for the session's CREATE FUNCTION classes. */
final class UserFunctions {
  private UserFunctions() {}

  static List<SqlOperator> operators(Catalog catalog, RelDataTypeFactory typeFactory) {
    return List.of();
  }
}
