package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.sql.parser.SqlErrorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Queries through TableEnvironment in BATCH and STREAMING: the final results must be equal and right. */
class SqlEndToEndTest {
  private static final String DDL = """
      CREATE TABLE orders (id INT, customer STRING, amount DECIMAL(10, 2), qty INT)
        WITH ('connector' = 'values', 'rows' = '(1, ''ann'', 10.50, 2), (2, ''bob'', 3.25, 1), (3, ''ann'', 7.00, NULL),
                                                (4, ''cid'', 1.00, 5), (5, NULL, 2.00, 3), (6, ''bob'', 4.75, 2)');
      CREATE TABLE customers (name STRING, city STRING)
        WITH ('connector' = 'values', 'rows' = '(''ann'', ''Oslo''), (''bob'', ''Rome''), (''dan'', ''Kyiv'')');
      """;

  record Case(String name, String query, List<Row> expected, boolean ordered) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("calc", "SELECT id, qty * 2 AS q2, customer || '!' FROM orders WHERE amount > 3",
            List.of(Row.of(1, 4, "ann!"), Row.of(2, 2, "bob!"), Row.of(3, null, "ann!"), Row.of(6, 4, "bob!")), false),
        new Case("group by", "SELECT customer, COUNT(*), SUM(amount), MAX(qty) FROM orders GROUP BY customer",
            List.of(Row.of("ann", 2L, new java.math.BigDecimal("17.50"), 2), Row.of("bob", 2L, new java.math.BigDecimal("8.00"), 2),
                Row.of("cid", 1L, new java.math.BigDecimal("1.00"), 5), Row.of(null, 1L, new java.math.BigDecimal("2.00"), 3)), false),
        new Case("having", "SELECT customer, COUNT(qty) AS c FROM orders GROUP BY customer HAVING COUNT(*) > 1",
            List.of(Row.of("ann", 1L), Row.of("bob", 2L)), false),
        new Case("inner join", "SELECT o.id, c.city FROM orders o JOIN customers c ON o.customer = c.name",
            List.of(Row.of(1, "Oslo"), Row.of(2, "Rome"), Row.of(3, "Oslo"), Row.of(6, "Rome")), false),
        new Case("left join", "SELECT o.id, c.city FROM orders o LEFT JOIN customers c ON o.customer = c.name WHERE o.id > 3",
            List.of(Row.of(4, null), Row.of(5, null), Row.of(6, "Rome")), false),
        new Case("full join + agg", "SELECT c.name, COUNT(o.id) FROM orders o FULL JOIN customers c ON o.customer = c.name GROUP BY c.name",
            List.of(Row.of("ann", 2L), Row.of("bob", 2L), Row.of("dan", 0L), Row.of(null, 2L)), false),
        new Case("in subquery", "SELECT id FROM orders WHERE customer IN (SELECT name FROM customers WHERE city <> 'Rome')",
            List.of(Row.of(1), Row.of(3)), false),
        new Case("exists correlated", "SELECT name FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer = c.name)",
            List.of(Row.of("dan")), false),
        new Case("scalar subquery", "SELECT id FROM orders WHERE amount > (SELECT AVG(amount) FROM orders)",
            List.of(Row.of(1), Row.of(3)), false),
        new Case("union", "SELECT customer FROM orders UNION SELECT name FROM customers",
            List.of(Row.of("ann"), Row.of("bob"), Row.of("cid"), Row.of((Object) null), Row.of("dan")), false),
        new Case("union all", "SELECT id FROM orders WHERE id < 3 UNION ALL SELECT id FROM orders WHERE id < 2",
            List.of(Row.of(1), Row.of(2), Row.of(1)), false),
        new Case("intersect", "SELECT customer FROM orders INTERSECT SELECT name FROM customers",
            List.of(Row.of("ann"), Row.of("bob")), false),
        new Case("except", "SELECT name FROM customers EXCEPT SELECT customer FROM orders",
            List.of(Row.of("dan")), false),
        new Case("distinct", "SELECT DISTINCT customer FROM orders WHERE customer IS NOT NULL",
            List.of(Row.of("ann"), Row.of("bob"), Row.of("cid")), false),
        new Case("top-n", "SELECT id, amount FROM orders ORDER BY amount DESC LIMIT 3",
            List.of(Row.of(1, new java.math.BigDecimal("10.50")), Row.of(3, new java.math.BigDecimal("7.00")),
                Row.of(6, new java.math.BigDecimal("4.75"))), true),
        new Case("values + case", "SELECT x, CASE WHEN x > 1 THEN 'big' ELSE 'small' END FROM (VALUES (1), (2)) AS v(x)",
            List.of(Row.of(1, "small"), Row.of(2, "big")), false),
        new Case("cast to STRING", "SELECT CAST(id AS STRING) || 'x' FROM orders WHERE id = 1",
            List.of(Row.of("1x")), false),
        new Case("count distinct filter", "SELECT COUNT(DISTINCT customer), COUNT(*) FILTER (WHERE qty > 1) FROM orders",
            List.of(Row.of(3L, 4L)), false));
  }

  private static List<Row> run(String mode, String query) {
    TableEnvironment env = TableEnvironment.create(new Configuration());
    env.executeSql(DDL);
    env.executeSql("SET 'execution.runtime-mode' = '" + mode + "'");
    TableResult r = env.executeStatement(query);
    List<Row> rows = r.materialize();
    if (mode.equals("batch")) {
      assertThat(r.isChangelog()).isFalse();
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void batchAndStreamingAgree(Case c) {
    List<Row> batch = run("batch", c.query());
    List<Row> streaming = run("streaming", c.query());
    if (c.ordered()) {
      assertThat(batch).containsExactlyElementsOf(c.expected());
      assertThat(sorted(streaming)).containsExactlyElementsOf(sorted(c.expected()));
    } else {
      assertThat(batch).containsExactlyInAnyOrderElementsOf(c.expected());
      assertThat(streaming).containsExactlyInAnyOrderElementsOf(c.expected());
    }
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  @Test
  void streamingAggregateEmitsRetractions() {
    TableEnvironment env = TableEnvironment.create(new Configuration());
    env.executeSql(DDL);
    TableResult r = env.executeStatement("SELECT customer, COUNT(*) FROM orders WHERE customer = 'ann' GROUP BY customer");
    assertThat(r.isChangelog()).isTrue();
    List<Row> log = r.collectAll();
    assertThat(log).extracting(Row::getKind).contains(RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER);
    assertThat(TableResult.materialize(log)).containsExactly(Row.of("ann", 2L));
  }

  @Test
  void updatingQueryIntoAppendOnlySinkIsRejected() {
    TableEnvironment env = TableEnvironment.create(new Configuration());
    env.executeSql(DDL);
    env.executeSql("CREATE TABLE sink_t (c STRING, n BIGINT) WITH ('connector' = 'append-only')");
    assertThatThrownBy(() -> env.executeSql("INSERT INTO sink_t SELECT customer, COUNT(*) FROM orders GROUP BY customer"))
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("GroupAggregate")
        .hasMessageContaining("cannot take updates");
  }

  @Test
  void computedColumnAndWatermark() {
    TableEnvironment env = TableEnvironment.create(new Configuration());
    env.executeSql("""
        CREATE TABLE ev (id INT, ts TIMESTAMP(3), id2 AS id * 2,
          WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'values', 'rows' = '(1, TIMESTAMP ''2024-01-01 00:00:01''), (2, TIMESTAMP ''2024-01-01 00:00:02'')');
        """);
    for (String mode : List.of("batch", "streaming")) {
      env.executeSql("SET 'execution.runtime-mode' = '" + mode + "'");
      assertThat(env.executeStatement("SELECT id2, EXTRACT(SECOND FROM ts) FROM ev").materialize())
          .containsExactlyInAnyOrder(Row.of(2, 1L), Row.of(4, 2L));
    }
  }
}
