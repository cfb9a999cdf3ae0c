package io.weir.nexmark.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Projection and filter push-down through the Nexmark table's WATERMARK (planner: WatermarkPushDown). */
class WatermarkPushDownTest {
  private static TableEnvironment env(RuntimeExecutionMode mode, int parallelism, boolean pushDown) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    c.setString("table.optimizer.source-pushdown.enabled", Boolean.toString(pushDown));
    return TableEnvironment.create(c);
  }

  private static TableEnvironment nexmark(RuntimeExecutionMode mode, int parallelism, boolean pushDown, int events) {
    TableEnvironment env = env(mode, parallelism, pushDown);
    for (String ddl : NexmarkTables.ddl(Map.of("events.num", Integer.toString(events)))) {
      env.executeSql(ddl);
    }
    return env;
  }

  /** The physical part of an EXPLAIN. */
  static String physical(String explain) {
    int at = explain.indexOf("== Physical Plan");
    assertThat(at).isNotNegative();
    return explain.substring(at);
  }

  @ParameterizedTest
  @CsvSource({"STREAMING", "BATCH"})
  void aViewScanReadsOnlyItsEventKindAndColumn(RuntimeExecutionMode mode) {
    String plan = physical(nexmark(mode, 1, true, 1000).explainSql("SELECT * FROM bid"));
    assertThat(plan).contains("only bid").contains("project=[bid]");
    assertThat(plan).contains("fields=[bid]").doesNotContain("person");
    // the computed rowtime is simplified under the pushed filter
    assertThat(plan).doesNotContain("CASE");
  }

  @Test
  void onlyTheReadFieldsOfTheRowColumnAreProduced() {
    String plan = physical(nexmark(RuntimeExecutionMode.STREAMING, 1, true, 1000)
        .explainSql("SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0"));
    // the rowtime needs dateTime; channel, url, extra and bidder are never built into rows
    assertThat(plan).contains("project=[bid.{auction, price, dateTime}]").contains("only bid");
    // as columns of their own: no nested bid row per event
    assertThat(plan).contains("fields=[bid.auction, bid.price, bid.dateTime]");
  }

  @Test
  void withoutPushDownTheScanBuildsEverything() {
    String plan = physical(nexmark(RuntimeExecutionMode.STREAMING, 1, false, 1000).explainSql("SELECT * FROM bid"));
    assertThat(plan).doesNotContain("only bid").contains("CASE");
  }

  @ParameterizedTest
  @CsvSource({"STREAMING, 1", "STREAMING, 2", "BATCH, 2"})
  void resultsAreTheSameWithAndWithoutPushDown(RuntimeExecutionMode mode, int parallelism) {
    String[] queries = {
        "SELECT auction, price, dateTime FROM bid WHERE MOD(auction, 7) = 0",
        "SELECT window_start, COUNT(*), MAX(price) FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND))"
            + " GROUP BY window_start, window_end",
        "SELECT P.id, COUNT(*) FROM person P JOIN auction A ON P.id = A.seller GROUP BY P.id",
    };
    for (String q : queries) {
      List<Row> pushed = nexmark(mode, parallelism, true, 20_000).executeStatement(q).materialize();
      List<Row> plain = nexmark(mode, parallelism, false, 20_000).executeStatement(q).materialize();
      assertThat(pushed).as(q).isNotEmpty().containsExactlyInAnyOrderElementsOf(plain);
    }
  }

  @Test
  void aWatermarkAheadOfTheRowtimeKeepsTheFilterAboveItInStreaming() {
    String table = "CREATE TABLE ahead (event_type INT, bid " + NexmarkTables.BID_TYPE + ", "
        + "dateTime AS bid.dateTime, WATERMARK FOR dateTime AS dateTime + INTERVAL '1' SECOND) "
        + "WITH ('connector' = 'nexmark', 'events.num' = '1000')";
    String q = "SELECT bid.price, dateTime FROM ahead WHERE event_type = 2";
    TableEnvironment streaming = env(RuntimeExecutionMode.STREAMING, 1, true);
    streaming.executeSql(table);
    String plan = physical(streaming.explainSql(q));
    assertThat(plan).doesNotContain("only bid").contains("where=[=($0, 2)]");
    // BATCH has no late rows: the filter goes into the source
    TableEnvironment batch = env(RuntimeExecutionMode.BATCH, 1, true);
    batch.executeSql(table);
    assertThat(batch.explainSql(q)).contains("only bid");
  }
}
