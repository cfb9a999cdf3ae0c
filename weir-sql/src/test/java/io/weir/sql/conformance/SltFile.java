package io.weir.sql.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * A conformance file (sqllogictest-like), blocks separated by blank lines:
 * <pre>
 * # a comment
 * statement ok
 * CREATE TABLE t (a INT, b STRING) WITH ('connector' = 'values', 'rows' = '(1, ''x''), (2, NULL)')
 *
 * statement error not found
 * SELECT nope FROM t
 *
 * query            (or "query ordered": BATCH checks the row order too)
 * SELECT a, b FROM t
 * ----
 * 1,x
 * 2,NULL
 * </pre>
 * Expected rows are written like CSV lines: fields separated by commas, quoted with {@code "} when
 * they contain a comma, a quote or spaces at the ends, {@code NULL} for SQL NULL ({@code "NULL"} is
 * the string), {@code ""} for the empty string; values in SqlValueFormat text. Without
 * "ordered" rows are compared as multisets. Every query runs in BATCH and in STREAMING mode (the
 * changelog applied) and must give the expected rows in both.
 */
record SltFile(String name, List<Block> blocks) {
  sealed interface Block {
    int line();
  }

  record Statement(int line, String sql, String expectedError) implements Block {}

  record Query(int line, String sql, boolean ordered, List<String> expected) implements Block {}

  static SltFile parse(String name, String text) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        i++;
        continue;
      }
      int start = i + 1;
      if (l.startsWith("statement")) {
        String rest = l.substring("statement".length()).strip();
        String error = null;
        if (rest.startsWith("error")) {
          error = rest.substring("error".length()).strip();
        } else if (!rest.equals("ok")) {
          throw new IllegalArgumentException(name + ":" + start + ": expected 'statement ok' or 'statement error <text>'");
        }
        i++;
        StringBuilder sql = new StringBuilder();
        while (i < lines.length && !lines[i].isBlank()) {
          sql.append(lines[i]).append('\n');
          i++;
        }
        blocks.add(new Statement(start, sql.toString().strip(), error));
      } else if (l.startsWith("query")) {
        boolean ordered = l.substring("query".length()).strip().equals("ordered");
        i++;
        StringBuilder sql = new StringBuilder();
        while (i < lines.length && !lines[i].strip().equals("----")) {
          if (lines[i].isBlank()) {
            throw new IllegalArgumentException(name + ":" + (i + 1) + ": query without '----' and expected rows");
          }
          sql.append(lines[i]).append('\n');
          i++;
        }
        i++;
        List<String> expected = new ArrayList<>();
        while (i < lines.length && !lines[i].isBlank()) {
          expected.add(lines[i].strip());
          i++;
        }
        blocks.add(new Query(start, sql.toString().strip(), ordered, expected));
      } else {
        throw new IllegalArgumentException(name + ":" + start + ": expected 'statement' or 'query' but found '" + l + "'");
      }
    }
    return new SltFile(name, blocks);
  }
}
