package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.connector.builtin.ValuesData;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * STREAMING GROUP BY with mini-batch in two phases (LocalGroupAggregate → keyed exchange →
 * GlobalGroupAggregate): on seeded random rows it gives the one-phase plan's and BATCH's final
 * result, for composite keys (Nexmark q17's shape), one key, no key, and an aggregation over its
 * changelog (retractions downstream of the global phase).
 */
class TwoPhaseGroupAggregateTest {
  private static final String Q17_SHAPE = "SELECT k, DATE_FORMAT(ts, 'yyyy-MM-dd') AS d, COUNT(*) AS c,"
      + " COUNT(*) FILTER (WHERE v < 30) AS c1, COUNT(*) FILTER (WHERE v >= 30 AND v < 70) AS c2,"
      + " MIN(v) AS mn, MAX(v) AS mx, AVG(v) AS av, SUM(v) AS s, COUNT(v) AS cv"
      + " FROM src GROUP BY k, DATE_FORMAT(ts, 'yyyy-MM-dd')";
  private static final String ONE_KEY = "SELECT k, COUNT(*), MAX(v), SUM(v) FROM src WHERE v IS NOT NULL GROUP BY k";
  private static final String NO_KEY = "SELECT COUNT(*), MIN(v), AVG(v) FROM src";
  private static final String OVER_CHANGELOG = "SELECT c, COUNT(*) AS n, SUM(s) AS total FROM"
      + " (SELECT k, COUNT(*) AS c, SUM(v) AS s FROM src GROUP BY k) GROUP BY c";

  private static TableEnvironment env(String mode, String dataId, String... settings) {
    Configuration c = new Configuration();
    c.setString("execution.runtime-mode", mode);
    c.setString("parallelism.default", "2");
    for (int i = 0; i < settings.length; i += 2) {
      c.setString(settings[i], settings[i + 1]);
    }
    TableEnvironment env = TableEnvironment.create(c);
    env.executeSql("CREATE TABLE src (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
        + " WITH ('connector' = 'values', 'data-id' = '" + dataId + "')");
    return env;
  }

  /** Hot keys and a long tail, times over a few days (several groups per key), some NULL values. */
  private static List<Row> input(long seed, int n) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    long time = 0;
    for (int i = 0; i < n; i++) {
      time += rnd.nextInt(600_000);
      int k = rnd.nextBoolean() ? 7 : rnd.nextInt(60);
      Long v = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(100);
      rows.add(Row.of(k, v, LocalDateTime.ofEpochSecond(time / 1000, (int) (time % 1000) * 1_000_000, ZoneOffset.UTC)));
    }
    return rows;
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> s = new ArrayList<>();
    for (Row r : rows) {
      s.add(r.toString());
    }
    s.sort(Comparator.naturalOrder());
    return s;
  }

  @ParameterizedTest
  @CsvSource({"1, 7", "2, 1000"})
  void equalsOnePhaseAndBatch(long seed, int miniBatchSize) {
    String id = ValuesData.register(input(seed, 1500));
    for (String query : new String[] {Q17_SHAPE, ONE_KEY, NO_KEY, OVER_CHANGELOG}) {
      List<String> batch = sorted(env("batch", id).executeStatement(query).materialize());
      assertThat(batch).isNotEmpty();
      for (String phases : new String[] {"AUTO", "ONE_PHASE"}) {
        TableEnvironment env = env("streaming", id, "table.exec.mini-batch.enabled", "true",
            "table.exec.mini-batch.size", Integer.toString(miniBatchSize), "table.exec.mini-batch.allow-latency", "1 s",
            PhysicalPlanner.AGG_PHASE_STRATEGY, phases);
        assertThat(env.explainSql(query).contains("LocalGroupAggregate")).as(phases + " " + query)
            .isEqualTo(phases.equals("AUTO"));
        assertThat(sorted(env.executeStatement(query).materialize())).as(phases + " " + query).isEqualTo(batch);
      }
    }
  }

  /** Without mini-batch, and for DISTINCT, the plan keeps one phase. */
  @ParameterizedTest
  @CsvSource({"4"})
  void onePhaseWithoutMiniBatchOrWithDistinct(long seed) {
    String id = ValuesData.register(input(seed, 50));
    assertThat(env("streaming", id).explainSql(ONE_KEY)).doesNotContain("LocalGroupAggregate");
    assertThat(env("streaming", id, "table.exec.mini-batch.enabled", "true", "table.exec.mini-batch.size", "100")
        .explainSql("SELECT k, COUNT(DISTINCT v) FROM src GROUP BY k")).doesNotContain("LocalGroupAggregate");
  }
}
