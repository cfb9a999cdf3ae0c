package io.weir.nexmark.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BATCH window operators over the Nexmark views run on watermarks, as in STREAMING, because the
 * source guarantees an ascending rowtime per reader ({@code table.optimizer.batch-windows-on-watermarks}).
 * For each window shape, seeded event counts and rates, and parallelism 1 and 2, the BATCH result
 * with that plan equals the BATCH result of the hash/sort plan (option off) and the final
 * STREAMING result; the plans themselves are asserted, so the test fails if either path is not
 * the one taken. (The operators themselves: HashWindowAggregateTest, WindowAggregateOperatorTest.)
 */
class BatchWindowsOnWatermarksTest {
  private static final String OPTION = "table.optimizer.batch-windows-on-watermarks";

  /** Query, the operator the watermark-driven BATCH plan must contain, the one the hash plan must contain. */
  private static final String[][] SHAPES = {
      {"SELECT auction, window_start, window_end, COUNT(*), SUM(price), MAX(price) "
          + "FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '1' SECOND)) "
          + "GROUP BY auction, window_start, window_end", "watermarkDriven=[true]", "LocalHashWindowAggregate"},
      {"SELECT auction, window_start, window_end, COUNT(*), MIN(price) "
          + "FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '0.2' SECOND, INTERVAL '1' SECOND)) "
          + "GROUP BY auction, window_start, window_end", "watermarkDriven=[true]", "LocalHashWindowAggregate"},
      {"SELECT bidder, window_start, window_end, SUM(price), MAX(price) "
          + "FROM TABLE(CUMULATE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '0.25' SECOND, INTERVAL '1' SECOND)) "
          + "GROUP BY bidder, window_start, window_end", "HashWindowAggregate(window=[CUMULATE", "LocalHashWindowAggregate"},
      // COUNT(DISTINCT): one phase, STREAMING's window operator
      {"SELECT bidder, window_start, window_end, SUM(price), COUNT(DISTINCT auction) "
          + "FROM TABLE(CUMULATE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '0.25' SECOND, INTERVAL '1' SECOND)) "
          + "GROUP BY bidder, window_start, window_end", "WindowAggregate(window=[CUMULATE", "LocalHashWindowAggregate"},
      // Nexmark q5's shape: a cascaded aggregation of a window aggregation, joined back on the window
      {"SELECT C.auction, C.num, C.starttime FROM ("
          + "  SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime"
          + "  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '0.2' SECOND, INTERVAL '1' SECOND))"
          + "  GROUP BY auction, window_start, window_end) AS C "
          + "JOIN ("
          + "  SELECT MAX(N.num) AS maxnum, N.starttime, N.endtime FROM ("
          + "    SELECT COUNT(*) AS num, window_start AS starttime, window_end AS endtime"
          + "    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '0.2' SECOND, INTERVAL '1' SECOND))"
          + "    GROUP BY auction, window_start, window_end) AS N"
          + "  GROUP BY N.starttime, N.endtime) AS M "
          + "ON C.starttime = M.starttime AND C.endtime = M.endtime WHERE C.num >= M.maxnum",
          "WindowJoin", "HashJoin"},
      // Nexmark q8's shape: window aggregations of two views joined on key and window
      {"SELECT P.id, P.name, P.starttime FROM ("
          + "  SELECT id, name, window_start AS starttime, window_end AS endtime"
          + "  FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(dateTime), INTERVAL '0.5' SECOND))"
          + "  GROUP BY id, name, window_start, window_end) P "
          + "JOIN ("
          + "  SELECT seller, window_start AS starttime, window_end AS endtime"
          + "  FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(dateTime), INTERVAL '0.5' SECOND))"
          + "  GROUP BY seller, window_start, window_end) A "
          + "ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime", "WindowJoin", "HashJoin"},
      // window Top-3 over a window aggregation (ties broken by auction: deterministic)
      {"SELECT * FROM ("
          + "  SELECT auction, num, window_start, window_end, ROW_NUMBER() OVER ("
          + "    PARTITION BY window_start, window_end ORDER BY num DESC, auction) AS rn FROM ("
          + "      SELECT auction, COUNT(*) AS num, window_start, window_end"
          + "      FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '1' SECOND))"
          + "      GROUP BY auction, window_start, window_end)) WHERE rn <= 3", "WindowRank", "Rank"},
  };

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int shape = 0; shape < SHAPES.length; shape++) {
      for (int parallelism = 1; parallelism <= 2; parallelism++) {
        long seed = 31L * shape + parallelism;
        Random r = new Random(seed);
        int events = 4_000 + r.nextInt(8_000);
        int rate = new int[] {2_000, 5_000, 10_000}[r.nextInt(3)];
        out.add(Arguments.of(shape, parallelism, events, rate));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "shape {0}, p={1}, {2} events at {3}/s")
  @MethodSource("cases")
  void watermarkDrivenBatchEqualsHashBatchAndStreaming(int shape, int parallelism, int events, int rate) {
    String sql = SHAPES[shape][0];
    TableEnvironment onWatermarks = env(RuntimeExecutionMode.BATCH, parallelism, true, events, rate);
    TableEnvironment hashed = env(RuntimeExecutionMode.BATCH, parallelism, false, events, rate);
    TableEnvironment streaming = env(RuntimeExecutionMode.STREAMING, parallelism, true, events, rate);

    String planOn = WatermarkPushDownTest.physical(onWatermarks.explainSql(sql));
    String planOff = WatermarkPushDownTest.physical(hashed.explainSql(sql));
    // nothing holds its windows to the end of the input
    assertThat(planOn).contains(SHAPES[shape][1]).doesNotContain("LocalHashWindowAggregate").doesNotContain("HashJoin");
    assertThat(planOff).contains(SHAPES[shape][2]);
    assertThat(planOff).isNotEqualTo(planOn);

    Map<List<Object>, Integer> expected = finalRows(streaming, sql);
    assertThat(expected).as("rows of shape %d", shape).isNotEmpty();
    assertThat(finalRows(onWatermarks, sql)).as("watermark-driven BATCH").isEqualTo(expected);
    assertThat(finalRows(hashed, sql)).as("hash BATCH").isEqualTo(expected);
  }

  @ParameterizedTest(name = "p={0}")
  @MethodSource("parallelisms")
  void aRowtimeTheSourceDoesNotDeclareAscendingKeepsTheHashPlan(int parallelism) {
    // the combined event table's dateTime spans all event kinds: the source promises no order for it
    String sql = "SELECT event_type, window_start, window_end, COUNT(*) "
        + "FROM TABLE(TUMBLE(TABLE datagen, DESCRIPTOR(dateTime), INTERVAL '1' SECOND)) "
        + "GROUP BY event_type, window_start, window_end";
    TableEnvironment batch = env(RuntimeExecutionMode.BATCH, parallelism, true, 8_000, 10_000);
    assertThat(WatermarkPushDownTest.physical(batch.explainSql(sql))).contains("HashWindowAggregate").doesNotContain("GlobalWindowAggregate");
    Map<List<Object>, Integer> expected =
        finalRows(env(RuntimeExecutionMode.STREAMING, parallelism, true, 8_000, 10_000), sql);
    assertThat(expected).isNotEmpty();
    assertThat(finalRows(batch, sql)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "shape {0}")
  @MethodSource("joinShapes")
  void withBlockingExchangesNoWatermarkArrivesAndEveryWindowFiresAtTheEnd(int shape) {
    // blocking partitions carry no watermarks: the same operators then hold their windows to the end
    String sql = SHAPES[shape][0];
    TableEnvironment blocking = env(RuntimeExecutionMode.BATCH, 2, true, 6_000, 5_000);
    blocking.getConfig().setString("execution.batch-shuffle-mode", "ALL_EXCHANGES_BLOCKING");
    assertThat(WatermarkPushDownTest.physical(blocking.explainSql(sql))).contains(SHAPES[shape][1]);
    Map<List<Object>, Integer> expected = finalRows(env(RuntimeExecutionMode.STREAMING, 2, true, 6_000, 5_000), sql);
    assertThat(expected).isNotEmpty();
    assertThat(finalRows(blocking, sql)).isEqualTo(expected);
  }

  static Stream<Integer> joinShapes() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < SHAPES.length; i++) {
      if (SHAPES[i][1].equals("WindowJoin")) {
        out.add(i);
      }
    }
    return out.stream();
  }

  static Stream<Integer> parallelisms() {
    return Stream.of(1, 2);
  }

  private static TableEnvironment env(RuntimeExecutionMode mode, int parallelism, boolean onWatermarks, int events,
      int rate) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    c.setString(OPTION, Boolean.toString(onWatermarks));
    TableEnvironment env = TableEnvironment.create(c);
    for (String ddl : NexmarkTables.ddl(Map.of("events.num", Integer.toString(events),
        "first-event.rate", Integer.toString(rate)))) {
      env.executeSql(ddl);
    }
    return env;
  }

  /** The final result as a multiset (a STREAMING changelog applied). */
  private static Map<List<Object>, Integer> finalRows(TableEnvironment env, String sql) {
    Map<List<Object>, Integer> out = new HashMap<>();
    for (Row row : env.executeStatement(sql).collectAll()) {
      Object[] fields = new Object[row.getArity()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = row.getField(i);
      }
      List<Object> key = Arrays.asList(fields);
      int d = switch (row.getKind()) {
        case INSERT, UPDATE_AFTER -> 1;
        case UPDATE_BEFORE, DELETE -> -1;
      };
      if (out.merge(key, d, Integer::sum) == 0) {
        out.remove(key);
      }
    }
    return out;
  }
}
