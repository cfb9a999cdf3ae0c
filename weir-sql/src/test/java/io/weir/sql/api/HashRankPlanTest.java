package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.ValuesData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BATCH ROW_NUMBER Top-N: a small rankEnd plans a HashRank/HashDeduplicate, and it gives the rows
 * of the sort-based Rank ({@code table.exec.disabled-operators = HashRank}) and of a plain-Java
 * recomputation, at parallelism 3, with NULL partition and order keys, a tiny memory budget too.
 */
class HashRankPlanTest {
  // (id INT, k INT, v BIGINT): ORDER BY v DESC NULLS LAST, id has no ties, so the rows are deterministic
  private static List<Row> table(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      rows.add(Row.of(i, rnd.nextInt(12) == 0 ? null : rnd.nextInt(40), rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(30)));
    }
    return rows;
  }

  private static TableEnvironment env(String dataId, String... options) {
    TableEnvironment env = TableEnvironment.create(new io.weir.core.config.Configuration());
    StringBuilder ddl = new StringBuilder("""
        SET 'execution.runtime-mode' = 'batch';
        SET 'parallelism.default' = '3';
        """);
    ddl.append("CREATE TABLE t (id INT, k INT, v BIGINT) WITH ('connector' = 'values', 'data-id' = '")
        .append(dataId).append("');\n");
    for (int i = 0; i < options.length; i += 2) {
      ddl.append("SET '").append(options[i]).append("' = '").append(options[i + 1]).append("';\n");
    }
    env.executeSql(ddl.toString());
    return env;
  }

  private record Case(String where, long start, long end, boolean rankNumber, String plan) {}

  static Stream<Arguments> cases() {
    List<Case> cases = List.of(
        new Case("rn <= 3", 1, 3, true, "HashRank("),
        new Case("rn = 1", 1, 1, false, "HashDeduplicate("),
        new Case("rn BETWEEN 2 AND 4", 2, 4, true, "HashRank("),
        new Case("rn <= 100", 1, 100, false, "HashRank("),
        new Case("rn <= 101", 1, 101, false, "Rank("));
    List<Arguments> out = new ArrayList<>();
    long seed = 1;
    for (Case c : cases) {
      out.add(Arguments.of(seed++, c));
    }
    return out.stream();
  }

  private static String query(Case c) {
    return "SELECT id, k, v" + (c.rankNumber() ? ", rn" : "") + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k "
        + "ORDER BY v DESC NULLS LAST, id) AS rn FROM t) WHERE " + c.where();
  }

  private static List<Row> expected(List<Row> rows, Case c, Predicate<Row> filter) {
    Map<Object, List<Row>> parts = new HashMap<>();
    rows.stream().filter(filter).forEach(r -> parts.computeIfAbsent(Objects.requireNonNullElse(r.getField(1), "null"),
        k -> new ArrayList<>()).add(r));
    Comparator<Row> order = Comparator.<Row, Long>comparing(r -> (Long) r.getField(2),
        Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(r -> (Integer) r.getField(0));
    List<Row> out = new ArrayList<>();
    for (List<Row> p : parts.values()) {
      p.sort(order);
      for (int i = (int) c.start() - 1; i < Math.min(c.end(), p.size()); i++) {
        Row r = p.get(i);
        out.add(c.rankNumber() ? Row.of(r.getField(0), r.getField(1), r.getField(2), i + 1L) : r);
      }
    }
    return out;
  }

  private static Map<Row, Integer> bag(List<Row> rows) {
    Map<Row, Integer> m = new HashMap<>();
    rows.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  @ParameterizedTest(name = "seed {0}: {1}")
  @MethodSource("cases")
  void hashRankGivesTheSortBasedRowsAndTheRecomputation(long seed, Case c) {
    List<Row> rows = table(seed);
    String id = ValuesData.register(rows);
    String q = query(c);
    List<Row> expected = expected(rows, c, r -> true);
    assertThat(expected).isNotEmpty();

    TableEnvironment hash = env(id);
    String plan = hash.explainSql(q);
    assertThat(plan).contains(c.plan());
    if (c.plan().equals("Rank(")) {
      assertThat(plan).doesNotContain("HashRank(");
    } else {
      assertThat(plan).contains("Local" + c.plan());
    }
    assertThat(bag(hash.executeStatement(q).materialize())).isEqualTo(bag(expected));

    TableEnvironment sorted = env(id, "table.exec.disabled-operators", "HashRank");
    assertThat(sorted.explainSql(q)).doesNotContain("HashRank(").doesNotContain("HashDeduplicate(");
    assertThat(bag(sorted.executeStatement(q).materialize())).isEqualTo(bag(expected));

    TableEnvironment tiny = env(id, "execution.batch.memory-budget", "16kb", "table.exec.rank.hash-threshold", "200");
    assertThat(tiny.explainSql(q)).contains("Hash");
    assertThat(bag(tiny.executeStatement(q).materialize())).isEqualTo(bag(expected));
  }

  @Test
  void emptyInputAndAFilterBelow() {
    List<Row> rows = table(9);
    String id = ValuesData.register(rows);
    Case c = new Case("rn <= 2", 1, 2, true, "HashRank(");
    TableEnvironment env = env(id);
    assertThat(env.executeStatement(query(c).replace("FROM t)", "FROM t WHERE id < 0)")).materialize()).isEmpty();
    String filtered = query(c).replace("FROM t)", "FROM t WHERE MOD(id, 3) = 1)");
    assertThat(bag(env.executeStatement(filtered).materialize()))
        .isEqualTo(bag(expected(rows, c, r -> (Integer) r.getField(0) % 3 == 1)));
  }
}
