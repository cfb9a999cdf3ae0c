package io.weir.nexmark.bench;

import java.util.Map;

/** Rewrites the WITH clause of a sink table's CREATE TABLE so the runner picks where results go. */
final class SinkDdl {
  private SinkDdl() {}

  static String withOptions(String createTable, Map<String, String> options) {
    int with = indexOfWith(createTable);
    StringBuilder sb = new StringBuilder(createTable.substring(0, with)).append("WITH (");
    boolean first = true;
    for (Map.Entry<String, String> e : options.entrySet()) {
      sb.append(first ? "" : ", ").append(quote(e.getKey())).append(" = ").append(quote(e.getValue()));
      first = false;
    }
    return sb.append(')').toString();
  }

  /** The position of the WITH keyword that opens the options (the last one outside string literals). */
  private static int indexOfWith(String sql) {
    int last = -1;
    boolean inString = false;
    String upper = sql.toUpperCase(java.util.Locale.ROOT);
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        inString = !inString;
      } else if (!inString && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length() : nl;
      } else if (!inString && upper.startsWith("WITH", i)
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))
          && (i + 4 == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 4)))) {
        last = i;
      }
    }
    if (last < 0) {
      throw new IllegalArgumentException("sink DDL has no WITH (...) clause: " + sql);
    }
    return last;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
