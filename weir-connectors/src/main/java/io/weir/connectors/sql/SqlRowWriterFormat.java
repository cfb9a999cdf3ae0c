package io.weir.connectors.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.weir.connectors.file.FileWriterFormat;
import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.StringWriter;
import java.util.List;

/**
 * Writes SQL rows as CSV (RFC 4180, NULL as an empty field, the empty string as {@code ""}) or as
 * JSON lines (numbers and booleans as JSON values, NULL as {@code null}, everything else as the
 * {@link SqlValueFormat} text), matching what {@link SqlRowFileFormat} reads back.
 */
final class SqlRowWriterFormat implements FileWriterFormat<Row> {
  private static final long serialVersionUID = 1L;

  private final FileSystemTableFactory.Format format;
  private final List<String> names;
  private final char delimiter;
  private final boolean header;
  /** The row positions written, in order (a partitioned table leaves its partition columns out). */
  private final int[] fields;

  SqlRowWriterFormat(FileSystemTableFactory.Format format, List<String> names, char delimiter, boolean header) {
    this(format, names, delimiter, header, null);
  }

  SqlRowWriterFormat(FileSystemTableFactory.Format format, List<String> names, char delimiter, boolean header,
      int[] fields) {
    this.format = format;
    this.names = List.copyOf(names);
    this.delimiter = delimiter;
    this.header = header;
    if (fields == null) {
      fields = new int[names.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = i;
      }
    }
    this.fields = fields;
  }

  @Override
  public String getFileExtension() {
    return format == FileSystemTableFactory.Format.CSV ? "csv" : "json";
  }

  @Override
  public Encoder<Row> createEncoder() {
    if (format == FileSystemTableFactory.Format.CSV) {
      String head = null;
      if (header) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
          sb.append(i > 0 ? String.valueOf(delimiter) : "").append(SqlValueFormat.csvField(names.get(fields[i]), delimiter));
        }
        head = sb.append('\n').toString();
      }
      String headerLine = head;
      return new Encoder<>() {
        @Override
        public String header() {
          return headerLine;
        }

        @Override
        public void encode(Row row, StringBuilder out) {
          for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
              out.append(delimiter);
            }
            Object v = row.getField(fields[i]);
            if (v instanceof Long || v instanceof Integer) {
              long n = ((Number) v).longValue();
              if (n >= 0 || delimiter != '-') {
                out.append(n); // digits and '-' never need quoting: no String per field
                continue;
              }
            }
            if (v != null) {
              out.append(SqlValueFormat.csvField(SqlValueFormat.format(v), delimiter));
            }
          }
          out.append('\n');
        }
      };
    }
    JsonFactory factory = new JsonFactory();
    return (row, out) -> {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = factory.createGenerator(w)) {
        g.writeStartObject();
        for (int f : fields) {
          g.writeFieldName(names.get(f));
          SqlJson.writeValue(g, row.getField(f));
        }
        g.writeEndObject();
      }
      out.append(w).append('\n');
    };
  }
}
