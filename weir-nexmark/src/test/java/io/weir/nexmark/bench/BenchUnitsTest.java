package io.weir.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.sql.catalog.Column;
import io.weir.sql.catalog.LogicalType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's pieces without running jobs. */
class BenchUnitsTest {
  private static final List<String> NAMES = List.of("q0", "q1", "q2", "q3");

  @Test
  void queriesExpandAllAndAcceptBareNumbers() {
    assertThat(NexmarkRunner.parseQueries("all", NAMES)).isEqualTo(NAMES);
    assertThat(NexmarkRunner.parseQueries(" Q1, 2 ,generator", NAMES)).containsExactly("q1", "q2", "generator");
    assertThat(NexmarkRunner.parseQueries("generator,all", NAMES)).containsExactly("generator", "q0", "q1", "q2", "q3");
  }

  @Test
  void anUnknownQueryIsNamed() {
    assertThatThrownBy(() -> NexmarkRunner.parseQueries("q1,q99", NAMES))
        .hasMessageContaining("unknown query 'q99'").hasMessageContaining("q0 ... q3");
    assertThatThrownBy(() -> NexmarkRunner.parseQueries(" , ", NAMES)).hasMessageContaining("no query");
  }

  @Test
  void theSinkOptionsAreReplacedKeepingColumnsAndPartitioning() {
    String ddl = "-- a comment with 'quotes' and WITH ( inside\nCREATE TABLE nexmark_q10 (\n  a BIGINT,\n  `with` STRING\n)"
        + " PARTITIONED BY (a) WITH (\n  'connector' = 'filesystem',\n  'path' = '/x/WITH (y)'\n);";
    String out = SinkDdl.withOptions(ddl, Map.of("connector", "blackhole"));
    assertThat(out).endsWith("PARTITIONED BY (a) WITH ('connector' = 'blackhole')").contains("`with` STRING")
        .doesNotContain("filesystem");
    assertThat(SinkDdl.withOptions("CREATE TABLE t (a INT) with ('connector'='x')", Map.of("k", "it's")))
        .isEqualTo("CREATE TABLE t (a INT) WITH ('k' = 'it''s')");
    assertThatThrownBy(() -> SinkDdl.withOptions("CREATE TABLE t (a INT)", Map.of())).hasMessageContaining("no WITH");
  }

  @Test
  void retractionsCancelAcrossWriters(@TempDir Path dir) throws Exception {
    try (ResultTableFactory.Collector c = ResultTableFactory.Collector.open()) {
      Map<Row, Long> first = new HashMap<>();
      first.put(Row.of("a", 1L), 1L);
      first.put(Row.of("b", 2L), 2L);
      Map<Row, Long> second = new HashMap<>();
      // the retraction of a row another writer added
      second.put(Row.of("b", 2L), -1L);
      second.put(Row.of("c, d", null), 1L);
      c.merge(first);
      c.merge(second);
      Path file = dir.resolve("q").resolve("result.csv");
      c.writeCsv(file, List.of("name", "n"));
      assertThat(Files.readAllLines(file)).containsExactly("name,n", "\"c, d\",", "a,1", "b,2");
      c.merge(Map.of(Row.of("z", 0L), -1L));
      assertThatThrownBy(c::rows).hasMessageContaining("retracts a row that is not in the result");
    }
  }

  @Test
  void latencyTimeFollowsTheQueryTableThenDateTime() {
    LogicalType ts = LogicalType.withPrecision(LogicalType.Kind.TIMESTAMP, 3);
    LogicalType big = LogicalType.of(LogicalType.Kind.BIGINT);
    assertThat(NexmarkRunner.latencyTimeOptions("q8", List.of(Column.physical("stime", ts))))
        .containsEntry("time-column", "stime").containsEntry("time-offset", "10 s");
    assertThat(NexmarkRunner.latencyTimeOptions("q99", List.of(Column.physical("a", big), Column.physical("DateTime", ts))))
        .containsExactlyEntriesOf(Map.of("time-column", "DateTime"));
    assertThat(NexmarkRunner.latencyTimeOptions("q2", List.of(Column.physical("auction", big)))).isEmpty();
  }

  @Test
  void humanOutputTableAndGeneratorRatio() {
    QueryResult gen = new QueryResult("generator", "streaming", 1, 1_000_000, 0.5, 0.5, 100, null);
    QueryResult q0 = new QueryResult("q0", "streaming", 1, 1_000_000, 1.0, 2.0, 200, null);
    QueryResult lat = new QueryResult("q1", "streaming", 1, 1_000, 1.0, 2.0, 200, new LatencyStats(10, 1, 2, 3, 4));
    assertThat(ResultFormat.humanLine(q0)).contains("q0", "1,000,000 events", "1,000,000 events/s", "500,000 events/core-s");
    assertThat(ResultFormat.humanLine(lat)).contains("p50 1.0 ms", "p99 2.0 ms", "p99.9 3.0 ms", "max 4.0 ms");
    String table = ResultFormat.table(List.of(gen, q0, lat));
    String[] lines = table.split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).contains("events/s", "events/core-s", "peak heap MB", "p99.9 ms");
    assertThat(lines[2].length()).isEqualTo(lines[0].length()).isEqualTo(lines[4].length());
    assertThat(ResultFormat.generatorRatio(List.of(gen, q0))).startsWith("q0 / generator: 0.50");
    assertThat(ResultFormat.generatorRatio(List.of(q0))).isNull();
    QueryResult none = new QueryResult("q7", "streaming", 1, 1_000, 1.0, 2.0, 200, new LatencyStats(0, 0, 0, 0, 0));
    assertThat(ResultFormat.humanLine(none)).contains("no result row measured");
    assertThat(ResultFormat.json(none)).contains("\"latency_count\":0", "\"latency_p50_ms\":null");
  }

  @Test
  void retractionRowsAreNotMeasuredButInsertsAre() {
    try (LatencyRecorder rec = LatencyRecorder.open()) {
      long now = System.nanoTime();
      // every event time was due 5 ms ago
      rec.schedule(t -> now - 5_000_000L);
      LatencyTableFactory.LatencyWriter w = new LatencyTableFactory.LatencyWriter(rec, new int[] {0}, 0, false);
      java.time.LocalDateTime t = java.time.LocalDateTime.of(2015, 7, 15, 0, 0);
      Row insert = Row.of(t);
      Row retract = Row.of(t);
      retract.setKind(RowKind.UPDATE_BEFORE);
      Row noTime = Row.of((Object) null);
      w.write(insert, null);
      w.write(retract, null);
      w.write(noTime, null);
      w.close();
      assertThat(rec.stats().count()).isEqualTo(1);
      assertThat(rec.stats().p50Ms()).isBetween(5.0, 5_000.0);
      assertThat(rec.skipped()).isEqualTo(1);
    }
  }
}
