package io.weir.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.sql.api.TableEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell on a dumb terminal fed from a string; and its line parser and completer. */
class SqlShellTest {
  @TempDir Path tmp;

  private String session(String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Configuration conf = new Configuration();
    conf.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    Path history = tmp.resolve("history");
    try (Terminal t = TerminalBuilder.builder().streams(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)
        .dumb(true).type(Terminal.TYPE_DUMB).build()) {
      int code = new SqlShell(conf, OutputFormat.TABLE, false, false).run(t, history);
      assertThat(code).isZero();
    }
    assertThat(Files.readString(history)).contains("SHOW TABLES;");
    return out.toString(StandardCharsets.UTF_8).replace("\r", "");
  }

  @Test
  void runsMultiLineStatementsAndKeepsGoingAfterErrors() throws Exception {
    String out = session("CREATE TABLE t (k STRING, v INT)\n  WITH ('connector' = 'values',\n"
        + "  'rows' = '(''a'', 1), (''b'', 2), (''a'', 3)');\n"
        + "SELECT k, SUM(v) AS s\nFROM t GROUP BY k;\n"
        + "SELECT nope FROM t;\n"
        + "SHOW TABLES;\n"
        + "DESCRIBE t;\n"
        + "SET 'parallelism.default' = '2';\n"
        + "QUIT;\n"
        + "SELECT 'never reached';\n");
    assertThat(out).contains("[INFO] Table 't' created");
    // The updating aggregate is shown materialized.
    assertThat(out).contains("| a | 4 |").contains("| b | 2 |").contains("2 rows in set");
    assertThat(out).contains("[ERROR] line 1, column 8: column 'nope' not found\nSELECT nope FROM t;\n       ^");
    assertThat(out).contains("| table name |").contains("| t          |");
    assertThat(out).contains("| k    | STRING");
    assertThat(out).contains("Option 'parallelism.default' set to '2'");
    assertThat(out).endsWith("weir> QUIT;\nBye.\n").doesNotContain("| never reached");
  }

  @Test
  void statementsAreCompleteOnlyAfterATopLevelSemicolon() {
    assertThat(SqlLineParser.isComplete("SELECT 1;")).isTrue();
    assertThat(SqlLineParser.isComplete("SELECT 1; -- done")).isTrue();
    assertThat(SqlLineParser.isComplete("SELECT 1")).isFalse();
    assertThat(SqlLineParser.isComplete("SELECT ';'")).isFalse();
    assertThat(SqlLineParser.isComplete("SELECT 'it''s;'\n;")).isTrue();
    assertThat(SqlLineParser.isComplete("SELECT 1 /* ; */")).isFalse();
    assertThat(SqlLineParser.isComplete("quit")).isTrue();
    assertThat(SqlLineParser.isComplete("")).isTrue();
  }

  @Test
  void completesKeywordsTablesAndColumns() {
    TableEnvironment env = TableEnvironment.create();
    env.executeSql("CREATE TABLE orders (order_id INT, amount DOUBLE) WITH ('connector' = 'blackhole')");
    SqlCompleter c = new SqlCompleter(env.getCatalog());
    assertThat(c.words()).contains("SELECT", "select", "GROUP BY", "orders", "order_id", "orders.amount");
    env.executeSql("CREATE VIEW big AS SELECT order_id FROM orders WHERE amount > 10");
    assertThat(c.words()).contains("big", "big.order_id");
  }
}
