package io.weir.connectors.sql;

import io.weir.connectors.file.FileFormat;
import io.weir.connectors.file.FileRecordReader;
import io.weir.connectors.file.MalformedRecordException;
import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads rows whose fields are all text with a CSV or JSON-lines format, then converts each field to
 * its SQL column type ({@link SqlValueFormat#parse}), so both formats accept exactly what the SQL
 * writers produce. A field that does not convert makes the line malformed (file:line, column).
 */
final class SqlRowFileFormat implements FileFormat<Row> {
  private static final long serialVersionUID = 1L;

  private final FileFormat<Row> text;
  private final List<String> names;
  private final List<LogicalType> types;
  /** Physical columns to emit (projection push-down), or null for all. */
  private final int[] projection;

  SqlRowFileFormat(FileFormat<Row> text, List<String> names, List<LogicalType> types) {
    this(text, names, types, null);
  }

  private SqlRowFileFormat(FileFormat<Row> text, List<String> names, List<LogicalType> types, int[] projection) {
    this.text = text;
    this.names = List.copyOf(names);
    this.types = List.copyOf(types);
    this.projection = projection;
  }

  /**
   * Emits only {@code fields}; every column is still parsed, so a bad value in an unread column
   * fails or skips the line exactly as without the projection.
   */
  SqlRowFileFormat project(int[] fields) {
    return new SqlRowFileFormat(text, names, types, fields.clone());
  }

  @Override
  public TypeInfo<Row> getProducedType() {
    if (projection == null) {
      return LogicalType.rowTypeInfo(names, types);
    }
    List<String> n = new java.util.ArrayList<>();
    List<LogicalType> t = new java.util.ArrayList<>();
    for (int f : projection) {
      n.add(names.get(f));
      t.add(types.get(f));
    }
    return LogicalType.rowTypeInfo(n, t);
  }

  @Override
  public FileRecordReader<Row> createReader(Path file, long offset, long lineNumber) throws IOException {
    FileRecordReader<Row> in = text.createReader(file, offset, lineNumber);
    return new FileRecordReader<>() {
      @Override
      public Row read() throws IOException {
        Row r = in.read();
        if (r == null) {
          return null;
        }
        for (int i = 0; i < types.size(); i++) {
          Object v = r.getField(i);
          if (v == null) {
            continue;
          }
          String s = v.toString();
          LogicalType t = types.get(i);
          if (s.isEmpty() && t.kind() != LogicalType.Kind.CHAR && t.kind() != LogicalType.Kind.VARCHAR) {
            r.setField(i, null);
            continue;
          }
          try {
            r.setField(i, SqlValueFormat.parse(s, t));
          } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(file.toString(), in.lineNumber(),
                "column '" + names.get(i) + "': " + e.getMessage());
          }
        }
        if (projection == null) {
          return r;
        }
        Row p = new Row(projection.length);
        for (int i = 0; i < projection.length; i++) {
          p.setField(i, r.getField(projection[i]));
        }
        return p;
      }

      @Override
      public long offset() {
        return in.offset();
      }

      @Override
      public long lineNumber() {
        return in.lineNumber();
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  @Override
  public String toString() {
    return "SqlRowFileFormat(" + text + ")";
  }
}
