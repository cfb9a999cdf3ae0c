package io.weir.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cli.WeirCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code weir sql -f} in-process: the exact stdout contract, stderr messages and exit codes. */
class SqlCommandTest {
  record Run(int exitCode, String out, String err) {}

  @TempDir Path tmp;

  static synchronized Run run(String stdin, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      code = WeirCli.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path script(String sql) throws IOException {
    Path f = Files.createTempFile(tmp, "q", ".sql");
    Files.writeString(f, sql);
    return f;
  }

  static final String ORDERS = "CREATE TABLE orders (id INT, cust STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3)) WITH (\n"
      + "  'connector' = 'values',\n"
      + "  'rows' = '(1, ''ann'', 10.5, ''2024-01-01 10:00:00''), (2, ''bob, jr.'', 3, ''2024-01-01 10:00:01.250''),"
      + " (3, ''ann'', NULL, NULL), (4, ''say \"hi\"'', 1.25, ''2024-01-02 00:00:00'')'\n"
      + ");\n";

  @Test
  void csvHoldsHeaderAndRowsOnlyWithTheContractsValueFormats() throws IOException {
    Run r = run("", "sql", "-f", script(ORDERS + "SELECT id, cust, amount, ts FROM orders WHERE id <> 3;\n"
        + "SELECT id, cust, amount FROM orders WHERE id = 3;\n").toString(), "--mode", "batch");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(
        "id,cust,amount,ts\n"
            + "1,ann,10.50,2024-01-01 10:00:00\n"
            + "2,\"bob, jr.\",3.00,2024-01-01 10:00:01.250\n"
            + "4,\"say \"\"hi\"\"\",1.25,2024-01-02 00:00:00\n"
            + "id,cust,amount\n"
            + "3,ann,\n");
    assertThat(r.err()).contains("Table 'orders' created");
  }

  @Test
  void streamingPrintsTheMaterializedResultLikeBatch() throws IOException {
    Path f = script(ORDERS + "SELECT cust, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY cust;\n");
    Run batch = run("", "sql", "-f", f.toString(), "--mode", "batch");
    Run streaming = run("", "sql", "-f", f.toString(), "--mode", "streaming", "--parallelism", "2");
    assertThat(batch.exitCode()).as(batch.err()).isZero();
    assertThat(streaming.exitCode()).as(streaming.err()).isZero();
    List<String> b = batch.out().lines().toList();
    List<String> s = streaming.out().lines().toList();
    assertThat(b.get(0)).isEqualTo("cust,n,total");
    assertThat(s.get(0)).isEqualTo("cust,n,total");
    assertThat(b.subList(1, b.size())).containsExactlyInAnyOrder("ann,2,10.50", "\"bob, jr.\",1,3.00", "\"say \"\"hi\"\"\",1,1.25");
    assertThat(s.subList(1, s.size())).containsExactlyInAnyOrderElementsOf(b.subList(1, b.size()));
  }

  @Test
  void changelogAddsALeadingOpColumn() throws IOException {
    Run r = run("", "sql", "-f", script("CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'values',"
        + " 'rows' = '(''a'', 1), (''a'', 2), (''a'', 3)');\n"
        + "SELECT k, SUM(v) AS s FROM t GROUP BY k;\n").toString(), "--mode", "streaming", "--changelog");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("op,k,s\n+I,a,1\n-U,a,1\n+U,a,3\n-U,a,3\n+U,a,6\n");
  }

  @Test
  void jsonFormatFromStandardInput() {
    Run r = run("SELECT CAST(1.50 AS DECIMAL(4, 2)) AS d, 'x' AS s, CAST(NULL AS INT) AS n, TRUE AS b;", "sql", "-f", "-",
        "--format", "json", "--mode", "batch");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("{\"d\":1.50,\"s\":\"x\",\"n\":null,\"b\":true}\n");
  }

  @Test
  void tableFormatAlignsColumns() throws IOException {
    Run r = run("", "sql", "-f", script(ORDERS + "SELECT id, cust FROM orders WHERE id < 3;\n").toString(), "--mode", "batch",
        "--format", "table");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("[INFO] Table 'orders' created\n"
        + "+----+----------+\n"
        + "| id | cust     |\n"
        + "+----+----------+\n"
        + "|  1 | ann      |\n"
        + "|  2 | bob, jr. |\n"
        + "+----+----------+\n"
        + "2 rows in set\n");
  }

  @Test
  void aStatementErrorStopsTheScriptWithItsPositionAndExitCode1() throws IOException {
    Run r = run("", "sql", "-f", script(ORDERS + "SELECT id FROM orders WHERE id = 1;\nSELECT id,\n  custt FROM orders;\n"
        + "SELECT 1;\n").toString(), "--mode", "batch");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("id\n1\n");
    assertThat(r.err()).contains("Error: line 7, column 3: column 'custt' not found (did you mean 'cust'?)\n"
        + "  custt FROM orders;\n"
        + "  ^");
  }

  @Test
  void badOptionsOfAConnectorNameTheOption() {
    Run r = run("CREATE TABLE g (v INT) WITH ('connector' = 'datagen', 'number-of-rows' = 'ten');", "sql", "-f", "-");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("table g: option 'number-of-rows' expects an integer but was 'ten'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void verboseLogsStayOffStdout() {
    Run r = run("SELECT 41 + 1 AS answer;", "--verbose", "sql", "-f", "-", "--mode", "batch");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("answer\n42\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--mode=sideways", "--format=xml", "--parallelism=0", "--file=/no/such/file.sql"})
  void badUsageExitsWith2(String arg) {
    Run r = run("", "sql", arg);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
  }
}
