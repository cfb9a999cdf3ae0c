package io.weir.sql.planner;

import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.LogicalType.Kind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.StructKind;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.type.SqlTypeName;

/** Weir {@link LogicalType} to Calcite {@link RelDataType} and back. */
public final class TypeConversions {
  private TypeConversions() {}

  public static RelDataType toRelType(RelDataTypeFactory f, LogicalType t) {
    RelDataType r = switch (t.kind()) {
      case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
      case TINYINT -> f.createSqlType(SqlTypeName.TINYINT);
      case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
      case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
      case FLOAT -> f.createSqlType(SqlTypeName.FLOAT);
      case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
      case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
      case CHAR -> f.createSqlType(SqlTypeName.CHAR, t.precision());
      case VARCHAR -> f.createSqlType(SqlTypeName.VARCHAR, t.precision());
      case BINARY -> f.createSqlType(SqlTypeName.BINARY, t.precision());
      case VARBINARY -> f.createSqlType(SqlTypeName.VARBINARY, t.precision());
      case DATE -> f.createSqlType(SqlTypeName.DATE);
      case TIME -> f.createSqlType(SqlTypeName.TIME, t.precision());
      case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, t.precision());
      case TIMESTAMP_LTZ -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, t.precision());
      case INTERVAL_DAY_TIME -> f.createSqlIntervalType(
          new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
      case INTERVAL_YEAR_MONTH -> f.createSqlIntervalType(
          new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO));
      case ARRAY -> f.createArrayType(toRelType(f, t.children().get(0)), -1);
      case MAP -> f.createMapType(toRelType(f, t.children().get(0)), toRelType(f, t.children().get(1)));
      case ROW -> {
        List<RelDataType> types = new ArrayList<>();
        for (LogicalType c : t.children()) {
          types.add(toRelType(f, c));
        }
        // Flink's kind: a nested field may be named without the table alias (bid.price)
        yield f.createStructType(StructKind.PEEK_FIELDS_NO_EXPAND, types, t.fieldNames());
      }
      case NULL -> f.createSqlType(SqlTypeName.NULL);
    };
    return f.createTypeWithNullability(r, t.isNullable());
  }

  public static RelDataType toRowType(RelDataTypeFactory f, List<String> names, List<LogicalType> types) {
    List<RelDataType> rel = new ArrayList<>();
    for (LogicalType t : types) {
      rel.add(toRelType(f, t));
    }
    return f.createStructType(rel, names);
  }

  public static LogicalType toLogicalType(RelDataType r) {
    LogicalType t = switch (r.getSqlTypeName()) {
      case BOOLEAN -> LogicalType.of(Kind.BOOLEAN);
      case TINYINT -> LogicalType.of(Kind.TINYINT);
      case SMALLINT -> LogicalType.of(Kind.SMALLINT);
      case INTEGER -> LogicalType.of(Kind.INTEGER);
      case BIGINT -> LogicalType.of(Kind.BIGINT);
      case FLOAT, REAL -> LogicalType.of(Kind.FLOAT);
      case DOUBLE -> LogicalType.of(Kind.DOUBLE);
      case DECIMAL -> LogicalType.decimal(r.getPrecision(), Math.max(0, r.getScale()));
      case CHAR -> LogicalType.withPrecision(Kind.CHAR, r.getPrecision());
      case VARCHAR -> LogicalType.withPrecision(Kind.VARCHAR, r.getPrecision());
      case BINARY -> LogicalType.withPrecision(Kind.BINARY, r.getPrecision());
      case VARBINARY -> LogicalType.withPrecision(Kind.VARBINARY, r.getPrecision());
      case DATE -> LogicalType.of(Kind.DATE);
      case TIME -> LogicalType.withPrecision(Kind.TIME, r.getPrecision());
      case TIMESTAMP -> LogicalType.withPrecision(Kind.TIMESTAMP, r.getPrecision());
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> LogicalType.withPrecision(Kind.TIMESTAMP_LTZ, r.getPrecision());
      case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> LogicalType.of(Kind.INTERVAL_YEAR_MONTH);
      case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
          INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND, INTERVAL_SECOND ->
          LogicalType.of(Kind.INTERVAL_DAY_TIME);
      case ARRAY, MULTISET -> LogicalType.array(toLogicalType(r.getComponentType()));
      case MAP -> LogicalType.map(toLogicalType(r.getKeyType()), toLogicalType(r.getValueType()));
      case ROW -> {
        List<String> names = new ArrayList<>();
        List<LogicalType> types = new ArrayList<>();
        for (RelDataTypeField fld : r.getFieldList()) {
          names.add(fld.getName());
          types.add(toLogicalType(fld.getType()));
        }
        yield LogicalType.row(names, types);
      }
      case NULL -> LogicalType.of(Kind.NULL);
      case SYMBOL, ANY, OTHER -> LogicalType.of(Kind.NULL);
      default -> throw new IllegalArgumentException("type " + r.getFullTypeString() + " is not supported");
    };
    return t.copy(r.isNullable());
  }

  public static List<LogicalType> fieldTypes(RelDataType rowType) {
    List<LogicalType> out = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      out.add(toLogicalType(f.getType()));
    }
    return out;
  }

  /** Flink-style type name for result headers / DESCRIBE. */
  public static String typeString(RelDataType r) {
    return toLogicalType(r).asSummaryString();
  }
}
