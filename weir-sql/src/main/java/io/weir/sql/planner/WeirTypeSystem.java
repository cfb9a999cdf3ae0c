package io.weir.sql.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/** Flink-like type system: STRING is VARCHAR(2^31-1), DECIMAL up to 38 digits, timestamps up to nanoseconds. */
public final class WeirTypeSystem extends RelDataTypeSystemImpl {
  public static final WeirTypeSystem INSTANCE = new WeirTypeSystem();

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case VARCHAR, CHAR, VARBINARY, BINARY -> Integer.MAX_VALUE;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIME, TIME_WITH_LOCAL_TIME_ZONE -> 9;
      case DECIMAL -> 38;
      default -> super.getMaxPrecision(typeName);
    };
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case VARCHAR, VARBINARY -> Integer.MAX_VALUE;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> 6;
      default -> super.getDefaultPrecision(typeName);
    };
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  /** AVG of an exact type keeps the argument type like Flink; of DECIMAL it widens the scale a little. */
  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  /** SUM of INT stays INT in Calcite; Flink does the same (overflow wraps), so keep it. */
  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    return super.deriveSumType(typeFactory, argumentType);
  }
}
