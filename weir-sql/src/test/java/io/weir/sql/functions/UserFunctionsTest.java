package io.weir.sql.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.parser.SqlErrorException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CREATE FUNCTION with scalar, table and aggregate UDFs end to end, BATCH and STREAMING equal. */
class UserFunctionsTest {
  private static final String P = TestFunctions.class.getName() + "$";

  private static final String DDL = """
      CREATE TABLE t (id INT, s STRING, n INT, w INT, amount DECIMAL(10, 2))
        WITH ('connector' = 'values', 'rows' = '(1, ''a bb'', 2, 3, 1.50), (2, ''ccc'', NULL, 1, 2.00), (3, NULL, 4, 2, NULL),
                                                (4, ''dd e f'', 1, 5, 0.25), (5, ''a bb'', 3, 1, 1.00)');
      CREATE FUNCTION twice AS '%1$sTwice';
      CREATE TEMPORARY FUNCTION Prefix AS '%1$sPrefix';
      CREATE FUNCTION money AS '%1$sMoney';
      CREATE FUNCTION split AS '%1$sSplit';
      CREATE FUNCTION range_ AS '%1$sRange';
      CREATE FUNCTION wsum AS '%1$sWeightedSum';
      CREATE FUNCTION longest AS '%1$sLongest';
      """.formatted(P);

  static TableEnvironment env(String mode) {
    Configuration c = new Configuration();
    c.setString("execution.runtime-mode", mode);
    c.setString("parallelism.default", "2");
    TableEnvironment env = TableEnvironment.create(c);
    env.executeSql(DDL);
    return env;
  }

  static List<Row> run(String mode, String query) {
    TableResult r = env(mode).executeStatement(query);
    List<Row> rows = new ArrayList<>(r.materialize());
    rows.sort(Comparator.comparing(Row::toString));
    return rows;
  }

  /** Both modes, equal results; returns them. */
  static List<Row> both(String query) {
    List<Row> batch = run("batch", query);
    List<Row> streaming = run("streaming", query);
    assertThat(streaming).as("STREAMING equals BATCH for %s", query).isEqualTo(batch);
    return batch;
  }

  static List<Row> sorted(Row... rows) {
    List<Row> l = new ArrayList<>(List.of(rows));
    l.sort(Comparator.comparing(Row::toString));
    return l;
  }

  @Test
  void scalarOverloadsAndNulls() {
    assertThat(both("SELECT id, twice(n), twice(s), twice(n, id) FROM t")).isEqualTo(sorted(
        Row.of(1, 4, "a bba bb", 6L), Row.of(2, -1, "cccccc", null), Row.of(3, 8, "<null>", 14L),
        Row.of(4, 2, "dd e fdd e f", 10L), Row.of(5, 6, "a bba bb", 16L)));
  }

  @Test
  void scalarOpenAndDecimal() {
    assertThat(both("SELECT Prefix(s, n), money(amount) FROM t WHERE id <= 2")).isEqualTo(sorted(
        Row.of("p:a bb#2", new BigDecimal("15.00")), Row.of("p:ccc#null", new BigDecimal("20.00"))));
  }

  @Test
  void scalarInWhereAndGroupBy() {
    assertThat(both("SELECT twice(s), COUNT(*) FROM t WHERE twice(n) > 3 GROUP BY twice(s)")).isEqualTo(sorted(
        Row.of("a bba bb", 2L), Row.of("<null>", 1L)));
  }

  @Test
  void lateralTableFunction() {
    assertThat(both("SELECT t.id, T.word, T.len FROM t, LATERAL TABLE(split(t.s)) AS T(word, len)")).isEqualTo(sorted(
        Row.of(1, "a", 1), Row.of(1, "bb", 2), Row.of(2, "ccc", 3), Row.of(4, "dd", 2), Row.of(4, "e", 1), Row.of(4, "f", 1),
        Row.of(5, "a", 1), Row.of(5, "bb", 2)));
  }

  @Test
  void leftJoinLateralKeepsRowsWithoutOutput() {
    assertThat(both("SELECT id, word FROM t LEFT JOIN LATERAL TABLE(split(s)) AS T(word, len) ON TRUE WHERE id >= 3"))
        .isEqualTo(sorted(Row.of(3, null), Row.of(4, "dd"), Row.of(4, "e"), Row.of(4, "f"), Row.of(5, "a"), Row.of(5, "bb")));
  }

  @Test
  void atomicTableFunctionFilteredAndAggregated() {
    // range_(NULL) is not called (primitive parameter); the filter on the function column runs after the correlate
    assertThat(both("SELECT id, SUM(f0) FROM t, LATERAL TABLE(range_(n)) WHERE f0 > 0 GROUP BY id")).isEqualTo(sorted(
        Row.of(1, 1), Row.of(3, 6), Row.of(5, 3)));
  }

  @Test
  void tableFunctionOverUpdatingInputInStreaming() {
    // the correlate passes -U/+U through: the final result equals BATCH
    assertThat(both("SELECT word, COUNT(*) FROM (SELECT s, COUNT(*) AS c FROM t GROUP BY s) AS g, "
        + "LATERAL TABLE(split(g.s)) AS T(word, len) GROUP BY word")).isEqualTo(sorted(
        Row.of("a", 1L), Row.of("bb", 1L), Row.of("ccc", 1L), Row.of("dd", 1L), Row.of("e", 1L), Row.of("f", 1L)));
  }

  @Test
  void aggregateFunctionInGroupBy() {
    assertThat(both("SELECT s, wsum(n, w), longest(s) FROM t GROUP BY s")).isEqualTo(sorted(
        Row.of("a bb", 9L, "a bb"), Row.of("ccc", null, "ccc"), Row.of(null, 8L, null), Row.of("dd e f", 5L, "dd e f")));
  }

  @Test
  void aggregateFunctionWithRetractionOverUpdatingInput() {
    // inner aggregate updates in STREAMING: wsum retracts the old per-s rows
    assertThat(both("SELECT wsum(c, k) FROM (SELECT s, CAST(COUNT(*) AS INT) AS c, 2 AS k FROM t GROUP BY s) AS g"))
        .isEqualTo(sorted(Row.of(10L)));
  }

  @Test
  void aggregateWithoutRetractRejectedOverUpdatesInStreaming() {
    String q = "SELECT longest(s) FROM (SELECT s, COUNT(*) AS c FROM t GROUP BY s) AS g";
    assertThat(run("batch", q)).isEqualTo(List.of(Row.of("dd e f")));
    assertThatThrownBy(() -> run("streaming", q)).isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("user aggregate function 'longest' has no retract")
        .hasMessageContaining("GroupAggregate");
  }

  @Test
  void showAndDropFunctions() {
    TableEnvironment env = env("batch");
    List<Row> names = env.executeStatement("SHOW FUNCTIONS").collectAll();
    assertThat(names).contains(Row.of("split"), Row.of("wsum"), Row.of("UPPER"), Row.of("COUNT"));
    env.executeSql("DROP FUNCTION split");
    assertThat(env.executeStatement("SHOW FUNCTIONS").collectAll()).doesNotContain(Row.of("split")).contains(Row.of("wsum"));
    assertThatThrownBy(() -> env.executeSql("SELECT * FROM t, LATERAL TABLE(split(s))"))
        .isInstanceOf(SqlErrorException.class).hasMessageContaining("split");
  }

  @Test
  void errorsNameTheFunctionAndPosition() {
    TableEnvironment env = env("batch");
    assertThatThrownBy(() -> env.executeSql("CREATE FUNCTION nope AS 'com.example.Missing'"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("line 1, column 25")
        .hasMessageContaining("function 'nope': class 'com.example.Missing' not found");
    assertThatThrownBy(() -> env.executeSql("CREATE FUNCTION bad AS '" + P + "NotAFunction'"))
        .isInstanceOf(SqlErrorException.class).hasMessageContaining("function 'bad'").hasMessageContaining("is not a function");
    assertThatThrownBy(() -> env.executeSql("CREATE FUNCTION nohint AS '" + P + "NoHint'"))
        .isInstanceOf(SqlErrorException.class).hasMessageContaining("@FunctionHint");
    assertThatThrownBy(() -> env.executeSql("CREATE FUNCTION upper AS '" + P + "Twice'"))
        .isInstanceOf(SqlErrorException.class).hasMessageContaining("conflicts with the built-in function UPPER");
    assertThatThrownBy(() -> env.executeSql("SELECT id,\n  twice(amount) FROM t"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("line 2, column 3")
        .hasMessageContaining("function 'twice' has no eval method for arguments (DECIMAL(10, 2))");
    assertThatThrownBy(() -> env.executeSql("SELECT wsum(s, n) FROM t"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("function 'wsum' has no accumulate method for arguments (STRING, INT)");
    assertThat(env.executeSql("CREATE FUNCTION IF NOT EXISTS twice AS '" + P + "Twice'")).hasSize(1);
    assertThatThrownBy(() -> env.executeSql("CREATE FUNCTION twice AS '" + P + "Twice'"))
        .isInstanceOf(SqlErrorException.class).hasMessageContaining("already exists");
  }
}
