package io.weir.connectors.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.core.types.Row;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes records, POJOs or {@link Row}s as JSON lines: one object per line, fields in declaration
 * order, java.time values as ISO-8601 strings, nested values through Jackson. {@link
 * JsonLinesFormat} reads the output back.
 */
public final class JsonLinesWriterFormat<T> implements FileWriterFormat<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> beanType;
  private final String[] rowNames;

  private JsonLinesWriterFormat(Class<T> beanType, String[] rowNames) {
    this.beanType = beanType;
    this.rowNames = rowNames;
    if (beanType != null) {
      BeanModel.of(beanType, "JsonLinesWriterFormat.forType");
    }
  }

  public static <T> JsonLinesWriterFormat<T> forType(Class<T> type) {
    return new JsonLinesWriterFormat<>(Objects.requireNonNull(type, "type"), null);
  }

  /** Rows with the given field names. */
  public static JsonLinesWriterFormat<Row> forRows(String... names) {
    if (names == null || names.length == 0) {
      throw new IllegalArgumentException("JsonLinesWriterFormat.forRows: give the field names");
    }
    return new JsonLinesWriterFormat<>(null, names.clone());
  }

  @Override
  public String getFileExtension() {
    return "json";
  }

  @Override
  public Encoder<T> createEncoder() {
    return new JsonEncoder<>(beanType == null ? null : BeanModel.of(beanType, "JsonLinesWriterFormat.forType"), rowNames);
  }

  private static final class JsonEncoder<T> implements Encoder<T> {
    private final BeanModel<T> model;
    private final String[] names;
    private final ValueType[] declared;
    private final ObjectMapper mapper = JsonSupport.newMapper();
    private final Map<Class<?>, ValueType> typeCache = new HashMap<>();
    private final StringBuilderWriter sink = new StringBuilderWriter();

    JsonEncoder(BeanModel<T> model, String[] rowNames) {
      this.model = model;
      this.names = model != null ? model.names() : rowNames;
      this.declared = new ValueType[names.length];
      if (model != null) {
        for (int i = 0; i < names.length; i++) {
          declared[i] = ValueType.scalar(model.props.get(i).rawType);
        }
      }
    }

    @Override
    public void encode(T record, StringBuilder out) throws IOException {
      sink.target = out;
      try (JsonGenerator gen = mapper.getFactory().createGenerator(sink)) {
        gen.writeStartObject();
        for (int i = 0; i < names.length; i++) {
          Object v = value(record, i);
          gen.writeFieldName(names[i]);
          if (v == null) {
            gen.writeNull();
            continue;
          }
          ValueType t = declared[i] != null ? declared[i] : typeCache.computeIfAbsent(v.getClass(), ValueType::scalar);
          if (t != null) {
            t.writeJson(gen, v, mapper);
          } else {
            mapper.writeValue(gen, v);
          }
        }
        gen.writeEndObject();
      }
      out.append('\n');
    }

    private Object value(T record, int i) throws IOException {
      if (model == null) {
        Row row = (Row) record;
        if (row.getArity() != names.length) {
          throw new IOException("JsonLinesWriterFormat.forRows: row " + row + " has " + row.getArity()
              + " fields but " + names.length + " names were declared");
        }
        return row.getField(i);
      }
      try {
        return model.get(record, i);
      } catch (ReflectiveOperationException e) {
        throw new IOException("JsonLinesWriterFormat: cannot read field '" + names[i] + "': " + e, e);
      }
    }
  }

  private static final class StringBuilderWriter extends Writer {
    StringBuilder target;

    @Override
    public void write(char[] cbuf, int off, int len) {
      target.append(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      target.append(str, off, off + len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
