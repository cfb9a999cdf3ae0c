package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.ValuesData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BATCH join and aggregation strategies (broadcast hash join, shuffle hash join, sort-merge join;
 * hash and sort aggregation) chosen by options: EXPLAIN names the strategy and every strategy gives
 * the shuffle hash join's rows on random tables with NULL keys and duplicates.
 */
class BatchStrategiesTest {
  private record Tables(List<Row> big, List<Row> small, String bigId, String smallId) {}

  private static Tables tables(long seed) {
    Random rnd = new Random(seed);
    List<Row> big = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      big.add(Row.of(i, rnd.nextInt(10) == 0 ? null : rnd.nextInt(60), (long) rnd.nextInt(1000)));
    }
    List<Row> small = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      small.add(Row.of(rnd.nextInt(8) == 0 ? null : rnd.nextInt(80), "d" + i));
    }
    return new Tables(big, small, ValuesData.register(big), ValuesData.register(small));
  }

  private static TableEnvironment env(Tables t, String... options) {
    TableEnvironment env = TableEnvironment.create(new io.weir.core.config.Configuration());
    StringBuilder ddl = new StringBuilder("""
        SET 'execution.runtime-mode' = 'batch';
        SET 'parallelism.default' = '3';
        """);
    ddl.append("CREATE TABLE big (id INT, k INT, v BIGINT) WITH ('connector' = 'values', 'data-id' = '")
        .append(t.bigId()).append("');\n");
    ddl.append("CREATE TABLE small (k INT, name STRING) WITH ('connector' = 'values', 'data-id' = '")
        .append(t.smallId()).append("');\n");
    for (int i = 0; i < options.length; i += 2) {
      ddl.append("SET '").append(options[i]).append("' = '").append(options[i + 1]).append("';\n");
    }
    env.executeSql(ddl.toString());
    return env;
  }

  static Stream<Arguments> joins() {
    List<String> queries = List.of(
        "SELECT b.id, s.name FROM big b JOIN small s ON b.k = s.k",
        "SELECT b.id, s.name FROM big b LEFT JOIN small s ON b.k = s.k AND b.v > 100",
        "SELECT b.id, s.name FROM small s RIGHT JOIN big b ON s.k = b.k",
        "SELECT b.id, s.name FROM big b FULL JOIN small s ON b.k = s.k",
        "SELECT b.id FROM big b WHERE b.k IN (SELECT k FROM small)",
        "SELECT b.id FROM big b WHERE NOT EXISTS (SELECT 1 FROM small s WHERE s.k = b.k)");
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      out.add(Arguments.of(i + 1L, queries.get(i)));
    }
    return out.stream();
  }

  private static Map<Row, Integer> bag(List<Row> rows) {
    Map<Row, Integer> m = new HashMap<>();
    rows.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  @ParameterizedTest(name = "seed {0}: {1}")
  @MethodSource("joins")
  void everyJoinStrategyGivesTheShuffleHashJoinRows(long seed, String query) {
    Tables t = tables(seed);
    TableEnvironment shuffle = env(t, "table.optimizer.join.broadcast-threshold", "-1");
    assertThat(shuffle.explainSql(query)).contains("HashJoin(").doesNotContain("BroadcastHashJoin");
    List<Row> expected = shuffle.executeStatement(query).materialize();
    assertThat(expected).isNotEmpty();

    TableEnvironment broadcastEnv = env(t);
    String plan = broadcastEnv.explainSql(query);
    // FULL joins cannot broadcast (both sides are preserved): they stay shuffle hash joins
    assertThat(plan).contains(query.contains("FULL") ? "HashJoin(" : "BroadcastHashJoin(");
    if (!query.contains("FULL")) {
      // the small table is broadcast unless the join preserves it; the big one stays put
      assertThat(plan).contains(query.contains("RIGHT") ? "broadcast=[left]" : "broadcast=[right]");
    }
    assertThat(bag(broadcastEnv.executeStatement(query).materialize())).isEqualTo(bag(expected));

    TableEnvironment sortMerge = env(t, "table.exec.disabled-operators", "HashJoin");
    assertThat(sortMerge.explainSql(query)).contains("SortMergeJoin(").doesNotContain("HashJoin(");
    assertThat(bag(sortMerge.executeStatement(query).materialize())).isEqualTo(bag(expected));
  }

  @Test
  void innerJoinMatchesNestedLoops() {
    Tables t = tables(3);
    List<Row> expected = new ArrayList<>();
    for (Row b : t.big()) {
      for (Row s : t.small()) {
        if (b.getField(1) != null && Objects.equals(b.getField(1), s.getField(0))) {
          expected.add(Row.of(b.getField(0), s.getField(1)));
        }
      }
    }
    assertThat(expected).isNotEmpty();
    String q = "SELECT b.id, s.name FROM big b JOIN small s ON b.k = s.k";
    for (String disabled : new String[] {"", "HashJoin", "BroadcastHashJoin", "ShuffleHashJoin,SortMergeJoin"}) {
      assertThat(bag(env(t, "table.exec.disabled-operators", disabled).executeStatement(q).materialize()))
          .as(disabled).isEqualTo(bag(expected));
    }
  }

  @Test
  void aJoinThatCannotBroadcastFallsBackToSortMergeWhenShuffleHashIsDisabled() {
    Tables t = tables(7);
    String q = "SELECT b.id, s.name FROM big b FULL JOIN small s ON b.k = s.k";
    List<Row> expected = env(t).executeStatement(q).materialize();
    TableEnvironment env = env(t, "table.exec.disabled-operators", "ShuffleHashJoin");
    assertThat(env.explainSql(q)).contains("SortMergeJoin(").doesNotContain("HashJoin(");
    assertThat(bag(env.executeStatement(q).materialize())).isEqualTo(bag(expected));
    // an inner join can still broadcast
    assertThat(env.explainSql("SELECT * FROM big b JOIN small s ON b.k = s.k")).contains("BroadcastHashJoin(");
  }

  @Test
  void disablingEveryStrategyIsAnError() {
    Tables t = tables(4);
    TableEnvironment env = env(t, "table.exec.disabled-operators", "HashJoin, SortMergeJoin");
    assertThatThrownBy(() -> env.explainSql("SELECT * FROM big b JOIN small s ON b.k = s.k"))
        .hasMessageContaining("table.exec.disabled-operators");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {5, 6})
  void sortAggregationWhenHashAggIsDisabled(long seed) {
    Tables t = tables(seed);
    String q = "SELECT k, COUNT(*), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v % 7) FROM big GROUP BY k";
    String noDistinct = "SELECT k, COUNT(*), SUM(v), MIN(v), MAX(v) FROM big GROUP BY k";
    TableEnvironment hash = env(t);
    // two phases: the partials of each of the 3 subtasks cross the exchange, not the rows; with a
    // DISTINCT aggregate one phase (a distinct set hardly shrinks locally)
    assertThat(hash.explainSql(noDistinct)).contains("HashAggregate(groupBy=[k]").contains("LocalHashAggregate(groupBy=[k]");
    assertThat(hash.explainSql(q)).contains("HashAggregate(groupBy=[k]").doesNotContain("LocalHashAggregate");
    TableEnvironment sort = env(t, "table.exec.disabled-operators", "HashAgg");
    assertThat(sort.explainSql(q)).contains("SortAggregate(groupBy=[k]").doesNotContain("HashAggregate");
    Map<Object, long[]> byKey = new HashMap<>();
    Map<Object, java.util.Set<Long>> distinct = new HashMap<>();
    for (Row r : t.big()) {
      long v = (Long) r.getField(2);
      byKey.merge(r.getField(1), new long[] {1, v, v, v},
          (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], Math.min(a[2], b[2]), Math.max(a[3], b[3])});
      distinct.computeIfAbsent(r.getField(1), k -> new java.util.HashSet<>()).add(v % 7);
    }
    List<Row> expected = new ArrayList<>();
    byKey.forEach((k, a) -> expected.add(Row.of(k, a[0], a[1], a[2], a[3], (long) distinct.get(k).size())));
    assertThat(bag(sort.executeStatement(q).materialize())).isEqualTo(bag(expected));
    assertThat(bag(hash.executeStatement(q).materialize())).isEqualTo(bag(expected));
    List<Row> expectedNoDistinct = new ArrayList<>();
    byKey.forEach((k, a) -> expectedNoDistinct.add(Row.of(k, a[0], a[1], a[2], a[3])));
    assertThat(bag(hash.executeStatement(noDistinct).materialize())).isEqualTo(bag(expectedNoDistinct));
    // a global aggregate over no rows still gives one row
    assertThat(sort.executeStatement("SELECT COUNT(*), SUM(v) FROM big WHERE v < 0").materialize())
        .containsExactly(Row.of(0L, null));
    assertThat(hash.executeStatement("SELECT COUNT(*), SUM(v) FROM big WHERE v < 0").materialize())
        .containsExactly(Row.of(0L, null));
  }
}
