package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filesystem connector through SQL: write then read back, both formats, bad lines, option errors. */
class FileSystemTableFactoryTest {
  private static final String COLUMNS =
      "(id INT, name STRING, price DECIMAL(8, 2), ts TIMESTAMP(3), d DATE, ok BOOLEAN, f DOUBLE)";
  private static final String ROWS = "(1, ''plain'', 1.5, ''2024-01-01 10:00:00.250'', ''2024-01-01'', TRUE, 0.5),"
      + " (2, ''with, comma and \"quotes\"'', NULL, NULL, NULL, NULL, NULL),"
      + " (3, '''', -0.01, ''1999-12-31 23:59:59'', ''1999-12-31'', FALSE, -1e10),"
      + " (4, NULL, 100, ''2024-06-30 00:00:00'', ''2024-06-30'', TRUE, 3.25)";

  @TempDir Path tmp;

  private static TableEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return TableEnvironment.create(c);
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "json"})
  void writtenRowsReadBackEqual(String format) throws IOException {
    Path dir = tmp.resolve(format);
    TableEnvironment env = env(RuntimeExecutionMode.BATCH, 2);
    env.executeSql("CREATE TABLE src " + COLUMNS + " WITH ('connector' = 'values', 'rows' = '" + ROWS + "');"
        + "CREATE TABLE fs " + COLUMNS + " WITH ('connector' = 'filesystem', 'path' = '" + dir + "', 'format' = '" + format + "');"
        + "INSERT INTO fs SELECT * FROM src");
    List<Row> expected = env.executeStatement("SELECT * FROM src").collectAll();
    assertThat(expected).hasSize(4);
    // Read back in the other mode too: the files are plain bounded input for both.
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.BATCH, RuntimeExecutionMode.STREAMING)) {
      TableEnvironment reader = env(mode, 1);
      reader.executeSql("CREATE TABLE fs " + COLUMNS + " WITH ('connector' = 'filesystem', 'path' = '" + dir
          + "', 'format' = '" + format + "')");
      assertThat(reader.executeStatement("SELECT * FROM fs").collectAll()).as(mode.name())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    String text = String.join("\n", readAll(dir));
    if (format.equals("csv")) {
      assertThat(text).contains("1,plain,1.50,2024-01-01 10:00:00.250,2024-01-01,true,0.5")
          .contains("2,\"with, comma and \"\"quotes\"\"\",,,,,")
          .contains("3,\"\",-0.01,1999-12-31 23:59:59,1999-12-31,false,-10000000000");
    } else {
      assertThat(text).contains("{\"id\":1,\"name\":\"plain\",\"price\":1.50,\"ts\":\"2024-01-01 10:00:00.250\","
          + "\"d\":\"2024-01-01\",\"ok\":true,\"f\":0.5}");
    }
  }

  @Test
  void readsHandWrittenCsvWithHeaderAndSkipsBadLinesWhenAsked() throws IOException {
    Path file = tmp.resolve("in.csv");
    Files.writeString(file, "name,id,price\nx,1,2.5\ny,oops,1\nz,3,\n");
    TableEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    env.executeSql("CREATE TABLE lenient (id INT, name STRING, price DECIMAL(5, 1)) WITH ('connector' = 'filesystem',"
        + " 'path' = '" + file + "', 'format' = 'csv', 'csv.header' = 'true', 'csv.ignore-parse-errors' = 'true');"
        + "CREATE TABLE strict (id INT, name STRING, price DECIMAL(5, 1)) WITH ('connector' = 'filesystem',"
        + " 'path' = '" + file + "', 'format' = 'csv', 'csv.header' = 'true')");
    assertThat(env.executeStatement("SELECT * FROM lenient").collectAll())
        .containsExactlyInAnyOrder(Row.of(1, "x", new BigDecimal("2.5")), Row.of(3, "z", null));
    assertThatThrownBy(() -> env.executeStatement("SELECT * FROM strict").collectAll())
        .hasMessageContaining("in.csv:3: column 'id': cannot parse 'oops' as INT");
  }

  @Test
  void jsonReadsNumbersBooleansAndMissingFields() throws IOException {
    Path file = tmp.resolve("in.json");
    Files.writeString(file, "{\"id\": 1, \"d\": \"2024-05-01\", \"ok\": false}\n{\"id\": 2, \"ts\": \"2024-05-01T08:30:00\"}\n");
    TableEnvironment env = env(RuntimeExecutionMode.STREAMING, 1);
    env.executeSql("CREATE TABLE j (id BIGINT, d DATE, ok BOOLEAN, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem',"
        + " 'path' = '" + file + "', 'format' = 'json')");
    assertThat(env.executeStatement("SELECT * FROM j").collectAll()).containsExactlyInAnyOrder(
        Row.of(1L, LocalDate.of(2024, 5, 1), false, null), Row.of(2L, null, null, LocalDateTime.of(2024, 5, 1, 8, 30)));
  }

  @Test
  void updatingQueryIntoFilesIsRejectedNamingTheTable() {
    TableEnvironment env = env(RuntimeExecutionMode.STREAMING, 1);
    env.executeSql("CREATE TABLE src (k INT) WITH ('connector' = 'values', 'rows' = '(1), (1)');"
        + "CREATE TABLE fs (k INT, c BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + tmp.resolve("u") + "', 'format' = 'csv')");
    assertThatThrownBy(() -> env.executeSql("INSERT INTO fs SELECT k, COUNT(*) FROM src GROUP BY k"))
        .hasMessageContaining("table fs (connector 'filesystem') cannot take updates");
  }

  @Test
  void optionErrorsNameTheOptionAndTheTable() {
    TableEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE f1 (k INT) WITH ('connector' = 'filesystem', 'format' = 'csv')"))
        .hasMessageContaining("table f1: missing required option 'path' for connector 'filesystem'");
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE f2 (k INT) WITH ('connector' = 'filesystem', 'path' = '/x', 'format' = 'xml')"))
        .hasMessageContaining("table f2: option 'format' expects one of csv, json but was 'xml'");
    assertThatThrownBy(() -> env.executeSql(
        "CREATE TABLE f3 (k INT) WITH ('connector' = 'filesystem', 'path' = '/x', 'format' = 'csv', 'csv.field-delimter' = ';')"))
        .hasMessageContaining("table f3: unknown option 'csv.field-delimter' for connector 'filesystem' (did you mean 'csv.field-delimiter'?)");
  }

  private static List<String> readAll(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    return lines;
  }
}
