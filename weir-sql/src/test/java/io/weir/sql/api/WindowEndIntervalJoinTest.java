package io.weir.sql.api;

import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.runtime.testing.TwoInputOperatorTestHarness;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.operators.IntervalJoinOperator;
import io.weir.sql.runtime.operators.JoinType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The window_end of a window aggregation is an event-time attribute, so Nexmark q7's shape (bids
 * joined to their window's maximum, {@code B.ts BETWEEN M.wend - 10 s AND M.wend}) is an interval
 * join with bounded state instead of a regular join that keeps every bid.
 */
class WindowEndIntervalJoinTest {
  private static final long WINDOW = 10_000;
  private static final long BASE = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
  private static final String Q7 = """
      SELECT B.auction, B.price, B.ts
      FROM bid AS B
      JOIN (
        SELECT MAX(price) AS maxprice, window_end AS wend
        FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY window_start, window_end
      ) AS M
      ON B.price = M.maxprice
      WHERE B.ts BETWEEN M.wend - INTERVAL '10' SECOND AND M.wend""";

  private static TableEnvironment env(String dataId, String mode, int parallelism) {
    Configuration config = new Configuration();
    TableEnvironment env = TableEnvironment.create(config);
    env.executeSql("CREATE TABLE bid (auction BIGINT, price BIGINT, ts TIMESTAMP(3), "
        + "WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'values', 'data-id' = '" + dataId + "');\n"
        + "SET 'execution.runtime-mode' = '" + mode + "';\n"
        + "SET 'parallelism.default' = '" + parallelism + "';\n");
    return env;
  }

  private static LocalDateTime time(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
        ZoneOffset.UTC);
  }

  @Test
  void q7IsPlannedAsAnIntervalJoin() {
    ValuesData.register("window-end-plan", List.of());
    String plan = env("window-end-plan", "streaming", 1).explainSql(Q7);
    assertThat(plan).contains("IntervalJoin(joinType=[INNER]").contains("bounds=[0 ms, 10000 ms]")
        .contains("rightTime=[wend]");
    assertThat(plan.lines().map(String::trim)).noneMatch(l -> l.startsWith("Join("));
  }

  /**
   * Bids nearly in time order (disorder below the 2 s watermark delay, so none is late), with bids
   * exactly on window boundaries at the highest price: a bid at wend - 10 s (its own window's start)
   * and at wend (the next window's start) both match the window ending at wend.
   */
  @ParameterizedTest
  @CsvSource({"1, 1", "2, 1", "3, 2", "4, 2"})
  void sameRowsAsBatchAndAPlainComputation(long seed, int parallelism) {
    Random rnd = new Random(seed);
    List<long[]> bids = new ArrayList<>(); // auction, price, time
    long t = BASE + 3 * WINDOW + rnd.nextInt(3_000);
    long auction = 0;
    for (int i = 0; i < 600; i++) {
      long next = t + rnd.nextInt(500);
      for (long w = (t / WINDOW + 1) * WINDOW; w <= next; w += WINDOW) {
        if (rnd.nextInt(4) != 0) {
          bids.add(new long[] {auction++, 6, w}); // on the boundary, with the top price
        }
      }
      t = next;
      bids.add(new long[] {auction++, 1 + rnd.nextInt(6), t});
    }
    // bounded disorder: swap neighbours less than 1 s apart
    for (int i = 1; i < bids.size(); i++) {
      if (rnd.nextInt(3) == 0 && bids.get(i)[2] - bids.get(i - 1)[2] < 1_000) {
        long[] x = bids.get(i);
        bids.set(i, bids.get(i - 1));
        bids.set(i - 1, x);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (long[] b : bids) {
      rows.add(Row.of(b[0], b[1], time(b[2])));
    }
    String dataId = "window-end-join-" + seed;
    ValuesData.register(dataId, rows);

    // the windows' maxima and the bids within [wend - 10 s, wend] at that price
    Map<Long, Long> maxByEnd = new HashMap<>();
    for (long[] b : bids) {
      maxByEnd.merge(Math.floorDiv(b[2], WINDOW) * WINDOW + WINDOW, b[1], Math::max);
    }
    List<Row> expected = new ArrayList<>();
    int onLower = 0;
    int onUpper = 0;
    for (Map.Entry<Long, Long> m : maxByEnd.entrySet()) {
      long wend = m.getKey();
      for (long[] b : bids) {
        if (b[1] == m.getValue() && b[2] >= wend - WINDOW && b[2] <= wend) {
          expected.add(Row.of(b[0], b[1], time(b[2])));
          onLower += b[2] == wend - WINDOW ? 1 : 0;
          onUpper += b[2] == wend ? 1 : 0;
        }
      }
    }
    assertThat(onLower).as("matches exactly at wend - 10 s").isPositive();
    assertThat(onUpper).as("matches exactly at wend").isPositive();

    List<Row> streaming = env(dataId, "streaming", parallelism).executeStatement(Q7).materialize();
    List<Row> batch = env(dataId, "batch", parallelism).executeStatement(Q7).materialize();
    assertThat(streaming).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(batch).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** OVER ordered by window_end, which STREAMING rejected while window_end was no time attribute. */
  @Test
  void overOrderedByWindowEndMatchesBatch() {
    Random rnd = new Random(5);
    List<Row> rows = new ArrayList<>();
    Map<Long, Long> maxByEnd = new java.util.TreeMap<>();
    long t = BASE;
    for (int i = 0; i < 300; i++) {
      t += rnd.nextInt(400);
      long price = rnd.nextInt(1_000);
      rows.add(Row.of((long) i, price, time(t)));
      maxByEnd.merge(Math.floorDiv(t, WINDOW) * WINDOW + WINDOW, price, Math::max);
    }
    ValuesData.register("window-end-over", rows);
    String q = """
        SELECT wend, maxprice, SUM(maxprice) OVER (ORDER BY wend ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        FROM (
          SELECT MAX(price) AS maxprice, window_end AS wend
          FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
          GROUP BY window_start, window_end)""";
    List<Row> expected = new ArrayList<>();
    long sum = 0;
    for (Map.Entry<Long, Long> m : maxByEnd.entrySet()) {
      sum += m.getValue();
      expected.add(Row.of(time(m.getKey()), m.getValue(), sum));
    }
    TableEnvironment streaming = env("window-end-over", "streaming", 1);
    assertThat(streaming.explainSql(q)).contains("OverAggregate(");
    assertThat(streaming.executeStatement(q).materialize()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(env("window-end-over", "batch", 1).executeStatement(q).materialize())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * q7's interval join (bids left, window maxima right, r.time - l.time in [0, 10 s]) keeps a bid
   * only until the watermark is 10 s past it, and a window's row until the watermark reaches it.
   */
  @ParameterizedTest
  @CsvSource({"1", "2", "3"})
  void stateIsDroppedBehindTheWatermark(long seed) throws Exception {
    RowTypeInfo bidType = new RowTypeInfo(Types.LONG, Types.LONG, Types.LONG); // auction, price, time ms
    RowTypeInfo maxType = new RowTypeInfo(Types.LONG, Types.LONG); // maxprice, wend ms
    FieldsKeySelector bidKey = new FieldsKeySelector(1);
    FieldsKeySelector maxKey = new FieldsKeySelector(0);
    var op = new IntervalJoinOperator(JoinType.INNER, bidType, maxType, 2, 1, 0, WINDOW, null);
    var h = new TwoInputOperatorTestHarness<>(op, bidKey, maxKey, bidKey.keyType(bidType));
    h.open();
    IntervalJoinOperator running = (IntervalJoinOperator) h.getOperator();
    Random rnd = new Random(seed);
    long t = 0;
    long maxHeld = 0;
    List<Row> expected = new ArrayList<>();
    List<Row> windowBids = new ArrayList<>();
    for (int w = 1; w <= 30; w++) {
      long wend = w * WINDOW;
      long max = 0;
      for (int i = 0; i < 50; i++) {
        t = wend - WINDOW + rnd.nextInt((int) WINDOW);
        Row bid = Row.of((long) (w * 100 + i), (long) rnd.nextInt(1_000_000), t);
        max = Math.max(max, (Long) bid.getField(1));
        windowBids.add(bid);
        h.processElement1(bid, t);
      }
      h.processWatermark(wend - 2);
      h.processElement2(Row.of(max, wend), wend - 1);
      for (Row b : windowBids) {
        if ((Long) b.getField(1) == max) {
          expected.add(Row.of(b.getField(0), b.getField(1), b.getField(2), max, wend));
        }
      }
      windowBids.clear();
      h.processWatermark(wend - 1);
      maxHeld = Math.max(maxHeld, running.bufferedRows());
    }
    // at most the bids of the last 10 s (two windows) and one window row are held at any time
    assertThat(maxHeld).isGreaterThan(0).isLessThanOrEqualTo(2 * 50 + 1);
    h.processWatermark(31 * WINDOW + WINDOW);
    assertThat(running.bufferedRows()).isZero();
    var snapshot = h.snapshot(1);
    assertThat(snapshot.keyedState).isEmpty();
    assertThat(snapshot.timers).isEmpty();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(30);
    assertThat(h.extractOutputValues()).containsExactlyInAnyOrderElementsOf(expected);
    h.close();
  }

  /** Checkpoint/restore after every item, and BATCH, with q7's bounds and windows' rows on the boundaries. */
  @Test
  void boundaryMatchesSurviveSnapshotRestore() throws Exception {
    RowTypeInfo bidType = new RowTypeInfo(Types.LONG, Types.LONG, Types.LONG);
    RowTypeInfo maxType = new RowTypeInfo(Types.LONG, Types.LONG);
    FieldsKeySelector bidKey = new FieldsKeySelector(1);
    FieldsKeySelector maxKey = new FieldsKeySelector(0);
    List<Object> items = List.of(
        record1(Row.of(1L, 7L, 0L), 0), // on wend - 10 s of the window ending 10 s
        record1(Row.of(2L, 7L, 5_000L), 5_000),
        record1(Row.of(3L, 5L, 6_000L), 6_000),
        record1(Row.of(4L, 7L, 10_000L), 10_000), // on wend of the window ending 10 s
        OperatorTestSupport.watermark(9_999),
        record2(Row.of(7L, 10_000L), 9_999),
        record1(Row.of(5L, 7L, 12_000L), 12_000),
        OperatorTestSupport.watermark(19_999),
        record2(Row.of(7L, 20_000L), 19_999),
        OperatorTestSupport.watermark(30_000));
    List<Object> expected = List.of(
        Row.of(1L, 7L, 0L, 7L, 10_000L), Row.of(2L, 7L, 5_000L, 7L, 10_000L), Row.of(4L, 7L, 10_000L, 7L, 10_000L),
        Row.of(4L, 7L, 10_000L, 7L, 20_000L), Row.of(5L, 7L, 12_000L, 7L, 20_000L));
    OperatorTestSupport.forKeyedTwoInputOperator(
            new IntervalJoinOperator(JoinType.INNER, bidType, maxType, 2, 1, 0, WINDOW, null), bidKey, maxKey,
            bidKey.keyType(bidType))
        .input(items)
        .expectOutput(new ArrayList<>(expected))
        .ignoreOrder()
        .expectBatchOutput(new ArrayList<>(expected))
        .run();
  }
}
