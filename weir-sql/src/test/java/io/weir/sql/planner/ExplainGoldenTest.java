package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.sql.api.TableEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EXPLAIN output of representative queries against files in src/test/resources/explain. Run with
 * {@code -Dweir.explain.update=true} to rewrite the files after an intended plan change.
 */
class ExplainGoldenTest {
  private static final String DDL = """
      CREATE TABLE orders (id INT, customer STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3),
        WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'values');
      CREATE TABLE customers (name STRING, city STRING) WITH ('connector' = 'values');
      """;

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of("filter_project_batch", "batch",
            "SELECT id, amount * 2 AS doubled FROM orders WHERE amount > 10 AND 1 = 1"),
        Arguments.of("group_by_streaming", "streaming",
            "SELECT customer, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY customer HAVING COUNT(*) > 1"),
        Arguments.of("join_batch", "batch",
            "SELECT o.id, c.city FROM orders o JOIN customers c ON o.customer = c.name AND o.amount > 5"),
        Arguments.of("left_join_streaming", "streaming",
            "SELECT o.id, c.city FROM orders o LEFT JOIN customers c ON o.customer = c.name"),
        Arguments.of("in_subquery_streaming", "streaming",
            "SELECT id FROM orders WHERE customer IN (SELECT name FROM customers WHERE city = 'Oslo')"),
        Arguments.of("top_n_batch", "batch",
            "SELECT id, amount FROM orders ORDER BY amount DESC LIMIT 3"),
        Arguments.of("group_by_batch", "batch",
            "SELECT customer, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY customer HAVING COUNT(*) > 1"),
        Arguments.of("order_by_batch", "batch",
            "SELECT id, amount FROM orders ORDER BY amount DESC, id"),
        Arguments.of("join_cast_keys_batch", "batch",
            "SELECT o.id, c.city FROM orders o LEFT JOIN customers c ON o.id = CHAR_LENGTH(c.name)"),
        Arguments.of("interval_join_streaming", "streaming",
            "SELECT a.id, b.id FROM orders a LEFT JOIN orders b ON a.customer = b.customer"
                + " AND b.ts BETWEEN a.ts - INTERVAL '1' MINUTE AND a.ts"),
        Arguments.of("window_top_n_streaming", "streaming",
            "SELECT * FROM (SELECT window_start, window_end, id, ROW_NUMBER() OVER (PARTITION BY window_start, window_end"
                + " ORDER BY amount DESC) AS rn FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))) WHERE rn <= 3"),
        Arguments.of("window_join_streaming", "streaming",
            "SELECT a.id, b.id FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) a"
                + " JOIN TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) b"
                + " ON a.customer = b.customer AND a.window_start = b.window_start AND a.window_end = b.window_end"),
        Arguments.of("source_pushdown_batch", "batch",
            "SELECT name, city FROM customers WHERE city = 'Oslo' AND CHAR_LENGTH(name) > 3"),
        Arguments.of("union_distinct_streaming", "streaming",
            "SELECT customer FROM orders UNION SELECT name FROM customers"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void explainMatchesGolden(String name, String mode, String query) throws Exception {
    TableEnvironment env = TableEnvironment.create();
    env.executeSql(DDL);
    env.executeSql("SET 'execution.runtime-mode' = '" + mode + "'");
    String actual = "-- " + query + "\n" + env.explainSql(query);
    Path file = Path.of("src/test/resources/explain", name + ".txt");
    if (Boolean.getBoolean("weir.explain.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file).exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
