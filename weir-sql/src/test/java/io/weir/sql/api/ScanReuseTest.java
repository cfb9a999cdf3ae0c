package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.testing.CountingTableFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Equal scans (same table, same pushed-down projection and filter) read the source once: the
 * planner builds one source operator that feeds every consumer, across the INSERTs of a statement
 * set and within one query.
 */
class ScanReuseTest {
  private static List<Row> input(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(Row.of(i, rnd.nextInt(100)));
    }
    return rows;
  }

  private static TableEnvironment env(String mode, String src, String... sinks) {
    TableEnvironment env = TableEnvironment.create(new Configuration());
    StringBuilder ddl = new StringBuilder("SET 'execution.runtime-mode' = '" + mode + "';\nSET 'parallelism.default' = '2';\n");
    ddl.append("CREATE TABLE src (id INT, v INT) WITH ('connector' = 'counting', 'data-id' = '").append(src).append("');\n");
    for (int i = 0; i < sinks.length; i++) {
      ddl.append("CREATE TABLE sink").append(i).append(" (id INT, v INT) WITH ('connector' = 'values', 'data-id' = '")
          .append(sinks[i]).append("');\n");
    }
    env.executeSql(ddl.toString());
    return env;
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "streaming"})
  void statementSetReadsTheSourceOnce(String mode) {
    List<Row> rows = input(mode.length());
    String src = ValuesData.register(rows);
    String big = src + "-big";
    String doubled = src + "-doubled";
    TableEnvironment env = env(mode, src, big, doubled);
    env.executeSql("""
        BEGIN STATEMENT SET;
        INSERT INTO sink0 SELECT id, v FROM src WHERE v > 50;
        INSERT INTO sink1 SELECT id, v * 2 FROM src;
        END;
        """);
    assertThat(CountingTableFactory.sourcesBuilt(src)).isEqualTo(1);
    assertThat(ValuesData.sinkRows(big)).isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(rows.stream().filter(r -> (Integer) r.getField(1) > 50).toList());
    assertThat(ValuesData.sinkRows(doubled))
        .containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> Row.of(r.getField(0), (Integer) r.getField(1) * 2)).toList());

    // consecutive INSERTs without BEGIN/END form a statement set too
    String src2 = ValuesData.register(rows);
    TableEnvironment env2 = env(mode, src2, src2 + "-a", src2 + "-b");
    env2.executeSql("INSERT INTO sink0 SELECT id, v FROM src; INSERT INTO sink1 SELECT v, id FROM src;");
    assertThat(CountingTableFactory.sourcesBuilt(src2)).isEqualTo(1);
    assertThat(ValuesData.sinkRows(src2 + "-a")).hasSize(rows.size());
    assertThat(ValuesData.sinkRows(src2 + "-b")).hasSize(rows.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "streaming"})
  void oneQueryReadsAReusedTableOnce(String mode) {
    List<Row> rows = input(7 + mode.length());
    String src = ValuesData.register(rows);
    TableEnvironment env = env(mode, src);
    List<Row> result = env.executeStatement(
        "SELECT id FROM src WHERE v > 30 UNION ALL SELECT id + 1000 FROM src WHERE v <= 30").materialize();
    assertThat(CountingTableFactory.sourcesBuilt(src)).isEqualTo(1);
    List<Row> expected = new ArrayList<>();
    for (Row r : rows) {
      int id = (Integer) r.getField(0);
      expected.add(Row.of((Integer) r.getField(1) > 30 ? id : id + 1000));
    }
    assertThat(result).containsExactlyInAnyOrderElementsOf(expected);

    // a self-join: both inputs of the join come from the one source
    String src2 = ValuesData.register(rows);
    TableEnvironment env2 = env(mode, src2);
    List<Row> joined = env2.executeStatement(
        "SELECT a.id, b.id FROM src a JOIN src b ON a.v = b.v AND a.id < b.id").materialize();
    assertThat(CountingTableFactory.sourcesBuilt(src2)).isEqualTo(1);
    List<Row> expectedJoin = new ArrayList<>();
    for (Row a : rows) {
      for (Row b : rows) {
        if (a.getField(1).equals(b.getField(1)) && (Integer) a.getField(0) < (Integer) b.getField(0)) {
          expectedJoin.add(Row.of(a.getField(0), b.getField(0)));
        }
      }
    }
    assertThat(expectedJoin).isNotEmpty();
    assertThat(joined).containsExactlyInAnyOrderElementsOf(expectedJoin);
  }
}
