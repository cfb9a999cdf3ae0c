package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.connector.builtin.ValuesData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Projection and filter push-down into the 'values' source: every query returns the same rows
 * with push-down on and off, in both modes, and EXPLAIN shows what the scan took.
 */
class SourcePushDownTest {
  private static final List<Row> ITEMS = new ArrayList<>();

  @BeforeAll
  static void data() {
    Random random = new Random(7);
    String[] names = {"apple", "pear", "plum", "fig", null};
    for (int i = 0; i < 300; i++) {
      BigDecimal price = random.nextInt(10) == 0 ? null : BigDecimal.valueOf(random.nextInt(500), 2);
      Long stock = random.nextInt(8) == 0 ? null : (long) random.nextInt(50);
      ITEMS.add(Row.of(i, names[random.nextInt(names.length)], price, stock));
    }
    ValuesData.register("pushdown-items", ITEMS);
  }

  private static TableEnvironment env(String mode, boolean pushDown) {
    TableEnvironment env = TableEnvironment.create();
    env.executeSql("CREATE TABLE items (id INT, name STRING, price DECIMAL(10, 2), stock BIGINT)"
        + " WITH ('connector' = 'values', 'data-id' = 'pushdown-items');"
        + "SET 'execution.runtime-mode' = '" + mode + "';"
        + "SET '" + TableConfigOptions.SOURCE_PUSHDOWN_ENABLED + "' = '" + pushDown + "';");
    return env;
  }

  static Stream<Arguments> queries() {
    List<String> qs = List.of(
        "SELECT name, price FROM items WHERE price > 1",
        "SELECT id FROM items WHERE stock <= 10 AND name = 'plum'",
        "SELECT id, stock FROM items WHERE 2 < price AND name <> 'fig' AND stock IS NOT NULL",
        "SELECT id FROM items WHERE name IS NULL OR price < 0.5",
        "SELECT id, UPPER(name) FROM items WHERE CHAR_LENGTH(name) > 3 AND stock > 20",
        "SELECT name, COUNT(*), SUM(stock) FROM items WHERE price >= 2.5 GROUP BY name",
        "SELECT price * 2 FROM items WHERE id BETWEEN 10 AND 90 AND price IS NULL",
        "SELECT COUNT(*) FROM items");
    List<Arguments> out = new ArrayList<>();
    for (String mode : List.of("batch", "streaming")) {
      for (String q : qs) {
        out.add(Arguments.of(mode, q));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("queries")
  void sameRowsWithAndWithoutPushDown(String mode, String query) {
    List<String> with = sorted(env(mode, true).executeStatement(query).materialize());
    List<String> without = sorted(env(mode, false).executeStatement(query).materialize());
    assertThat(with).isNotEmpty().isEqualTo(without);
  }

  @Test
  void explainShowsPushedProjectionAndFilter() {
    String q = "SELECT name, price FROM items WHERE price > 1 AND CHAR_LENGTH(name) > 3";
    String plan = env("batch", true).explainSql(q);
    assertThat(plan).contains("TableSourceScan(table=[items], fields=[name, price], project=[name, price], filter=[>(CAST(price), 1.00)]");
    // the filter the source cannot evaluate stays above the scan
    assertThat(plan).contains("CHAR_LENGTH");
    String off = env("batch", false).explainSql(q);
    assertThat(off).doesNotContain("project=[").doesNotContain("filter=[");
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
