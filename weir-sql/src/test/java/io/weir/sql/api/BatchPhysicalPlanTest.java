package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.ValuesData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BATCH physical operators end to end under a tiny memory budget, so the hash aggregate, the hash
 * join and the sort all overflow to disk; results are checked against plain Java computations.
 */
class BatchPhysicalPlanTest {
  private static final int N = 20_000;
  private static final int KEYS = 3_000;
  private static final List<Row> FACTS = new ArrayList<>();
  private static final List<Row> DIMS = new ArrayList<>();

  @BeforeAll
  static void data() {
    Random random = new Random(42);
    for (int i = 0; i < N; i++) {
      FACTS.add(Row.of(i, random.nextInt(KEYS), (long) random.nextInt(1_000_000)));
    }
    for (int k = 0; k < KEYS + 1_000; k += 2) {
      DIMS.add(Row.of((long) k, "name-" + k));
    }
    ValuesData.register("batch-plan-facts", FACTS);
    ValuesData.register("batch-plan-dims", DIMS);
  }

  private static TableEnvironment env() {
    Configuration config = new Configuration();
    config.set(CoreOptions.BATCH_MEMORY_BUDGET, MemorySize.parse("64 kb"));
    TableEnvironment env = TableEnvironment.create(config);
    env.executeSql("""
        CREATE TABLE facts (id INT, k INT, v BIGINT) WITH ('connector' = 'values', 'data-id' = 'batch-plan-facts');
        CREATE TABLE dims (k BIGINT, name STRING) WITH ('connector' = 'values', 'data-id' = 'batch-plan-dims');
        SET 'execution.runtime-mode' = 'batch';
        SET 'parallelism.default' = '2';
        SET 'table.optimizer.join.broadcast-threshold' = '-1';
        """);
    return env;
  }

  @Test
  void hashAggregateSpillsAndMatches() {
    TableEnvironment env = env();
    String q = "SELECT k, COUNT(*), SUM(v), MIN(v) FROM facts GROUP BY k";
    assertThat(env.explainSql(q)).contains("HashAggregate(groupBy=[k]");
    Map<Integer, long[]> expected = new HashMap<>();
    for (Row r : FACTS) {
      long v = (Long) r.getField(2);
      expected.merge((Integer) r.getField(1), new long[] {1, v, v},
          (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], Math.min(a[2], b[2])});
    }
    List<Row> rows = env.executeStatement(q).materialize();
    assertThat(rows).hasSize(expected.size());
    for (Row r : rows) {
      long[] e = expected.get((Integer) r.getField(0));
      assertThat(new long[] {(Long) r.getField(1), (Long) r.getField(2), (Long) r.getField(3)}).containsExactly(e);
    }
  }

  @Test
  void hashJoinWithCastKeysOverflowsAndMatches() {
    TableEnvironment env = env();
    // INT = BIGINT keys: the planner casts the left key so both sides hash and compare alike
    String q = "SELECT f.id, d.name FROM facts f LEFT JOIN dims d ON f.k = d.k";
    assertThat(env.explainSql(q)).contains("HashJoin(joinType=[LEFT]").contains("build=[right]");
    List<Row> rows = env.executeStatement(q).materialize();
    assertThat(rows).hasSize(N);
    for (Row r : rows) {
      int k = (Integer) FACTS.get((Integer) r.getField(0)).getField(1);
      assertThat(r.getField(1)).isEqualTo(k % 2 == 0 ? "name-" + k : null);
    }
  }

  @Test
  void externalSortSpillsAndOrders() {
    TableEnvironment env = env();
    String q = "SELECT v, id FROM facts ORDER BY v DESC, id";
    assertThat(env.explainSql(q)).contains("Sort(orderBy=[v DESC");
    List<Row> rows = env.executeStatement(q).materialize();
    List<Row> expected = new ArrayList<>();
    FACTS.forEach(r -> expected.add(Row.of(r.getField(2), r.getField(0))));
    expected.sort((a, b) -> {
      int c = Long.compare((Long) b.getField(0), (Long) a.getField(0));
      return c != 0 ? c : Integer.compare((Integer) a.getField(1), (Integer) b.getField(1));
    });
    assertThat(rows).containsExactlyElementsOf(expected);
  }
}
