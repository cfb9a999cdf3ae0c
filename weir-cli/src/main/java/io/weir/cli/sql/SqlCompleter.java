package io.weir.cli.sql;

import io.weir.sql.catalog.Catalog;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Completes SQL keywords, the session's table and view names, and their columns (also as table.column). */
final class SqlCompleter implements Completer {
  static final List<String> KEYWORDS = List.of(
      "SELECT", "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "DISTINCT", "AS", "AND", "OR", "NOT",
      "NULL", "IS", "IN", "EXISTS", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE", "END", "JOIN", "LEFT", "RIGHT",
      "FULL", "OUTER", "INNER", "CROSS", "ON", "USING", "UNION", "ALL", "INTERSECT", "EXCEPT", "INSERT INTO", "VALUES",
      "CREATE TABLE", "CREATE VIEW", "CREATE FUNCTION", "CREATE TEMPORARY FUNCTION", "DROP TABLE", "DROP VIEW",
      "DROP FUNCTION", "IF EXISTS", "IF NOT EXISTS", "WITH", "WATERMARK FOR", "PRIMARY KEY", "NOT ENFORCED",
      "SET", "RESET", "SHOW TABLES", "SHOW VIEWS", "SHOW FUNCTIONS", "DESCRIBE", "EXPLAIN", "HELP", "QUIT", "EXIT",
      "BEGIN STATEMENT SET", "COUNT", "SUM", "AVG", "MIN", "MAX", "CAST", "TRY_CAST", "COALESCE", "NULLIF",
      "TUMBLE", "HOP", "CUMULATE", "SESSION", "TABLE", "DESCRIPTOR", "INTERVAL", "OVER", "PARTITION BY",
      "ROW_NUMBER", "ROWS BETWEEN", "PRECEDING", "FOLLOWING", "CURRENT ROW", "UNBOUNDED", "TIMESTAMP", "DATE", "TIME",
      "BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL", "STRING", "VARCHAR", "BYTES",
      "ARRAY", "MAP", "ROW", "TRUE", "FALSE", "'connector'", "'format'", "'path'", "'execution.runtime-mode'",
      "'parallelism.default'");

  private final Catalog catalog;

  SqlCompleter(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    for (String k : words()) {
      candidates.add(new Candidate(k, k, null, null, null, null, !k.contains(" ") && !k.endsWith(".")));
    }
  }

  /** Everything that can be completed right now. */
  Set<String> words() {
    Set<String> out = new LinkedHashSet<>();
    for (String k : KEYWORDS) {
      out.add(k);
      out.add(k.toLowerCase(java.util.Locale.ROOT));
    }
    for (String t : catalog.allRelationNames()) {
      out.add(t);
      List<String> cols = catalog.getTable(t).map(x -> x.schema().columnNames())
          .or(() -> catalog.getView(t).map(v -> v.schema().columnNames())).orElse(List.of());
      for (String c : cols) {
        out.add(c);
        out.add(t + "." + c);
      }
    }
    return out;
  }
}
