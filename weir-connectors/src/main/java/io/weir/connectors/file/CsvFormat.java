package io.weir.connectors.file;

import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * CSV (RFC 4180) into Java records, POJOs or {@link Row}s.
 *
 * <p>By default the first line is a header and columns are matched to fields by name, ignoring
 * case; columns that match no field are ignored, a field without a column is an error. Without a
 * header, columns map to fields in declaration order. Quoted fields may contain the delimiter,
 * doubled quotes and line breaks. An unquoted empty field is null (an error for primitive
 * fields); a quoted empty field {@code ""} is the empty string. Empty lines are skipped.
 *
 * <pre>{@code
 * FileSource<Order> src = FileSource.forFormat(CsvFormat.forType(Order.class), Path.of("orders.csv")).build();
 * CsvFormat<Row> rows = CsvFormat.forRows(new String[] {"id", "price"}, Types.LONG, Types.DOUBLE)
 *     .withDelimiter(';');
 * }</pre>
 */
public final class CsvFormat<T> implements FileFormat<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> beanType;
  private final String[] rowNames;
  private final TypeInfo<?>[] rowTypes;
  private final char delimiter;
  private final char quote;
  private final boolean header;
  private final int skipLines;
  private transient Schema<T> schema;

  private CsvFormat(Class<T> beanType, String[] rowNames, TypeInfo<?>[] rowTypes, char delimiter, char quote,
      boolean header, int skipLines) {
    this.beanType = beanType;
    this.rowNames = rowNames;
    this.rowTypes = rowTypes;
    this.delimiter = delimiter;
    this.quote = quote;
    this.header = header;
    this.skipLines = skipLines;
    if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
      throw new IllegalArgumentException(
          "CsvFormat: delimiter " + printable(delimiter) + " and quote " + printable(quote)
              + " must differ and must not be line breaks");
    }
    if (skipLines < 0) {
      throw new IllegalArgumentException("CsvFormat: skipLines must be >= 0 but is " + skipLines);
    }
    schema(); // validates the field types now, at job build time
  }

  /** Records of a Java record or POJO class; unsupported field types fail here, naming the field. */
  public static <T> CsvFormat<T> forType(Class<T> type) {
    return new CsvFormat<>(Objects.requireNonNull(type, "type"), null, null, ',', '"', true, 0);
  }

  /** {@link Row}s with the given field names and types ({@code Types.LONG}, ...). */
  public static CsvFormat<Row> forRows(String[] names, TypeInfo<?>... types) {
    RowSchemas.check("CsvFormat.forRows", names, types);
    return new CsvFormat<>(Row.class, names.clone(), types.clone(), ',', '"', true, 0);
  }

  public CsvFormat<T> withDelimiter(char delimiter) {
    return new CsvFormat<>(beanType, rowNames, rowTypes, delimiter, quote, header, skipLines);
  }

  public CsvFormat<T> withQuoteChar(char quote) {
    return new CsvFormat<>(beanType, rowNames, rowTypes, delimiter, quote, header, skipLines);
  }

  /** Whether the first line (after skipped lines) names the columns; default true. */
  public CsvFormat<T> withHeader(boolean header) {
    return new CsvFormat<>(beanType, rowNames, rowTypes, delimiter, quote, header, skipLines);
  }

  /** No header line: columns map to fields by position. */
  public CsvFormat<T> withoutHeader() {
    return withHeader(false);
  }

  /** Lines to skip at the start of each file, before the header. */
  public CsvFormat<T> withSkipLines(int lines) {
    return new CsvFormat<>(beanType, rowNames, rowTypes, delimiter, quote, header, lines);
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeInfo<T> getProducedType() {
    if (rowNames != null) {
      return (TypeInfo<T>) RowSchemas.rowType(rowNames, rowTypes);
    }
    return TypeInfo.of(beanType);
  }

  @Override
  public FileRecordReader<T> createReader(Path file, long offset, long lineNumber) throws IOException {
    return new Reader<>(this, schema(), file, offset, lineNumber);
  }

  private Schema<T> schema() {
    if (schema == null) {
      schema = rowNames != null ? Schema.forRows(rowNames, rowTypes) : Schema.forBean(beanType);
    }
    return schema;
  }

  private static String printable(char c) {
    return c == '\t' ? "'\\t'" : c == '\n' ? "'\\n'" : c == '\r' ? "'\\r'" : "'" + c + "'";
  }

  @Override
  public String toString() {
    return "CsvFormat(" + (rowNames != null ? "Row" + Arrays.toString(rowNames) : beanType.getSimpleName()) + ")";
  }

  /** Field names, converters and the record factory. */
  static final class Schema<T> {
    final String[] names;
    final ValueType[] types;
    final BeanModel<T> bean; // null for rows

    private Schema(String[] names, ValueType[] types, BeanModel<T> bean) {
      this.names = names;
      this.types = types;
      this.bean = bean;
    }

    static <T> Schema<T> forBean(Class<T> type) {
      BeanModel<T> model = BeanModel.of(type, "CsvFormat.forType");
      ValueType[] types = new ValueType[model.props.size()];
      for (int i = 0; i < types.length; i++) {
        BeanModel.Prop p = model.props.get(i);
        types[i] = ValueType.scalar(p.rawType);
        if (types[i] == null) {
          throw new IllegalArgumentException(
              "CsvFormat.forType(" + type.getSimpleName() + "): field '" + p.name + "' has type "
                  + p.genericType.getTypeName() + ", which CSV cannot hold (supported: " + ValueType.SUPPORTED + ")");
        }
      }
      return new Schema<>(model.names(), types, model);
    }

    @SuppressWarnings("unchecked")
    static <T> Schema<T> forRows(String[] names, TypeInfo<?>[] typeInfos) {
      ValueType[] types = new ValueType[names.length];
      for (int i = 0; i < names.length; i++) {
        types[i] = ValueType.scalar(typeInfos[i].getTypeClass());
        if (types[i] == null) {
          throw new IllegalArgumentException(
              "CsvFormat.forRows: field '" + names[i] + "' has type " + typeInfos[i]
                  + ", which CSV cannot hold (supported: " + ValueType.SUPPORTED + ")");
        }
      }
      return (Schema<T>) new Schema<Row>(names, types, null);
    }

    T create(Object[] values) throws ReflectiveOperationException {
      if (bean == null) {
        @SuppressWarnings("unchecked")
        T row = (T) Row.of(values);
        return row;
      }
      return bean.create(values);
    }
  }

  private static final class Reader<T> implements FileRecordReader<T> {
    private final CsvFormat<T> format;
    private final Schema<T> schema;
    private final String file;
    private final LineReader lines;
    private final CsvParser parser;
    /** For each field, its column index. */
    private final int[] columnOfField;
    /** Column names as written in the header (or the field names without a header). */
    private String[] columnNames;
    private int expectedColumns;
    private boolean headerRead;

    Reader(CsvFormat<T> format, Schema<T> schema, Path path, long offset, long lineNumber) throws IOException {
      this.format = format;
      this.schema = schema;
      this.file = path.toString();
      this.parser = new CsvParser(format.delimiter, format.quote, file);
      this.columnOfField = new int[schema.names.length];
      this.lines = new LineReader(path, offset, lineNumber);
      try {
        if (offset > 0) {
          if (format.header) {
            // A resumed reader is past the header; read it again from the start for the mapping.
            try (LineReader start = new LineReader(path, 0, 0)) {
              readPreamble(start);
            }
          } else {
            readPreamble(null);
          }
          headerRead = true;
        }
      } catch (IOException | RuntimeException e) {
        lines.close();
        throw e;
      }
    }

    /** Skips lines and reads the header from {@code in}; false when the file ends first. */
    private boolean readPreamble(LineReader in) throws IOException {
      if (!format.header) {
        columnNames = schema.names;
        expectedColumns = schema.names.length;
        for (int i = 0; i < columnOfField.length; i++) {
          columnOfField[i] = i;
        }
      }
      if (in == null) {
        return true;
      }
      for (int i = 0; i < format.skipLines; i++) {
        if (in.readLine() == null) {
          return false;
        }
      }
      if (!format.header) {
        return true;
      }
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          return false;
        }
      } while (line.isEmpty());
      List<String> cols;
      try {
        cols = parser.parse(line, in, in.lineNumber());
      } catch (MalformedRecordException e) {
        throw new IOException(file + ":" + e.getLine() + ": malformed header: " + e.getReason(), e);
      }
      columnNames = cols.toArray(String[]::new);
      expectedColumns = columnNames.length;
      for (int f = 0; f < schema.names.length; f++) {
        columnOfField[f] = -1;
        for (int c = 0; c < columnNames.length; c++) {
          if (columnNames[c].trim().equalsIgnoreCase(schema.names[f])) {
            columnOfField[f] = c;
            break;
          }
        }
        if (columnOfField[f] < 0) {
          throw new IOException(
              file + ":" + in.lineNumber() + ": header has no column for field '" + schema.names[f]
                  + "' (columns: " + String.join(", ", columnNames) + ")");
        }
      }
      return true;
    }

    @Override
    public T read() throws IOException {
      if (!headerRead) {
        headerRead = true;
        if (!readPreamble(lines)) {
          return null;
        }
      }
      String line;
      do {
        line = lines.readLine();
        if (line == null) {
          return null;
        }
      } while (line.isEmpty());
      long lineNo = lines.lineNumber();
      List<String> cols = parser.parse(line, lines, lineNo);
      if (cols.size() != expectedColumns) {
        throw new MalformedRecordException(
            file, lineNo, "expected " + expectedColumns + " columns but found " + cols.size());
      }
      Object[] values = new Object[schema.names.length];
      for (int f = 0; f < values.length; f++) {
        int c = columnOfField[f];
        String text = cols.get(c);
        ValueType type = schema.types[f];
        if (text.isEmpty() && !parser.wasQuoted(c)) {
          if (type.primitive()) {
            throw new MalformedRecordException(file, lineNo,
                column(c) + ": empty value for primitive " + type.name().toLowerCase(Locale.ROOT));
          }
          values[f] = null;
          continue;
        }
        try {
          values[f] = type.parseText(text);
        } catch (ValueType.BadValueException e) {
          throw new MalformedRecordException(file, lineNo, column(c) + ": " + e.getMessage());
        }
      }
      try {
        return schema.create(values);
      } catch (ReflectiveOperationException e) {
        throw new MalformedRecordException(
            file, lineNo, "cannot create " + schema.bean.type.getSimpleName() + ": " + e.getMessage());
      }
    }

    private String column(int c) {
      return "column " + (c + 1) + " '" + columnNames[c].trim() + "'";
    }

    @Override
    public long offset() {
      return lines.offset();
    }

    @Override
    public long lineNumber() {
      return lines.lineNumber();
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }

  /** RFC 4180 record parser that can pull continuation lines for quoted line breaks. */
  static final class CsvParser {
    private final char delimiter;
    private final char quote;
    private final String file;
    private final List<String> values = new ArrayList<>();
    private boolean[] quoted = new boolean[16];
    private final StringBuilder sb = new StringBuilder();

    CsvParser(char delimiter, char quote, String file) {
      this.delimiter = delimiter;
      this.quote = quote;
      this.file = file;
    }

    boolean wasQuoted(int column) {
      return quoted[column];
    }

    /** The fields of the record starting with {@code line}; the returned list is reused. */
    List<String> parse(String line, LineReader more, long lineNo) throws IOException {
      values.clear();
      String s = line;
      int i = 0;
      while (true) {
        int col = values.size();
        if (i < s.length() && s.charAt(i) == quote) {
          i++;
          sb.setLength(0);
          while (true) {
            if (i >= s.length()) {
              // A line break inside quotes is data: keep it as written (LF or CR LF).
              boolean crlf = more != null && more.lastLineEndedWithCr();
              s = more == null ? null : more.readLine();
              if (s == null) {
                throw new MalformedRecordException(
                    file, lineNo, "column " + (col + 1) + ": unterminated quoted field (reached the end of the file)");
              }
              sb.append(crlf ? "\r\n" : "\n");
              i = 0;
              continue;
            }
            char c = s.charAt(i);
            if (c == quote) {
              if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                sb.append(quote);
                i += 2;
              } else {
                i++;
                break;
              }
            } else {
              sb.append(c);
              i++;
            }
          }
          add(sb.toString(), true);
          if (i >= s.length()) {
            return values;
          }
          if (s.charAt(i) != delimiter) {
            throw new MalformedRecordException(file, lineNo,
                "column " + (col + 1) + ": unexpected character '" + s.charAt(i) + "' after a closing quote");
          }
          i++;
        } else {
          int j = s.indexOf(delimiter, i);
          add(j < 0 ? s.substring(i) : s.substring(i, j), false);
          if (j < 0) {
            return values;
          }
          i = j + 1;
        }
      }
    }

    private void add(String value, boolean wasQuoted) {
      if (values.size() == quoted.length) {
        quoted = Arrays.copyOf(quoted, quoted.length * 2);
      }
      quoted[values.size()] = wasQuoted;
      values.add(value);
    }
  }
}
