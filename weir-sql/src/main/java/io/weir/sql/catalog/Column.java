package io.weir.sql.catalog;

import java.io.Serializable;

/**
 * A table column: physical (read from / written to the connector) or computed ({@code name AS
 * expression}, evaluated after the scan; {@code expression} is its SQL text).
 */
public record Column(String name, LogicalType type, String expression) implements Serializable {
  public static Column physical(String name, LogicalType type) {
    return new Column(name, type, null);
  }

  public static Column computed(String name, LogicalType type, String expression) {
    return new Column(name, type, expression);
  }

  public boolean isPhysical() {
    return expression == null;
  }

  public Column withType(LogicalType t) {
    return new Column(name, t, expression);
  }
}
