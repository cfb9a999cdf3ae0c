package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.runtime.CountingAggregate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Common subplan reuse (SubplanReuse) and the two-phase window aggregation it comes with for
 * Nexmark q5: identical subtrees run once, nondeterministic ones twice, and every combination of
 * the two switches gives the same result.
 */
class SubplanReuseTest {
  private static TableEnvironment env(String mode, String dataId, String... settings) {
    Configuration c = new Configuration();
    c.setString("execution.runtime-mode", mode);
    c.setString("parallelism.default", "2");
    for (int i = 0; i < settings.length; i += 2) {
      c.setString(settings[i], settings[i + 1]);
    }
    TableEnvironment env = TableEnvironment.create(c);
    env.executeSql("CREATE TABLE src (k INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
        + " WITH ('connector' = 'values', 'data-id' = '" + dataId + "');\n"
        + "CREATE FUNCTION counting AS '" + CountingAggregate.class.getName() + "';");
    return env;
  }

  private static List<Row> input(long seed, int n) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    long time = 0;
    for (int i = 0; i < n; i++) {
      time += rnd.nextInt(300);
      long ts = Math.max(0, time - rnd.nextInt(900)); // within the watermark delay: no row is late
      rows.add(Row.of(rnd.nextInt(12), (long) rnd.nextInt(100),
          LocalDateTime.ofEpochSecond(ts / 1000, (int) (ts % 1000) * 1_000_000, ZoneOffset.UTC)));
    }
    return rows;
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Row::toString));
    return copy;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void identicalSubtreesRunOnce(long seed) {
    List<Row> rows = input(seed, 200);
    String id = ValuesData.register(rows);
    String query = "SELECT a.k, a.s, b.s FROM (SELECT k, counting(v) AS s FROM src GROUP BY k) a"
        + " JOIN (SELECT k, counting(v) AS s FROM src GROUP BY k) b ON a.k = b.k";
    Map<Integer, Long> sums = new HashMap<>();
    rows.forEach(r -> sums.merge((Integer) r.getField(0), (Long) r.getField(1), Long::sum));
    List<Row> expected = new ArrayList<>();
    sums.forEach((k, s) -> expected.add(Row.of(k, s, s)));

    CountingAggregate.ACCUMULATE_CALLS.set(0);
    List<Row> reused = env("streaming", id).executeStatement(query).materialize();
    assertThat(CountingAggregate.ACCUMULATE_CALLS.get()).as("one aggregation for both join inputs").isEqualTo(rows.size());
    assertThat(sorted(reused)).isEqualTo(sorted(expected));

    CountingAggregate.ACCUMULATE_CALLS.set(0);
    List<Row> twice = env("streaming", id, SubplanReuse.ENABLED, "false").executeStatement(query).materialize();
    assertThat(CountingAggregate.ACCUMULATE_CALLS.get()).isEqualTo(2L * rows.size());
    assertThat(sorted(twice)).isEqualTo(sorted(expected));
  }

  @ParameterizedTest
  @ValueSource(longs = {3})
  void nondeterministicSubtreesAreNotReused(long seed) {
    List<Row> rows = input(seed, 50);
    List<Row> unique = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      unique.add(Row.of(i, rows.get(i).getField(1), rows.get(i).getField(2)));
    }
    String id = ValuesData.register(unique);
    // reused, each row would meet its own random value; evaluated twice, (almost) never
    List<Row> joined = env("streaming", id).executeStatement(
        "SELECT a.k FROM (SELECT k, RAND() AS r FROM src) a JOIN (SELECT k, RAND() AS r FROM src) b"
            + " ON a.k = b.k AND a.r = b.r").materialize();
    assertThat(joined).isEmpty();
  }

  /** Nexmark q5's shape: the same HOP aggregation twice, joined with the maximum per window. */
  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void hotItemsEqualUnderEverySwitch(long seed) {
    List<Row> rows = input(seed, 400);
    String id = ValuesData.register(rows);
    String counts = "SELECT k, COUNT(*) AS num, SUM(v) AS total, window_start AS starttime, window_end AS endtime"
        + " FROM TABLE(HOP(TABLE src, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
        + " GROUP BY k, window_start, window_end";
    String query = "SELECT C.k, C.num, C.total, C.starttime FROM (" + counts + ") AS C JOIN ("
        + " SELECT MAX(N.num) AS maxnum, N.starttime, N.endtime FROM (" + counts + ") AS N GROUP BY N.starttime, N.endtime"
        + ") AS M ON C.starttime = M.starttime AND C.endtime = M.endtime WHERE C.num >= M.maxnum";
    List<Row> batch = sorted(env("batch", id).executeStatement(query).materialize());
    assertThat(batch).hasSizeGreaterThan(10);
    for (String reuse : new String[] {"true", "false"}) {
      for (String phases : new String[] {"AUTO", "ONE_PHASE"}) {
        TableEnvironment env = env("streaming", id, SubplanReuse.ENABLED, reuse, PhysicalPlanner.AGG_PHASE_STRATEGY, phases);
        assertThat(env.explainSql(query).contains("LocalWindowAggregate")).as(phases).isEqualTo(phases.equals("AUTO"));
        // the MAX side emits a window's row on window_end: the join must not fire at window_end - 1
        assertThat(env.explainSql(query)).contains("fireAt=[window_end]");
        assertThat(sorted(env.executeStatement(query).materialize())).as("reuse " + reuse + ", " + phases).isEqualTo(batch);
      }
    }
  }
  /**
   * BATCH: one aggregation feeds both inputs of a join, once directly and once through a filter
   * chained to it, under every join strategy. A hash join reads its build input to the end before
   * its probe input; were either path pipelined with backpressure, the shared producer would block
   * on the unread input and the job would hang (hence the timeout, on a separate thread).
   */
  @ParameterizedTest
  @CsvSource({"1, shuffle, 6", "2, shuffle, 7", "1, broadcast, 8", "2, broadcast, 9", "2, sort-merge, 10",
      "2, broadcast-left-outer, 11"})
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void batchSelfJoinOfReusedAggregationFinishes(int parallelism, String strategy, long seed) {
    List<Row> rows = input(seed, 300);
    String id = ValuesData.register(rows);
    String agg = "SELECT k, counting(v) AS s FROM src GROUP BY k";
    String join = strategy.endsWith("left-outer") ? "LEFT JOIN" : "JOIN";
    String query = "SELECT a.k, a.s, b.s2 FROM (" + agg + ") a " + join + " (SELECT k, s + 1 AS s2 FROM (" + agg
        + ") WHERE MOD(s, 3) <> 0) b ON a.k = b.k";
    Map<Integer, Long> sums = new HashMap<>();
    rows.forEach(r -> sums.merge((Integer) r.getField(0), (Long) r.getField(1), Long::sum));
    List<Row> expected = new ArrayList<>();
    sums.forEach((k, s) -> {
      if (s % 3 != 0) {
        expected.add(Row.of(k, s, s + 1));
      } else if (join.startsWith("LEFT")) {
        expected.add(Row.of(k, s, null));
      }
    });
    String[] strategySettings = switch (strategy) {
      case "shuffle" -> new String[] {TableConfigOptions.BROADCAST_THRESHOLD, "-1"};
      case "sort-merge" -> new String[] {TableConfigOptions.DISABLED_OPERATORS, "HashJoin"};
      default -> new String[] {TableConfigOptions.BROADCAST_THRESHOLD, "1000000"};
    };
    String expectedJoin = switch (strategy) {
      case "shuffle" -> "HashJoin(";
      case "sort-merge" -> "SortMergeJoin(";
      default -> "BroadcastHashJoin(";
    };
    for (String reuse : new String[] {"true", "false"}) {
      List<String> settings = new ArrayList<>(List.of("parallelism.default", String.valueOf(parallelism),
          SubplanReuse.ENABLED, reuse));
      settings.addAll(List.of(strategySettings));
      TableEnvironment env = env("batch", id, settings.toArray(new String[0]));
      String plan = env.explainSql(query);
      assertThat(plan).contains(expectedJoin);
      assertThat(plan.contains("Reused(")).as("EXPLAIN marks the second consumer's input").isEqualTo(reuse.equals("true"));
      CountingAggregate.ACCUMULATE_CALLS.set(0);
      List<Row> result = env.executeStatement(query).materialize();
      assertThat(CountingAggregate.ACCUMULATE_CALLS.get()).as("reuse " + reuse)
          .isEqualTo((reuse.equals("true") ? 1L : 2L) * rows.size());
      assertThat(sorted(result)).as("reuse " + reuse).isEqualTo(sorted(expected));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {12})
  void batchReusesIdenticalSubtreesLikeStreaming(long seed) {
    List<Row> rows = input(seed, 200);
    String id = ValuesData.register(rows);
    String query = "SELECT a.k, a.s, b.s FROM (SELECT k, counting(v) AS s FROM src GROUP BY k) a"
        + " JOIN (SELECT k, counting(v) AS s FROM src GROUP BY k) b ON a.k = b.k";
    List<Row> streaming = sorted(env("streaming", id).executeStatement(query).materialize());
    CountingAggregate.ACCUMULATE_CALLS.set(0);
    List<Row> batch = sorted(env("batch", id).executeStatement(query).materialize());
    assertThat(CountingAggregate.ACCUMULATE_CALLS.get()).as("one aggregation for both join inputs").isEqualTo(rows.size());
    assertThat(batch).isEqualTo(streaming).isNotEmpty();
  }
}
