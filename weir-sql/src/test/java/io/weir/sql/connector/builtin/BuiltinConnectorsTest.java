package io.weir.sql.connector.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.parser.SqlErrorException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The values, print and blackhole connectors through SQL, and their option errors. */
class BuiltinConnectorsTest {

  private static TableEnvironment env(RuntimeExecutionMode mode) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    return TableEnvironment.create(c);
  }

  @Test
  void valuesTableFromRegisteredRowsWithProjection() {
    String id = ValuesData.register(List.of(Row.of(1, "a", 10L), Row.of(2, null, 20L), Row.of(3, "c", null)));
    try {
      TableEnvironment env = env(RuntimeExecutionMode.BATCH);
      env.executeSql("CREATE TABLE t (k INT, v STRING, n BIGINT) WITH ('connector' = 'values', 'data-id' = '" + id + "')");
      assertThat(env.executeStatement("SELECT n, k FROM t WHERE k > 1").collectAll())
          .containsExactlyInAnyOrder(Row.of(20L, 2), Row.of(null, 3));
    } finally {
      ValuesData.clear(id);
    }
  }

  @Test
  void valuesSinkCollectsTheChangelog() {
    TableEnvironment env = env(RuntimeExecutionMode.STREAMING);
    String sinkId = "sink-" + System.nanoTime();
    env.executeSql("CREATE TABLE src (k INT, v INT) WITH ('connector' = 'values', 'rows' = '(1, 10), (1, 5), (2, 7)');"
        + "CREATE TABLE dst (k INT, s INT) WITH ('connector' = 'values', 'data-id' = '" + sinkId + "');"
        + "INSERT INTO dst SELECT k, SUM(v) FROM src GROUP BY k");
    List<Row> changes = ValuesData.sinkRows(sinkId);
    ValuesData.clear(sinkId);
    assertThat(changes).extracting(Row::getKind).contains(RowKind.INSERT);
    assertThat(TableResult.materialize(changes)).containsExactlyInAnyOrder(Row.of(1, 15), Row.of(2, 7));
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
  void printSinkWritesRowsWithKindAndIdentifier(RuntimeExecutionMode mode) {
    TableEnvironment env = env(mode);
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      env.executeSql("CREATE TABLE src (k INT, ts TIMESTAMP(3)) WITH ('connector' = 'values',"
          + " 'rows' = '(1, ''2024-01-01 10:00:00.5''), (NULL, NULL)');"
          + "CREATE TABLE p (k INT, ts TIMESTAMP(3)) WITH ('connector' = 'print', 'print-identifier' = 'out');"
          + "INSERT INTO p SELECT * FROM src");
    } finally {
      System.setOut(old);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("out")).toList())
        .containsExactlyInAnyOrder("out> +I[1, 2024-01-01 10:00:00.500]", "out> +I[NULL, NULL]");
  }

  @Test
  void blackholeSwallowsUpdates() {
    TableEnvironment env = env(RuntimeExecutionMode.STREAMING);
    List<TableResult> results = env.executeSql(
        "CREATE TABLE src (k INT) WITH ('connector' = 'values', 'rows' = '(1), (1), (2)');"
            + "CREATE TABLE bh (k INT, c BIGINT) WITH ('connector' = 'blackhole');"
            + "INSERT INTO bh SELECT k, COUNT(*) FROM src GROUP BY k");
    assertThat(results).hasSize(3);
    assertThat(results.get(2).message()).contains("bh");
  }

  @Test
  void optionErrorsNameTheOptionAndTheTable() {
    TableEnvironment env = env(RuntimeExecutionMode.BATCH);
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE t1 (k INT) WITH ('connector' = 'values', 'row' = '(1)')"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("table t1: unknown option 'row' for connector 'values' (did you mean 'rows'?)");
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE t2 (k INT) WITH ('connector' = 'print', 'standard-error' = 'maybe')"))
        .hasMessageContaining("table t2: option 'standard-error' expects true or false but was 'maybe'");
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE t3 (k INT) WITH ('connector' = 'valuez')"))
        .hasMessageContaining("table t3: unknown connector 'valuez' (did you mean 'values'?)");
    env.executeSql("CREATE TABLE t4 (k INT, v STRING) WITH ('connector' = 'values', 'rows' = '(1, ''a''), (''b'', ''c'')')");
    assertThatThrownBy(() -> env.executeStatement("SELECT * FROM t4").collectAll())
        .hasMessageContaining("table t4: option 'rows': row 2, column 'k': cannot parse 'b' as INT");
  }
}
