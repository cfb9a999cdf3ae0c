package io.weir.sql.catalog;

import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Weir SQL type: the type of a table column or an expression as the catalog, the planner and
 * the connectors see it.
 *
 * <p><b>Runtime representation</b> (the contract between the planner's generated code, the SQL
 * operators, the connectors and the Row serializer): a SQL row is an {@link Row} whose field i
 * holds, for the column's type,
 * <pre>
 *   BOOLEAN        java.lang.Boolean          TINYINT   java.lang.Byte
 *   SMALLINT       java.lang.Short            INT       java.lang.Integer
 *   BIGINT         java.lang.Long             FLOAT     java.lang.Float
 *   DOUBLE         java.lang.Double           DECIMAL   java.math.BigDecimal (scale = declared scale)
 *   CHAR/VARCHAR   java.lang.String           BYTES     byte[]
 *   DATE           java.time.LocalDate        TIME      java.time.LocalTime
 *   TIMESTAMP      java.time.LocalDateTime    TIMESTAMP_LTZ java.time.Instant
 *   INTERVAL DAY-TIME  java.lang.Long (milliseconds)   INTERVAL YEAR-MONTH java.lang.Integer (months)
 *   ARRAY          java.util.List             MAP       java.util.Map
 *   ROW            io.weir.core.types.Row (kind INSERT)
 *   NULL           null
 * </pre>
 * SQL NULL is Java {@code null} for every type. Time attributes (rowtime columns declared by a
 * WATERMARK) are plain TIMESTAMP / TIMESTAMP_LTZ values; the record timestamp carried by the
 * runtime is their epoch milliseconds (TIMESTAMP interpreted in UTC).
 */
public final class LogicalType implements Serializable {
  /** Type roots. */
  public enum Kind {
    BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL, CHAR, VARCHAR, BINARY, VARBINARY,
    DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH, ARRAY, MAP, ROW, NULL
  }

  public static final int MAX_LENGTH = Integer.MAX_VALUE;

  private final Kind kind;
  private final boolean nullable;
  private final int precision; // length for CHAR/VARCHAR/BINARY, precision for DECIMAL/TIME/TIMESTAMP
  private final int scale;
  private final List<LogicalType> children; // ARRAY: element; MAP: key, value; ROW: fields
  private final List<String> fieldNames; // ROW only
  private final boolean rowtime;

  private LogicalType(Kind kind, boolean nullable, int precision, int scale, List<LogicalType> children,
      List<String> fieldNames, boolean rowtime) {
    this.kind = kind;
    this.nullable = nullable;
    this.precision = precision;
    this.scale = scale;
    this.children = List.copyOf(children);
    this.fieldNames = List.copyOf(fieldNames);
    this.rowtime = rowtime;
  }

  public static LogicalType of(Kind kind) {
    return switch (kind) {
      case DECIMAL -> decimal(10, 0);
      case CHAR -> new LogicalType(kind, true, 1, 0, List.of(), List.of(), false);
      case VARCHAR, VARBINARY -> new LogicalType(kind, true, MAX_LENGTH, 0, List.of(), List.of(), false);
      case BINARY -> new LogicalType(kind, true, 1, 0, List.of(), List.of(), false);
      case TIME -> new LogicalType(kind, true, 0, 0, List.of(), List.of(), false);
      case TIMESTAMP, TIMESTAMP_LTZ -> new LogicalType(kind, true, 6, 0, List.of(), List.of(), false);
      case ARRAY, MAP, ROW -> throw new IllegalArgumentException(kind + " needs element types");
      default -> new LogicalType(kind, true, 0, 0, List.of(), List.of(), false);
    };
  }

  public static LogicalType withPrecision(Kind kind, int precision) {
    return new LogicalType(kind, true, precision, 0, List.of(), List.of(), false);
  }

  public static LogicalType decimal(int precision, int scale) {
    return new LogicalType(Kind.DECIMAL, true, precision, scale, List.of(), List.of(), false);
  }

  public static LogicalType array(LogicalType element) {
    return new LogicalType(Kind.ARRAY, true, 0, 0, List.of(element), List.of(), false);
  }

  public static LogicalType map(LogicalType key, LogicalType value) {
    return new LogicalType(Kind.MAP, true, 0, 0, List.of(key, value), List.of(), false);
  }

  public static LogicalType row(List<String> names, List<LogicalType> types) {
    if (names.size() != types.size()) {
      throw new IllegalArgumentException("row type needs one name per field");
    }
    return new LogicalType(Kind.ROW, true, 0, 0, types, names, false);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isNullable() {
    return nullable;
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  public List<LogicalType> children() {
    return children;
  }

  public List<String> fieldNames() {
    return fieldNames;
  }

  /** Whether this is an event-time attribute (the column of a WATERMARK declaration). */
  public boolean isRowtime() {
    return rowtime;
  }

  public LogicalType copy(boolean nullable) {
    return new LogicalType(kind, nullable, precision, scale, children, fieldNames, rowtime);
  }

  public LogicalType asRowtime(boolean rowtime) {
    return new LogicalType(kind, nullable, precision, scale, children, fieldNames, rowtime);
  }

  /** The Java class of non-null values (see the class javadoc). */
  public Class<?> javaClass() {
    return switch (kind) {
      case BOOLEAN -> Boolean.class;
      case TINYINT -> Byte.class;
      case SMALLINT -> Short.class;
      case INTEGER, INTERVAL_YEAR_MONTH -> Integer.class;
      case BIGINT, INTERVAL_DAY_TIME -> Long.class;
      case FLOAT -> Float.class;
      case DOUBLE -> Double.class;
      case DECIMAL -> BigDecimal.class;
      case CHAR, VARCHAR -> String.class;
      case BINARY, VARBINARY -> byte[].class;
      case DATE -> LocalDate.class;
      case TIME -> LocalTime.class;
      case TIMESTAMP -> LocalDateTime.class;
      case TIMESTAMP_LTZ -> Instant.class;
      case ARRAY -> List.class;
      case MAP -> Map.class;
      case ROW -> Row.class;
      case NULL -> Object.class;
    };
  }

  /** The serializer-bearing type info of values of this type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeInfo<?> toTypeInfo() {
    return switch (kind) {
      case BOOLEAN -> Types.BOOLEAN;
      case TINYINT -> Types.BYTE;
      case SMALLINT -> Types.SHORT;
      case INTEGER, INTERVAL_YEAR_MONTH -> Types.INT;
      case BIGINT, INTERVAL_DAY_TIME -> Types.LONG;
      case FLOAT -> Types.FLOAT;
      case DOUBLE -> Types.DOUBLE;
      case DECIMAL -> Types.BIG_DEC;
      case CHAR, VARCHAR -> Types.STRING;
      case BINARY, VARBINARY -> Types.BYTE_ARRAY;
      case DATE -> Types.LOCAL_DATE;
      case TIME -> Types.LOCAL_TIME;
      case TIMESTAMP -> Types.LOCAL_DATE_TIME;
      case TIMESTAMP_LTZ -> Types.INSTANT;
      case ARRAY -> Types.LIST((TypeInfo) children.get(0).toTypeInfo());
      case MAP -> Types.MAP((TypeInfo) children.get(0).toTypeInfo(), (TypeInfo) children.get(1).toTypeInfo());
      case ROW -> rowTypeInfo(fieldNames, children);
      case NULL -> Types.GENERIC(Object.class);
    };
  }

  /** The {@link Row} type info of a row with these field names and types. */
  public static TypeInfo<Row> rowTypeInfo(List<String> names, List<LogicalType> types) {
    TypeInfo<?>[] infos = new TypeInfo<?>[types.size()];
    for (int i = 0; i < infos.length; i++) {
      infos[i] = types.get(i).toTypeInfo();
    }
    return Types.ROW_NAMED(names.toArray(String[]::new), infos);
  }

  /** SQL spelling, e.g. {@code DECIMAL(10, 2) NOT NULL}, {@code TIMESTAMP(3) *ROWTIME*}. */
  public String asSummaryString() {
    String s = switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case CHAR -> "CHAR(" + precision + ")";
      case VARCHAR -> precision == MAX_LENGTH ? "STRING" : "VARCHAR(" + precision + ")";
      case BINARY -> "BINARY(" + precision + ")";
      case VARBINARY -> precision == MAX_LENGTH ? "BYTES" : "VARBINARY(" + precision + ")";
      case INTEGER -> "INT";
      case TIME -> "TIME(" + precision + ")";
      case TIMESTAMP -> "TIMESTAMP(" + precision + ")";
      case TIMESTAMP_LTZ -> "TIMESTAMP_LTZ(" + precision + ")";
      case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
      case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
      case ARRAY -> "ARRAY<" + children.get(0).asSummaryString() + ">";
      case MAP -> "MAP<" + children.get(0).asSummaryString() + ", " + children.get(1).asSummaryString() + ">";
      case ROW -> {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
          parts.add("`" + fieldNames.get(i) + "` " + children.get(i).asSummaryString());
        }
        yield "ROW<" + String.join(", ", parts) + ">";
      }
      default -> kind.name();
    };
    if (rowtime) {
      s += " *ROWTIME*";
    }
    return nullable ? s : s + " NOT NULL";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogicalType t && t.kind == kind && t.nullable == nullable && t.precision == precision
        && t.scale == scale && t.children.equals(children) && t.fieldNames.equals(fieldNames) && t.rowtime == rowtime;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, nullable, precision, scale, children, fieldNames, rowtime);
  }

  @Override
  public String toString() {
    return asSummaryString();
  }

  static String[] names(List<String> l) {
    return l.toArray(String[]::new);
  }

  static List<LogicalType> list(LogicalType... t) {
    return Arrays.asList(t);
  }
}
