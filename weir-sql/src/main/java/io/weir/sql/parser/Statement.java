package io.weir.sql.parser;

import io.weir.sql.catalog.LogicalType;
import java.util.List;
import java.util.Map;

/** A parsed statement of a Weir SQL script. Queries and INSERTs keep their text for Calcite. */
public sealed interface Statement {
  SourcePos pos();

  /** A column definition; {@code expression} is set for a computed column ({@code type} is then null). */
  record ColumnDef(String name, LogicalType type, SourcePos expression, SourcePos namePos, String comment) {}

  record WatermarkDef(String column, SourcePos columnPos, SourcePos expression) {}

  record CreateTable(SourcePos pos, String name, boolean temporary, boolean ifNotExists, List<ColumnDef> columns,
      WatermarkDef watermark, List<String> primaryKey, SourcePos primaryKeyPos, Map<String, String> options,
      String comment, List<String> partitionKeys) implements Statement {
    public CreateTable(SourcePos pos, String name, boolean temporary, boolean ifNotExists, List<ColumnDef> columns,
        WatermarkDef watermark, List<String> primaryKey, SourcePos primaryKeyPos, Map<String, String> options,
        String comment) {
      this(pos, name, temporary, ifNotExists, columns, watermark, primaryKey, primaryKeyPos, options, comment, List.of());
    }
  }

  record CreateView(SourcePos pos, String name, boolean temporary, boolean ifNotExists, List<String> columnNames,
      SourcePos query) implements Statement {}

  record CreateFunction(SourcePos pos, String name, boolean temporary, boolean ifNotExists, String className)
      implements Statement {}

  enum ObjectKind { TABLE, VIEW, FUNCTION }

  record Drop(SourcePos pos, ObjectKind kind, String name, boolean ifExists) implements Statement {}

  /** {@code SET} alone lists the options ({@code key} null). */
  record Set(SourcePos pos, String key, String value) implements Statement {}

  /** {@code RESET} alone resets all options ({@code key} null). */
  record Reset(SourcePos pos, String key) implements Statement {}

  enum ShowKind { TABLES, VIEWS, FUNCTIONS }

  record Show(SourcePos pos, ShowKind kind) implements Statement {}

  record Describe(SourcePos pos, String name) implements Statement {}

  record Explain(SourcePos pos, SourcePos statement) implements Statement {}

  record Help(SourcePos pos) implements Statement {}

  record Query(SourcePos pos) implements Statement {}

  record Insert(SourcePos pos) implements Statement {}

  record BeginStatementSet(SourcePos pos) implements Statement {}

  record EndStatementSet(SourcePos pos) implements Statement {}
}
