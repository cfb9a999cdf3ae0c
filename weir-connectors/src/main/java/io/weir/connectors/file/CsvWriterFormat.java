package io.weir.connectors.file;

import io.weir.core.types.Row;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes records, POJOs or {@link Row}s as CSV: a header line per file (unless disabled), fields
 * quoted (RFC 4180) when they contain the delimiter, a quote, a line break or edge whitespace;
 * null is an empty field and the empty string is {@code ""}, which {@link CsvFormat} reads back
 * the same way. Lines end with LF.
 */
public final class CsvWriterFormat<T> implements FileWriterFormat<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> beanType;
  private final String[] rowNames;
  private final char delimiter;
  private final boolean header;

  private CsvWriterFormat(Class<T> beanType, String[] rowNames, char delimiter, boolean header) {
    this.beanType = beanType;
    this.rowNames = rowNames;
    this.delimiter = delimiter;
    this.header = header;
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("CsvWriterFormat: the delimiter cannot be a quote or a line break");
    }
    if (beanType != null) {
      beanTypes(); // fails now on unsupported field types
    }
  }

  public static <T> CsvWriterFormat<T> forType(Class<T> type) {
    return new CsvWriterFormat<>(Objects.requireNonNull(type, "type"), null, ',', true);
  }

  /** Rows with the given column names (for the header). */
  public static CsvWriterFormat<Row> forRows(String... names) {
    if (names == null || names.length == 0) {
      throw new IllegalArgumentException("CsvWriterFormat.forRows: give the column names");
    }
    return new CsvWriterFormat<>(null, names.clone(), ',', true);
  }

  public CsvWriterFormat<T> withDelimiter(char delimiter) {
    return new CsvWriterFormat<>(beanType, rowNames, delimiter, header);
  }

  public CsvWriterFormat<T> withoutHeader() {
    return new CsvWriterFormat<>(beanType, rowNames, delimiter, false);
  }

  @Override
  public String getFileExtension() {
    return "csv";
  }

  private Object[] beanTypes() {
    BeanModel<T> model = BeanModel.of(beanType, "CsvWriterFormat.forType");
    ValueType[] types = new ValueType[model.props.size()];
    for (int i = 0; i < types.length; i++) {
      BeanModel.Prop p = model.props.get(i);
      types[i] = ValueType.scalar(p.rawType);
      if (types[i] == null) {
        throw new IllegalArgumentException(
            "CsvWriterFormat.forType(" + beanType.getSimpleName() + "): field '" + p.name + "' has type "
                + p.genericType.getTypeName() + ", which CSV cannot hold (supported: " + ValueType.SUPPORTED + ")");
      }
    }
    return new Object[] {model, types};
  }

  @Override
  @SuppressWarnings("unchecked")
  public Encoder<T> createEncoder() {
    if (beanType == null) {
      return (Encoder<T>) new RowEncoder(rowNames, delimiter, header);
    }
    Object[] m = beanTypes();
    return new BeanEncoder<>((BeanModel<T>) m[0], (ValueType[]) m[1], delimiter, header);
  }

  static void appendField(StringBuilder out, String text, char delimiter) {
    boolean quote = text.isEmpty();
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)))) {
      quote = true;
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  static String headerLine(String[] names, char delimiter) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(delimiter);
      }
      appendField(sb, names[i], delimiter);
    }
    return sb.append('\n').toString();
  }

  private static final class BeanEncoder<T> implements Encoder<T> {
    private final BeanModel<T> model;
    private final ValueType[] types;
    private final char delimiter;
    private final String header;

    BeanEncoder(BeanModel<T> model, ValueType[] types, char delimiter, boolean header) {
      this.model = model;
      this.types = types;
      this.delimiter = delimiter;
      this.header = header ? headerLine(model.names(), delimiter) : null;
    }

    @Override
    public String header() {
      return header;
    }

    @Override
    public void encode(T record, StringBuilder out) throws IOException {
      for (int i = 0; i < types.length; i++) {
        if (i > 0) {
          out.append(delimiter);
        }
        Object v;
        try {
          v = model.get(record, i);
        } catch (ReflectiveOperationException e) {
          throw new IOException("CsvWriterFormat: cannot read field '" + model.props.get(i).name + "': " + e, e);
        }
        if (v != null) {
          appendField(out, types[i].formatText(v), delimiter);
        }
      }
      out.append('\n');
    }
  }

  private static final class RowEncoder implements Encoder<Row> {
    private final String[] names;
    private final char delimiter;
    private final String header;
    private final Map<Class<?>, ValueType> typeCache = new HashMap<>();

    RowEncoder(String[] names, char delimiter, boolean header) {
      this.names = names;
      this.delimiter = delimiter;
      this.header = header ? headerLine(names, delimiter) : null;
    }

    @Override
    public String header() {
      return header;
    }

    @Override
    public void encode(Row row, StringBuilder out) throws IOException {
      if (row.getArity() != names.length) {
        throw new IOException(
            "CsvWriterFormat.forRows: row " + row + " has " + row.getArity() + " fields but " + names.length
                + " columns were declared");
      }
      for (int i = 0; i < names.length; i++) {
        if (i > 0) {
          out.append(delimiter);
        }
        Object v = row.getField(i);
        if (v != null) {
          ValueType t = typeCache.computeIfAbsent(v.getClass(), ValueType::scalar);
          appendField(out, t != null ? t.formatText(v) : v.toString(), delimiter);
        }
      }
      out.append('\n');
    }
  }
}
