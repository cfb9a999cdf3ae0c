package io.weir.sql.connector.builtin;

import io.weir.core.types.Row;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.connector.TableOptionException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the {@code 'rows'} option of a {@code values} table: a comma-separated list of
 * parenthesized tuples of SQL literals, one value per physical column:
 * <pre>
 *   (1, 'a', TRUE), (2, NULL, FALSE), (-3, 'it''s', NULL)
 * </pre>
 * Literals: {@code NULL}, {@code TRUE}/{@code FALSE}, numbers ({@code 42}, {@code -1.5},
 * {@code 2e3}), strings in single quotes ({@code ''} is a quote), typed literals {@code DATE
 * '2024-01-31'}, {@code TIME '10:00:00'}, {@code TIMESTAMP '2024-01-31 10:00:00.123'}, {@code
 * X'0a1b'}, {@code ARRAY[1, 2]}, {@code MAP['k', 1]}, {@code ROW(1, 'a')}. Each value is
 * converted to its column's type: numbers are range-checked; a string is accepted for any type
 * whose text it is (so {@code '2024-01-31 10:00:00'} works for a TIMESTAMP column). Inside the
 * DDL the option is itself a string literal, so its quotes are doubled: {@code 'rows' = '(1,
 * ''a'')'}. Errors name the table, the option, the row and the column.
 */
public final class ValuesLiteralParser {
  private final String table;
  private final String text;
  private int pos;

  private ValuesLiteralParser(String table, String text) {
    this.table = table;
    this.text = text;
  }

  /** Rows of {@code text}, converted to the column types. */
  public static List<Row> parse(String table, String text, List<String> names, List<LogicalType> types) {
    ValuesLiteralParser p = new ValuesLiteralParser(table, text);
    List<List<Object>> raw = p.rows();
    List<Row> out = new ArrayList<>(raw.size());
    for (int r = 0; r < raw.size(); r++) {
      List<Object> values = raw.get(r);
      if (values.size() != types.size()) {
        throw new TableOptionException("table " + table + ": option 'rows': row " + (r + 1) + " has " + values.size()
            + " value" + (values.size() == 1 ? "" : "s") + " but the table has " + types.size() + " physical column"
            + (types.size() == 1 ? "" : "s") + " " + names);
      }
      Row row = new Row(values.size());
      for (int c = 0; c < values.size(); c++) {
        try {
          row.setField(c, SqlValueFormat.coerce(values.get(c), types.get(c)));
        } catch (IllegalArgumentException e) {
          throw new TableOptionException("table " + table + ": option 'rows': row " + (r + 1) + ", column '"
              + names.get(c) + "': " + e.getMessage());
        }
      }
      out.add(row);
    }
    return out;
  }

  private List<List<Object>> rows() {
    List<List<Object>> rows = new ArrayList<>();
    skipWs();
    if (pos >= text.length()) {
      return rows;
    }
    while (true) {
      expect('(');
      rows.add(valueList(')'));
      skipWs();
      if (pos >= text.length()) {
        return rows;
      }
      expect(',');
    }
  }

  private List<Object> valueList(char close) {
    List<Object> values = new ArrayList<>();
    skipWs();
    if (peek() == close) {
      pos++;
      return values;
    }
    while (true) {
      values.add(value());
      skipWs();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == close) {
        pos++;
        return values;
      } else {
        throw error("expected ',' or '" + close + "'");
      }
    }
  }

  private Object value() {
    skipWs();
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return number();
    }
    if (Character.isLetter(c)) {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      String word = text.substring(start, pos).toUpperCase(Locale.ROOT);
      switch (word) {
        case "NULL":
          return null;
        case "TRUE":
          return Boolean.TRUE;
        case "FALSE":
          return Boolean.FALSE;
        case "X":
          skipWs();
          try {
            return HexFormat.of().parseHex(string());
          } catch (IllegalArgumentException e) {
            throw error("bad hex literal");
          }
        case "DATE":
          skipWs();
          return typed(LogicalType.of(LogicalType.Kind.DATE));
        case "TIME":
          skipWs();
          return typed(LogicalType.of(LogicalType.Kind.TIME));
        case "TIMESTAMP":
          skipWs();
          return typed(LogicalType.of(LogicalType.Kind.TIMESTAMP));
        case "TIMESTAMP_LTZ":
          skipWs();
          return typed(LogicalType.of(LogicalType.Kind.TIMESTAMP_LTZ));
        case "ARRAY":
          skipWs();
          expect('[');
          return valueList(']');
        case "MAP": {
          skipWs();
          expect('[');
          List<Object> kv = valueList(']');
          if (kv.size() % 2 != 0) {
            throw error("MAP[...] needs key, value pairs");
          }
          Map<Object, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < kv.size(); i += 2) {
            m.put(kv.get(i), kv.get(i + 1));
          }
          return m;
        }
        case "ROW": {
          skipWs();
          expect('(');
          List<Object> fields = valueList(')');
          return Row.of(fields.toArray());
        }
        default:
          pos = start;
          throw error("unexpected '" + word.toLowerCase(Locale.ROOT) + "' (expected a literal)");
      }
    }
    throw error(pos >= text.length() ? "unexpected end (expected a literal)" : "unexpected '" + c + "' (expected a literal)");
  }

  private Object typed(LogicalType type) {
    int at = pos;
    String s = string();
    try {
      return SqlValueFormat.parse(s, type);
    } catch (IllegalArgumentException e) {
      pos = at;
      throw error(e.getMessage());
    }
  }

  private String string() {
    expect('\'');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '\'') {
        if (pos < text.length() && text.charAt(pos) == '\'') {
          sb.append('\'');
          pos++;
        } else {
          return sb.toString();
        }
      } else {
        sb.append(c);
      }
    }
  }

  private Object number() {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c) || c == '.') {
        pos++;
      } else if ((c == 'e' || c == 'E') && pos + 1 < text.length()) {
        pos++;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
          pos++;
        }
      } else {
        break;
      }
    }
    String n = text.substring(start, pos);
    try {
      BigDecimal d = new BigDecimal(n);
      if (n.contains("e") || n.contains("E")) {
        return d.doubleValue();
      }
      return d;
    } catch (NumberFormatException e) {
      pos = start;
      throw error("bad number '" + n + "'");
    }
  }

  private void expect(char c) {
    skipWs();
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWs() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private TableOptionException error(String problem) {
    return new TableOptionException("table " + table + ": option 'rows': " + problem + " at character " + (pos + 1)
        + ": " + context());
  }

  private String context() {
    int from = Math.max(0, pos - 20);
    int to = Math.min(text.length(), pos + 20);
    return (from > 0 ? "..." : "") + text.substring(from, pos) + " >>>" + text.substring(pos, to) + (to < text.length() ? "..." : "");
  }
}
