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
}
