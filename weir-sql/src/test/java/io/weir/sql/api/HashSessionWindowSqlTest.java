package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.ValuesData;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BATCH SESSION aggregation planned as LocalHashWindowAggregate + HashWindowAggregate gives the
 * STREAMING session window's rows and the sort-based BATCH WindowAggregate's (HashSessionAgg
 * disabled), for the legacy {@code GROUP BY k, SESSION(..)} form, the
 * {@code SESSION(TABLE .. PARTITION BY ..)} TVF and a session over all rows, at parallelism 3 and
 * under a tiny memory budget.
 */
class HashSessionWindowSqlTest {
  static Stream<Arguments> cases() {
    List<String> queries = List.of(
        "SELECT bidder, COUNT(*), SUM(price), MAX(price), COUNT(DISTINCT price), SESSION_START(ts, INTERVAL '2' SECOND), "
            + "SESSION_END(ts, INTERVAL '2' SECOND) FROM bids GROUP BY bidder, SESSION(ts, INTERVAL '2' SECOND)",
        "SELECT bidder, window_start, window_end, COUNT(*), MIN(price) FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, "
            + "DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY bidder, window_start, window_end",
        "SELECT window_start, window_end, COUNT(*), SUM(price) FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(ts), "
            + "INTERVAL '0.3' SECOND)) GROUP BY window_start, window_end");
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      for (long seed = 1; seed <= 1; seed++) {
        out.add(Arguments.of(seed * 10 + i, queries.get(i)));
      }
    }
    return out.stream();
  }

  /** Bids of 15 bidders, roughly ascending with up to 1.5 s of disorder, gaps of exactly 1 s and 2 s too, some NULL times. */
  private static String data(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0);
    long clock = 0;
    for (int i = 0; i < 1500; i++) {
      int step = rnd.nextInt(5);
      clock += step == 0 ? 1000 : step == 1 ? 2000 : 10 * rnd.nextInt(12);
      // a multiple of 10 ms behind: some gaps are exactly 1 s or 2 s
      long ms = clock - 10 * rnd.nextInt(150);
      rows.add(Row.of(rnd.nextInt(15), rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(50),
          rnd.nextInt(40) == 0 ? null : base.plusNanos(ms * 1_000_000L)));
    }
    return ValuesData.register(rows);
  }

  private static TableEnvironment env(String data, String mode, String... options) {
    TableEnvironment env = TableEnvironment.create(new io.weir.core.config.Configuration());
    StringBuilder ddl = new StringBuilder("SET 'execution.runtime-mode' = '" + mode + "';\n"
        + "SET 'parallelism.default' = '3';\n"
        // no row is behind the watermark: STREAMING drops none
        + "CREATE TABLE bids (bidder INT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' HOUR) "
        + "WITH ('connector' = 'values', 'data-id' = '" + data + "');\n");
    for (int i = 0; i < options.length; i += 2) {
      ddl.append("SET '").append(options[i]).append("' = '").append(options[i + 1]).append("';\n");
    }
    env.executeSql(ddl.toString());
    return env;
  }

  private static Map<Row, Integer> bag(List<Row> rows) {
    Map<Row, Integer> m = new HashMap<>();
    rows.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  @ParameterizedTest(name = "seed {0}: {1}")
  @MethodSource("cases")
  void hashSessionAggregationGivesTheStreamingAndSortBasedRows(long seed, String query) {
    String data = data(seed);
    Map<Row, Integer> streaming = bag(env(data, "streaming").executeStatement(query).materialize());
    assertThat(streaming).hasSizeGreaterThan(10);

    TableEnvironment hash = env(data, "batch");
    assertThat(hash.explainSql(query)).contains("HashWindowAggregate(window=[SESSION(")
        .contains("LocalHashWindowAggregate(window=[SESSION(");
    assertThat(bag(hash.executeStatement(query).materialize())).isEqualTo(streaming);

    TableEnvironment tiny = env(data, "batch", "execution.batch.memory-budget", "64kb");
    assertThat(bag(tiny.executeStatement(query).materialize())).as("tiny budget").isEqualTo(streaming);

    TableEnvironment sorted = env(data, "batch", "table.exec.disabled-operators", "HashSessionAgg");
    assertThat(sorted.explainSql(query)).contains("WindowAggregate(window=[SESSION(").doesNotContain("HashWindowAggregate");
    assertThat(bag(sorted.executeStatement(query).materialize())).as("sort-based").isEqualTo(streaming);
  }
}
