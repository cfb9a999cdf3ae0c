package io.weir.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.core.config.RuntimeExecutionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real Nexmark queries through the runner at small N; no timing assertions. */
class NexmarkRunnerTest {
  private static final long N = 20_000;
  private static final NexmarkWorkload WORKLOAD = new NexmarkWorkload();

  /**
   * Bids among the first n events, from the id skeleton alone (nexmark-spec 2.2): event k has id
   * k + 2 and is a bid when id mod 50 >= 4.
   */
  static long bidsIn(long n) {
    long bids = 0;
    for (long k = 0; k < n; k++) {
      if ((k + 2) % 50 >= 4) {
        bids++;
      }
    }
    return bids;
  }

  @Test
  void everyFigureOfEveryQueryIsPositiveAndTheJsonHasExactlyTheContractFields() throws Exception {
    NexmarkRunner runner = new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(N));
    ObjectMapper json = new ObjectMapper();
    for (String q : List.of("q0", "q2")) {
      QueryResult r = runner.run(q);
      assertThat(r.query()).isEqualTo(q);
      assertThat(r.events()).isEqualTo(N);
      assertThat(r.wallSeconds()).isPositive();
      assertThat(r.cpuSeconds()).isPositive();
      assertThat(r.peakHeapMb()).isPositive();
      assertThat(r.latency()).isNull();
      JsonNode o = json.readTree(ResultFormat.json(r));
      List<String> fields = new ArrayList<>();
      o.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactly("query", "mode", "parallelism", "events", "wall_s", "events_per_s", "cpu_s",
          "events_per_core_s", "peak_heap_mb");
      assertThat(o.get("events").asLong()).isEqualTo(N);
      assertThat(o.get("mode").asText()).isEqualTo("streaming");
      assertThat(o.get("events_per_s").asDouble()).isPositive();
      assertThat(o.get("events_per_core_s").asDouble()).isPositive();
    }
  }

  @Test
  void outputOfQ0AndOfQ10sPartitionedSinkHoldOneRowPerBid(@TempDir Path out) throws Exception {
    long n = 10_000;
    NexmarkRunner runner = new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(n).withOutput(out));
    runner.run("q0");
    List<String> rows = dataLines(out.resolve("q0"));
    assertThat(rows).hasSize((int) bidsIn(n));
    // auction, bidder, price, dateTime, extra
    assertThat(rows.get(0).split(",", -1).length).isGreaterThanOrEqualTo(5);
    // q10 keeps its own filesystem sink (partitions dt=.../hm=...), copied out of its work directory
    runner.run("q10");
    assertThat(dataLines(out.resolve("q10"))).hasSize((int) bidsIn(n));
    assertThat(out.resolve("q10").resolve("dt=2015-07-15")).isDirectory();
  }

  @Test
  void outputOfQ2KeepsOnlyAuctionsDivisibleBy123InBothModes(@TempDir Path out) throws Exception {
    long n = 10_000;
    List<String> streaming = new ArrayList<>();
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      Path dir = out.resolve(mode.name());
      new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(n).withMode(mode).withOutput(dir)).run("q2");
      List<String> rows = dataLines(dir.resolve("q2"));
      assertThat(rows).isNotEmpty();
      for (String row : rows) {
        assertThat(Long.parseLong(row.split(",")[0]) % 123).isZero();
      }
      rows.sort(null);
      if (streaming.isEmpty()) {
        streaming.addAll(rows);
      } else {
        assertThat(rows).isEqualTo(streaming);
      }
    }
  }

  @Test
  void anUpdatingResultIsWrittenAsItsFinalRows(@TempDir Path out) throws Exception {
    long n = 10_000;
    // q15 aggregates per day: in STREAMING an updating result, materialized into result.csv
    new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(n).withOutput(out)).run("q15");
    List<String> lines = Files.readAllLines(out.resolve("q15").resolve("result.csv"));
    assertThat(lines.get(0)).startsWith("day,total_bids,");
    // 10,000 events at 10,000 events/s span one second of one day: one row counting every bid
    assertThat(lines).hasSize(2);
    assertThat(Long.parseLong(lines.get(1).split(",")[1])).isEqualTo(bidsIn(n));
  }

  @Test
  void latencyModeMeasuresEveryBidOfQ0(@TempDir Path unused) throws Exception {
    NexmarkRunner runner = new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(20_000).withRate(20_000).withLatency(true));
    QueryResult r = runner.run("q0");
    LatencyStats l = r.latency();
    assertThat(l).isNotNull();
    assertThat(l.count()).isEqualTo(bidsIn(20_000));
    assertThat(l.p50Ms()).isLessThanOrEqualTo(l.p99Ms());
    assertThat(l.p99Ms()).isLessThanOrEqualTo(l.p999Ms());
    assertThat(l.p999Ms()).isLessThanOrEqualTo(l.maxMs());
    // rate-limited: 20,000 events at 20,000 events/s cannot finish much under a second
    assertThat(r.wallSeconds()).isGreaterThan(0.9);
    assertThat(ResultFormat.json(r)).contains("\"latency_p50_ms\"", "\"latency_p99_ms\"", "\"latency_p999_ms\"");
  }

  @Test
  void generatorBaselineAndCheckpointedAndBatchRunsComplete() throws Exception {
    QueryResult gen = new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(N).withParallelism(2)).run(NexmarkRunner.GENERATOR);
    assertThat(gen.events()).isEqualTo(N);
    assertThat(gen.parallelism()).isEqualTo(2);
    assertThat(gen.wallSeconds()).isPositive();
    Set<Path> tempBefore = checkpointDirs();
    // Rate-limited (latency mode) so that the job lasts about a second of wall time however loaded
    // the machine is: as fast as possible, 200,000 events may end before the first checkpoint.
    QueryResult checkpointed = new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(200_000).withRate(200_000)
        .withLatency(true).withCheckpointInterval(Duration.ofMillis(20))).run("q1");
    assertThat(checkpointed.events()).isEqualTo(200_000);
    assertThat(checkpointed.wallSeconds()).isGreaterThan(0.9);
    assertThat(checkpointed.checkpoints()).isPositive();
    assertThat(ResultFormat.humanLine(checkpointed)).containsPattern("; \\d+ checkpoints?");
    assertThat(checkpointDirs()).as("the checkpoint directory is removed").isEqualTo(tempBefore);
    QueryResult batch = new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(N).withMode(RuntimeExecutionMode.BATCH)
        .withWarmupEvents(1_000)).run("q1");
    assertThat(batch.mode()).isEqualTo("batch");
    assertThat(batch.wallSeconds()).isPositive();
  }

  private static Set<Path> checkpointDirs() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return Set.copyOf(s.filter(p -> p.getFileName().toString().startsWith("weir-nexmark-checkpoints-")).toList());
    }
  }

  /** The data lines of the visible csv files under dir (header lines dropped). */
  static List<String> dataLines(Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
          .toList()) {
        List<String> lines = Files.readAllLines(f);
        // the runner's csv files start with a header; q10's own sink writes none
        boolean header = !lines.isEmpty() && !Character.isDigit(lines.get(0).charAt(0));
        rows.addAll(header ? lines.subList(1, lines.size()) : lines);
      }
    }
    return rows;
  }
  @Test
  void toolTableOptionsAreGivenToTheJobExceptInLatencyModeUnlessAskedFor() {
    NexmarkRunner.Settings plain = NexmarkRunner.Settings.of(N);
    assertThat(new NexmarkRunner(WORKLOAD, plain).jobConfiguration(null).toMap())
        .containsAllEntriesOf(NexmarkRunner.TOOL_TABLE_OPTIONS)
        .containsEntry("table.exec.mini-batch.enabled", "true");
    assertThat(new NexmarkRunner(WORKLOAD, plain.withToolOptions(false)).jobConfiguration(null).toMap())
        .doesNotContainKey("table.exec.mini-batch.enabled");
    NexmarkRunner.Settings latency = plain.withLatency(true);
    assertThat(latency.toolOptions()).isFalse();
    assertThat(new NexmarkRunner(WORKLOAD, latency.withToolOptions(true)).jobConfiguration(null).toMap())
        .containsAllEntriesOf(NexmarkRunner.TOOL_TABLE_OPTIONS);
  }

  @Test
  void optionsGivenToTheRunnerWinOverTheToolOptions() {
    var conf = new NexmarkRunner(WORKLOAD, NexmarkRunner.Settings.of(N))
        .withOptions(Map.of("table.exec.mini-batch.enabled", "false", "table.optimizer.batch-windows-on-watermarks", "false"))
        .jobConfiguration(null).toMap();
    assertThat(conf).containsEntry("table.exec.mini-batch.enabled", "false")
        .containsEntry("table.optimizer.batch-windows-on-watermarks", "false")
        .containsEntry("table.exec.mini-batch.size", NexmarkRunner.TOOL_TABLE_OPTIONS.get("table.exec.mini-batch.size"));
  }

  @Test
  void q4sFinalResultIsTheSameWithAndWithoutMiniBatch(@TempDir Path out) throws Exception {
    long n = 30_000;
    NexmarkRunner.Settings s = NexmarkRunner.Settings.of(n).withParallelism(2);
    new NexmarkRunner(WORKLOAD, s.withOutput(out.resolve("on"))).run("q4");
    new NexmarkRunner(WORKLOAD, s.withToolOptions(false).withOutput(out.resolve("off"))).run("q4");
    List<String> on = Files.readAllLines(out.resolve("on").resolve("q4").resolve("result.csv"));
    List<String> off = Files.readAllLines(out.resolve("off").resolve("q4").resolve("result.csv"));
    assertThat(off).hasSizeGreaterThan(2);
    assertThat(on).containsExactlyInAnyOrderElementsOf(off);
  }
}
