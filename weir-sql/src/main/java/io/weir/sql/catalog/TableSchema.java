package io.weir.sql.catalog;

import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a table (physical and computed, in declaration order), its optional watermark and
 * primary key. The connector sees only the physical columns: {@link #physicalRowType()}.
 */
public record TableSchema(List<Column> columns, WatermarkSpec watermark, List<String> primaryKey)
    implements Serializable {

  public TableSchema {
    columns = List.copyOf(columns);
    primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
  }

  public static TableSchema of(List<Column> columns) {
    return new TableSchema(columns, null, List.of());
  }

  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public List<Column> physicalColumns() {
    return columns.stream().filter(Column::isPhysical).toList();
  }

  public List<String> physicalNames() {
    return physicalColumns().stream().map(Column::name).toList();
  }

  public List<LogicalType> physicalTypes() {
    return physicalColumns().stream().map(Column::type).toList();
  }

  public boolean hasComputedColumns() {
    return columns.stream().anyMatch(c -> !c.isPhysical());
  }

  /** Row type of what the connector produces / consumes. */
  public TypeInfo<Row> physicalRowType() {
    return LogicalType.rowTypeInfo(physicalNames(), physicalTypes());
  }

  public LogicalType physicalLogicalRowType() {
    return LogicalType.row(physicalNames(), physicalTypes());
  }

  public List<LogicalType> types() {
    List<LogicalType> out = new ArrayList<>();
    for (Column c : columns) {
      out.add(c.type());
    }
    return out;
  }
}
