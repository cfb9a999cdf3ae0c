package io.weir.connectors.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * JSON lines (one JSON object per line) into Java records, POJOs or {@link Row}s. Object keys are
 * matched to fields by name (exactly, else ignoring case); unknown keys are ignored; a missing key
 * or {@code null} is a null field (an error for primitive fields). Scalar fields are converted by
 * Weir (numbers must be JSON numbers; java.time values are ISO-8601 strings, Instants also epoch
 * millis); other field types (lists, maps, nested records) are converted by Jackson. Blank lines
 * are skipped.
 */
public final class JsonLinesFormat<T> implements FileFormat<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> beanType;
  private final String[] rowNames;
  private final TypeInfo<?>[] rowTypes;
  private transient Schema<T> schema;

  private JsonLinesFormat(Class<T> beanType, String[] rowNames, TypeInfo<?>[] rowTypes) {
    this.beanType = beanType;
    this.rowNames = rowNames;
    this.rowTypes = rowTypes;
    schema();
  }

  /** Records of a Java record or POJO class. */
  public static <T> JsonLinesFormat<T> forType(Class<T> type) {
    return new JsonLinesFormat<>(Objects.requireNonNull(type, "type"), null, null);
  }

  /** {@link Row}s with the given field names and types. */
  public static JsonLinesFormat<Row> forRows(String[] names, TypeInfo<?>... types) {
    RowSchemas.check("JsonLinesFormat.forRows", names, types);
    return new JsonLinesFormat<>(Row.class, names.clone(), types.clone());
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
    return new Reader<>(schema(), file, offset, lineNumber);
  }

  private Schema<T> schema() {
    if (schema == null) {
      schema = rowNames != null ? Schema.forRows(rowNames, rowTypes) : Schema.forBean(beanType);
    }
    return schema;
  }

  @Override
  public String toString() {
    return "JsonLinesFormat(" + (rowNames != null ? "Row" + Arrays.toString(rowNames) : beanType.getSimpleName()) + ")";
  }

  static final class Schema<T> {
    final String[] names;
    final ValueType[] types;
    final BeanModel<T> bean;

    private Schema(String[] names, ValueType[] types, BeanModel<T> bean) {
      this.names = names;
      this.types = types;
      this.bean = bean;
    }

    static <T> Schema<T> forBean(Class<T> type) {
      BeanModel<T> model = BeanModel.of(type, "JsonLinesFormat.forType");
      ValueType[] types = new ValueType[model.props.size()];
      for (int i = 0; i < types.length; i++) {
        BeanModel.Prop p = model.props.get(i);
        types[i] = ValueType.scalar(p.rawType);
        if (types[i] == null) {
          checkJacksonType("JsonLinesFormat.forType(" + type.getSimpleName() + ")", p.name, p.rawType, p.genericType.getTypeName());
          types[i] = ValueType.jackson(p.genericType);
        }
      }
      return new Schema<>(model.names(), types, model);
    }

    @SuppressWarnings("unchecked")
    static <T> Schema<T> forRows(String[] names, TypeInfo<?>[] typeInfos) {
      ValueType[] types = new ValueType[names.length];
      for (int i = 0; i < names.length; i++) {
        Class<?> c = typeInfos[i].getTypeClass();
        types[i] = ValueType.scalar(c);
        if (types[i] == null) {
          checkJacksonType("JsonLinesFormat.forRows", names[i], c, String.valueOf(typeInfos[i]));
          types[i] = ValueType.jackson(c);
        }
      }
      return (Schema<T>) new Schema<Row>(names, types, null);
    }

    /** Rejects, at build time, types that Jackson cannot read without extra modules. */
    private static void checkJacksonType(String who, String field, Class<?> raw, String typeName) {
      if (raw.getName().startsWith("java.time.") || raw == Object.class || raw == Row.class) {
        throw new IllegalArgumentException(
            who + ": field '" + field + "' has type " + typeName + ", which JSON lines cannot hold (supported: "
                + ValueType.SUPPORTED + ", and lists, maps, arrays, nested records and POJOs)");
      }
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
    private final Schema<T> schema;
    private final String file;
    private final LineReader lines;
    private final ObjectMapper mapper = JsonSupport.newMapper();

    Reader(Schema<T> schema, Path path, long offset, long lineNumber) throws IOException {
      this.schema = schema;
      this.file = path.toString();
      this.lines = new LineReader(path, offset, lineNumber);
    }

    @Override
    public T read() throws IOException {
      String line;
      do {
        line = lines.readLine();
        if (line == null) {
          return null;
        }
      } while (line.isBlank());
      long lineNo = lines.lineNumber();
      JsonNode node;
      try {
        node = mapper.readTree(line);
      } catch (JsonProcessingException e) {
        String msg = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim();
        int col = e.getLocation() != null ? e.getLocation().getColumnNr() : -1;
        throw new MalformedRecordException(
            file, lineNo, "malformed JSON" + (col > 0 ? " at column " + col : "") + ": " + msg);
      }
      if (!node.isObject()) {
        throw new MalformedRecordException(
            file, lineNo, "expected a JSON object but found " + ValueType.abbreviate(node));
      }
      Object[] values = new Object[schema.names.length];
      for (int f = 0; f < values.length; f++) {
        String name = schema.names[f];
        JsonNode v = lookup(node, name);
        ValueType type = schema.types[f];
        if (v == null || v.isNull() || v.isMissingNode()) {
          if (type.primitive()) {
            throw new MalformedRecordException(file, lineNo,
                "field '" + name + "': " + (v == null ? "missing" : "null") + " value for primitive "
                    + type.name().toLowerCase(Locale.ROOT));
          }
          continue;
        }
        try {
          values[f] = type.fromJson(v, mapper);
        } catch (ValueType.BadValueException e) {
          throw new MalformedRecordException(file, lineNo, "field '" + name + "': " + e.getMessage());
        }
      }
      try {
        return schema.create(values);
      } catch (ReflectiveOperationException e) {
        throw new MalformedRecordException(
            file, lineNo, "cannot create " + schema.bean.type.getSimpleName() + ": " + e.getMessage());
      }
    }

    private static JsonNode lookup(JsonNode obj, String name) {
      JsonNode v = obj.get(name);
      if (v != null) {
        return v;
      }
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
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
}
