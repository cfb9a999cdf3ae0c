package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableEnvironmentSmokeTest {
  @Test
  void selectFromValues() {
    TableEnvironment env = TableEnvironment.create(new Configuration());
    List<TableResult> rs = env.executeSql("""
        CREATE TABLE t (a INT, b STRING) WITH ('connector' = 'values', 'rows' = '(1, ''x''), (2, ''y''), (3, NULL)');
        SET 'execution.runtime-mode' = 'batch';
        SELECT a * 10 AS a10, UPPER(b) FROM t WHERE a > 1;
        """);
    List<Row> rows = rs.get(2).collectAll();
    System.err.println(rows);
    assertThat(rows).containsExactlyInAnyOrder(Row.of(20, "Y"), Row.of(30, null));
  }

  /** STREAMING Top-N retracts and re-adds rows; the materialized result still follows ORDER BY. */
  @Test
  void materializedTopNFollowsOrderByInBothModes() {
    for (String mode : List.of("streaming", "batch")) {
      TableEnvironment env = TableEnvironment.create(new Configuration());
      StringBuilder rows = new StringBuilder();
      java.util.Random random = new java.util.Random(11);
      for (int i = 0; i < 200; i++) {
        rows.append(i == 0 ? "" : ", ").append("(").append(random.nextInt(40)).append(", ").append(random.nextInt(1000)).append(")");
      }
      List<TableResult> rs = env.executeSql("CREATE TABLE t (k INT, v INT) WITH ('connector' = 'values', 'rows' = '" + rows + "');\n"
          + "SET 'execution.runtime-mode' = '" + mode + "';\n"
          + "SELECT k, SUM(v) AS s FROM t GROUP BY k ORDER BY s DESC, k LIMIT 7;");
      List<Row> top = rs.get(2).materialize();
      assertThat(top).as(mode).hasSize(7);
      for (int i = 1; i < top.size(); i++) {
        long prev = ((Number) top.get(i - 1).getField(1)).longValue();
        long cur = ((Number) top.get(i).getField(1)).longValue();
        assertThat(prev).as(mode + " row " + i).isGreaterThanOrEqualTo(cur);
      }
    }
  }
}
