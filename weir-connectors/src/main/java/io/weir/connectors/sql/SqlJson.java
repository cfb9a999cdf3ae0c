package io.weir.connectors.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The JSON form of SQL values, shared by the filesystem json format and the CLI's json output. */
public final class SqlJson {
  private SqlJson() {}

  /**
   * Writes one SQL value: NULL as null, BOOLEAN and numbers as JSON values (DECIMAL in plain
   * notation, NaN/Infinity as strings), ARRAY and ROW as arrays, MAP as an object, everything else
   * as its {@link SqlValueFormat} text.
   */
  public static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d.toPlainString());
    } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      g.writeNumber(d);
    } else if (v instanceof Float f && !f.isNaN() && !f.isInfinite()) {
      g.writeNumber(f);
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object e : l) {
        writeValue(g, e);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(SqlValueFormat.format(e.getKey())));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Row r) {
      g.writeStartArray();
      for (int i = 0; i < r.getArity(); i++) {
        writeValue(g, r.getField(i));
      }
      g.writeEndArray();
    } else {
      g.writeString(SqlValueFormat.format(v));
    }
  }
}
