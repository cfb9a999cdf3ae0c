package io.weir.sql.planner;

import io.weir.sql.catalog.Catalog;
import io.weir.sql.catalog.CatalogTable;
import io.weir.sql.catalog.CatalogView;
import io.weir.sql.catalog.Column;
import io.weir.sql.catalog.TableSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * Exposes the Weir catalog to Calcite's validator. A table with computed columns or a watermark
 * expands (like a view) to a projection over its physical columns, read from the hidden schema
 * {@value #PHYSICAL_SCHEMA}, followed by a {@link LogicalWatermarkAssigner}; a plain table is a
 * plain scan; a view expands its query.
 */
public final class WeirSchema extends AbstractSchema {
  public static final String PHYSICAL_SCHEMA = "__weir_physical";
  static final String WATERMARK_FIELD = "$weir_wm";

  private final Catalog catalog;
  private final Map<String, CatalogTable> pending;

  /** {@code pending}: tables being created (their physical part is visible for validating computed columns). */
  public WeirSchema(Catalog catalog, Map<String, CatalogTable> pending) {
    this.catalog = catalog;
    this.pending = pending;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> out = new HashMap<>();
    for (String name : catalog.tableNames()) {
      CatalogTable t = catalog.getTable(name).orElseThrow();
      // without a rowtime a table can only be a processing-time lookup table, which needs no key (as in Flink)
      boolean temporal = !t.schema().primaryKey().isEmpty() || t.schema().watermark() == null;
      out.put(name, temporal ? new VersionedTableAdapter(t) : new CatalogTableAdapter(t));
    }
    for (String name : catalog.viewNames()) {
      out.put(name, new ViewAdapter(catalog.getView(name).orElseThrow()));
    }
    return out;
  }

  @Override
  protected Map<String, Schema> getSubSchemaMap() {
    return Map.of(PHYSICAL_SCHEMA, new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        Map<String, Table> out = new HashMap<>();
        for (String name : catalog.tableNames()) {
          out.put(name, new PhysicalTable(catalog.getTable(name).orElseThrow()));
        }
        pending.forEach((k, v) -> out.put(k, new PhysicalTable(v)));
        return out;
      }
    });
  }

  /** Implemented by tables that are scanned from a connector. */
  public interface ConnectorTable {
    CatalogTable catalogTable();
  }

  /** The physical columns of a table: what the connector produces. */
  public static final class PhysicalTable extends AbstractTable implements TranslatableTable, ConnectorTable {
    private final CatalogTable table;

    PhysicalTable(CatalogTable table) {
      this.table = table;
    }

    @Override
    public CatalogTable catalogTable() {
      return table;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      TableSchema s = table.schema();
      return TypeConversions.toRowType(f, s.physicalNames(), s.physicalTypes());
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
    }
  }

  /** A catalog table with all its columns. */
  public static final class CatalogTableAdapter extends AbstractTable implements TranslatableTable, ConnectorTable {
    private final CatalogTable table;

    CatalogTableAdapter(CatalogTable table) {
      this.table = table;
    }

    @Override
    public CatalogTable catalogTable() {
      return table;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      TableSchema s = table.schema();
      return TypeConversions.toRowType(f, s.columnNames(), s.types());
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      TableSchema s = table.schema();
      if (!s.hasComputedColumns() && s.watermark() == null) {
        return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
      }
      String sql = expansionSql(table);
      RelRoot root = context.expandView(relOptTable.getRowType(), sql, List.of(), List.of(table.name()));
      RelNode rel = root.project();
      if (s.watermark() != null) {
        int rowtime = s.indexOf(s.watermark().rowtimeColumn());
        rel = new LogicalWatermarkAssigner(rel.getCluster(), rel.getTraitSet(), rel, rowtime,
            rel.getRowType().getFieldCount() - 1);
      }
      return rel;
    }
  }

  /**
   * A table with a primary key: Calcite lets it be queried {@code FOR SYSTEM_TIME AS OF} (a
   * versioned table for an event-time temporal join, or a lookup table for a processing-time one).
   */
  public static final class VersionedTableAdapter extends AbstractTable
      implements TranslatableTable, ConnectorTable, org.apache.calcite.schema.TemporalTable {
    private final CatalogTableAdapter delegate;

    VersionedTableAdapter(CatalogTable table) {
      this.delegate = new CatalogTableAdapter(table);
    }

    @Override
    public CatalogTable catalogTable() {
      return delegate.catalogTable();
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return delegate.getRowType(f);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      return delegate.toRel(context, relOptTable);
    }

    @Override
    public String getSysStartFieldName() {
      TableSchema s = catalogTable().schema();
      return s.watermark() != null ? s.watermark().rowtimeColumn() : s.columnNames().get(0);
    }

    @Override
    public String getSysEndFieldName() {
      return getSysStartFieldName();
    }
  }

  /** SQL computing a table's columns (and watermark as the last column) from its physical columns. */
  public static String expansionSql(CatalogTable table) {
    StringBuilder inner = new StringBuilder("SELECT ");
    List<Column> cols = table.schema().columns();
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      if (i > 0) {
        inner.append(", ");
      }
      if (c.isPhysical()) {
        inner.append(quote(c.name()));
      } else {
        inner.append('(').append(c.expression()).append(") AS ").append(quote(c.name()));
      }
    }
    inner.append(" FROM ").append(quote(PHYSICAL_SCHEMA)).append('.').append(quote(table.name()));
    if (table.schema().watermark() == null) {
      return inner.toString();
    }
    StringBuilder outer = new StringBuilder("SELECT ");
    for (Column c : cols) {
      outer.append(quote(c.name())).append(", ");
    }
    outer.append('(').append(table.schema().watermark().expression()).append(") AS ").append(quote(WATERMARK_FIELD));
    outer.append(" FROM (").append(inner).append(')');
    return outer.toString();
  }

  public static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  /** A view expands its query. */
  public static final class ViewAdapter extends AbstractTable implements TranslatableTable {
    private final CatalogView view;

    ViewAdapter(CatalogView view) {
      this.view = view;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return TypeConversions.toRowType(f, view.schema().columnNames(), view.schema().types());
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      RelRoot root = context.expandView(relOptTable.getRowType(), view.query(), List.of(), List.of(view.name()));
      RelNode rel = root.project();
      if (!rel.getRowType().getFieldNames().equals(relOptTable.getRowType().getFieldNames())) {
        rel = RelOptUtil.createRename(rel, relOptTable.getRowType().getFieldNames());
      }
      return rel;
    }
  }
}
