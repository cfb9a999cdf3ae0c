package io.weir.cli.sql;

import io.weir.core.types.Row;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows as an aligned box table (numbers right-aligned, NULL as {@code <NULL>}), like
 * Flink's tableau result mode:
 * <pre>
 * +----+-------+
 * | id | name  |
 * +----+-------+
 * |  1 | Alice |
 * +----+-------+
 * </pre>
 */
final class TableRenderer {
  static final String NULL = "<NULL>";

  private TableRenderer() {}

  /** The table's lines (without a trailing row count). */
  static List<String> render(List<String> names, List<LogicalType> types, List<Row> rows, boolean opColumn) {
    List<String> header = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    if (opColumn) {
      header.add("op");
      right.add(false);
    }
    for (int i = 0; i < names.size(); i++) {
      header.add(names.get(i));
      right.add(i < types.size() && isNumeric(types.get(i)));
    }
    List<String[]> cells = new ArrayList<>(rows.size());
    int[] width = new int[header.size()];
    for (int c = 0; c < header.size(); c++) {
      width[c] = header.get(c).length();
    }
    for (Row r : rows) {
      String[] line = new String[header.size()];
      int c = 0;
      if (opColumn) {
        line[c++] = r.getKind().shortString();
      }
      for (int i = 0; i < r.getArity() && c < line.length; i++, c++) {
        line[c] = cell(r.getField(i));
      }
      for (int k = 0; k < line.length; k++) {
        if (line[k] == null) {
          line[k] = "";
        }
        width[k] = Math.max(width[k], line[k].length());
      }
      cells.add(line);
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : width) {
      sep.append("-".repeat(w + 2)).append('+');
    }
    List<String> out = new ArrayList<>();
    out.add(sep.toString());
    out.add(line(header.toArray(String[]::new), width, null));
    out.add(sep.toString());
    for (String[] line : cells) {
      out.add(line(line, width, right));
    }
    if (!cells.isEmpty()) {
      out.add(sep.toString());
    }
    return out;
  }

  private static String line(String[] cells, int[] width, List<Boolean> right) {
    StringBuilder sb = new StringBuilder("|");
    for (int c = 0; c < cells.length; c++) {
      String v = cells[c];
      String pad = " ".repeat(width[c] - v.length());
      boolean r = right != null && right.get(c);
      sb.append(' ').append(r ? pad + v : v + pad).append(" |");
    }
    return sb.toString();
  }

  static String cell(Object v) {
    if (v == null) {
      return NULL;
    }
    String s = v instanceof Boolean b ? (b ? "TRUE" : "FALSE") : SqlValueFormat.format(v);
    // One physical line per row: control characters would break the alignment.
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < ' ') {
        if (sb == null) {
          sb = new StringBuilder(s.substring(0, i));
        }
        sb.append(ch == '\n' ? "\\n" : ch == '\t' ? "\\t" : ch == '\r' ? "\\r" : "?");
      } else if (sb != null) {
        sb.append(ch);
      }
    }
    return sb == null ? s : sb.toString();
  }

  static boolean isNumeric(LogicalType t) {
    return switch (t.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }
}
