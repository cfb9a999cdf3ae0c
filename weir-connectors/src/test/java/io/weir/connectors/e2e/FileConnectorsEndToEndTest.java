package io.weir.connectors.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.weir.connectors.datagen.DataGeneratorSource;
import io.weir.connectors.datagen.RateLimiterStrategy;
import io.weir.connectors.file.BadRecordPolicy;
import io.weir.connectors.file.CsvFormat;
import io.weir.connectors.file.CsvWriterFormat;
import io.weir.connectors.file.FileSink;
import io.weir.connectors.file.FileSource;
import io.weir.connectors.file.JsonLinesFormat;
import io.weir.connectors.file.JsonLinesWriterFormat;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.datastream.sinks.DiscardingSink;
import io.weir.runtime.execution.JobClient;
import io.weir.runtime.execution.JobExecutionException;
import io.weir.runtime.execution.JobExecutionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** File source, file sink and data generator run through the DataStream API and the engine. */
class FileConnectorsEndToEndTest {
  @TempDir Path dir;

  public record Order(long id, String customer, double price, LocalDate day) {}

  private static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.setRuntimeMode(mode);
    env.setParallelism(parallelism);
    return env;
  }

  private List<Order> writeOrders(Path d, int files, int perFile, long seed) throws IOException {
    Random rnd = new Random(seed);
    List<Order> all = new ArrayList<>();
    long id = 0;
    for (int f = 0; f < files; f++) {
      StringBuilder sb = new StringBuilder("id,customer,price,day\n");
      for (int i = 0; i < perFile; i++) {
        Order o = new Order(id++, "c\"" + rnd.nextInt(50) + ",x", rnd.nextInt(10000) / 100.0,
            LocalDate.ofEpochDay(19000 + rnd.nextInt(100)));
        all.add(o);
        sb.append(o.id()).append(",\"").append(o.customer().replace("\"", "\"\"")).append("\",")
            .append(o.price()).append(',').append(o.day()).append('\n');
      }
      Path p = d.resolve("sub" + (f % 2)).resolve("orders-" + f + ".csv");
      Files.createDirectories(p.getParent());
      Files.writeString(p, sb.toString());
    }
    return all;
  }

  private static <T> List<T> collect(CloseableIterator<T> it) throws Exception {
    List<T> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void csvDirectoryIntoRecords(RuntimeExecutionMode mode) throws Exception {
    List<Order> expected = writeOrders(dir, 5, 300, 1);
    StreamExecutionEnvironment env = env(mode, 2);
    FileSource<Order> source = FileSource.forFormat(CsvFormat.forType(Order.class), dir).build();
    List<Order> got = collect(env.fromSource(source, WatermarkStrategy.noWatermarks(), "orders").executeAndCollect());
    got.sort(Comparator.comparingLong(Order::id));
    assertThat(got).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void jsonLinesIntoRows(RuntimeExecutionMode mode) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      sb.append("{\"user\":\"u").append(i % 7).append("\",\"n\":").append(i).append("}\n");
    }
    Files.writeString(dir.resolve("events.json"), sb.toString());
    StreamExecutionEnvironment env = env(mode, 2);
    FileSource<Row> source = FileSource.forFormat(
        JsonLinesFormat.forRows(new String[] {"user", "n"}, Types.STRING, Types.LONG), dir.resolve("events.json")).build();
    List<Row> rows = collect(env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
        .filter(r -> r.<Long>getFieldAs(1) % 2 == 0)
        .executeAndCollect());
    assertThat(rows).hasSize(250);
    assertThat(rows.stream().map(r -> (Long) r.getField(1)).sorted().toList())
        .isEqualTo(LongStream.range(0, 500).filter(i -> i % 2 == 0).boxed().toList());
    assertThat(rows).allSatisfy(r -> assertThat(r.getField(0)).isEqualTo("u" + ((Long) r.getField(1) % 7)));
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void badLineFailsTheJobNamingFileLineAndColumn(RuntimeExecutionMode mode) throws Exception {
    StringBuilder sb = new StringBuilder("id,customer,price,day\n");
    for (int i = 2; i <= 30; i++) {
      sb.append(i).append(",c,").append(i == 17 ? "abc" : "1.5").append(",2024-01-01\n");
    }
    Path f = dir.resolve("orders.csv");
    Files.writeString(f, sb.toString());
    StreamExecutionEnvironment env = env(mode, 1);
    env.fromSource(FileSource.forFormat(CsvFormat.forType(Order.class), f).build(),
        WatermarkStrategy.noWatermarks(), "orders").sinkTo(new DiscardingSink<>());
    assertThatThrownBy(env::execute)
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining(f + ":17: column 3 'price': cannot parse 'abc' as DOUBLE")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void skipModeCountsBadLinesAndKeepsEveryGoodOne(RuntimeExecutionMode mode) throws Exception {
    Random rnd = new Random(5);
    List<Long> good = new ArrayList<>();
    int bad = 0;
    for (int f = 0; f < 3; f++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 400; i++) {
        long id = f * 1000L + i;
        if (rnd.nextInt(10) == 0) {
          bad++;
          sb.append(rnd.nextBoolean() ? "{\"id\":\"oops\"}" : "{\"id\":").append('\n');
        } else {
          good.add(id);
          sb.append("{\"id\":").append(id).append(",\"customer\":\"c\",\"price\":1.0,\"day\":\"2024-02-02\"}\n");
        }
      }
      Files.writeString(dir.resolve("part" + f + ".json"), sb.toString());
    }
    Path out = dir.resolve("out");
    StreamExecutionEnvironment env = env(mode, 2);
    env.fromSource(FileSource.forFormat(JsonLinesFormat.forType(Order.class), dir.resolve("part0.json"),
                dir.resolve("part1.json"), dir.resolve("part2.json"))
            .onBadRecord(BadRecordPolicy.SKIP).build(), WatermarkStrategy.noWatermarks(), "orders-in")
        .sinkTo(FileSink.forFormat(out, CsvWriterFormat.forType(Order.class)).build());
    JobExecutionResult result = env.execute("skip");
    assertThat(result.counter("skipped-records.orders-in")).isEqualTo(bad).isGreaterThan(0);
    List<Long> written = readCsvOutput(out).stream().map(Order::id).sorted().toList();
    assertThat(written).isEqualTo(good);
  }

  private List<Order> readCsvOutput(Path out) throws Exception {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    return collect(env.fromSource(FileSource.forFormat(CsvFormat.forType(Order.class), out).build(),
        WatermarkStrategy.noWatermarks(), "check").executeAndCollect());
  }

  @Test
  void continuousMonitoringPicksUpAFileAddedLater() throws Exception {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.csv"), "id,customer,price,day\n1,a,1.0,2024-01-01\n2,b,2.0,2024-01-02\n");
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING, 2);
    FileSource<Order> source = FileSource.forFormat(CsvFormat.forType(Order.class), in)
        .monitorContinuously(Duration.ofMillis(50)).build();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (CloseableIterator<Order> it =
          env.fromSource(source, WatermarkStrategy.noWatermarks(), "monitored").executeAndCollect()) {
        List<Long> ids = new ArrayList<>();
        ids.add(it.next().id());
        ids.add(it.next().id());
        assertThat(ids).containsExactlyInAnyOrder(1L, 2L);
        // Written under a hidden name and renamed when complete, as a well-behaved producer does.
        Files.writeString(in.resolve(".b.csv.tmp"), "id,customer,price,day\n3,c,3.0,2024-01-03\n");
        Files.move(in.resolve(".b.csv.tmp"), in.resolve("b.csv"));
        assertThat(it.next().id()).isEqualTo(3L);
      }
    });
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void fileSinkWritesEveryRecordExactlyOnce(RuntimeExecutionMode mode) throws Exception {
    Path out = dir.resolve("out");
    StreamExecutionEnvironment env = env(mode, 3);
    long n = 20_000;
    env.fromSource(new DataGeneratorSource<>(i -> new Order(i, "c" + (i % 13), i / 4.0, LocalDate.ofEpochDay(i % 400)),
            n, RateLimiterStrategy.noLimit(), TypeInfo.of(Order.class)), WatermarkStrategy.noWatermarks(), "gen")
        .sinkTo(FileSink.forFormat(out, JsonLinesWriterFormat.forType(Order.class)).withMaxPartSize(64 * 1024).build());
    env.execute();
    List<String> names;
    try (Stream<Path> s = Files.list(out)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).isNotEmpty().allMatch(name -> name.matches("part-[0-2]-\\d+\\.json"));
    assertThat(names.size()).isGreaterThan(3); // rolled by size
    StreamExecutionEnvironment check = env(RuntimeExecutionMode.BATCH, 2);
    List<Order> back = collect(check.fromSource(FileSource.forFormat(JsonLinesFormat.forType(Order.class), out).build(),
        WatermarkStrategy.noWatermarks(), "check").executeAndCollect());
    assertThat(back.stream().map(Order::id).sorted().toList()).isEqualTo(LongStream.range(0, n).boxed().toList());
    assertThat(back).allSatisfy(o -> assertThat(o).isEqualTo(
        new Order(o.id(), "c" + (o.id() % 13), o.id() / 4.0, LocalDate.ofEpochDay(o.id() % 400))));
  }

  /**
   * STREAMING with checkpoints: files appear only through commits, so every file visible while
   * the job runs is complete and never changes afterwards.
   */
  @Test
  void streamingFileSinkPublishesOnlyCompleteCommittedFiles() throws Exception {
    Path out = dir.resolve("out");
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING, 2);
    env.enableCheckpointing(100);
    long n = 1500;
    env.fromSource(new DataGeneratorSource<>(i -> new Order(i, "c", 1.0, LocalDate.EPOCH), n,
            RateLimiterStrategy.perSecond(1000), TypeInfo.of(Order.class)), WatermarkStrategy.noWatermarks(), "gen")
        .sinkTo(FileSink.forFormat(out, CsvWriterFormat.forType(Order.class)).build());
    JobClient client = env.executeAsync("committed-files");
    Map<String, String> seen = new HashMap<>();
    int observations = 0;
    while (!client.getJobExecutionResult().isDone()) {
      if (Files.isDirectory(out)) {
        try (Stream<Path> s = Files.list(out)) {
          for (Path p : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
            String content = Files.readString(p);
            String before = seen.putIfAbsent(p.getFileName().toString(), content);
            assertThat(before == null || before.equals(content)).as("published file changed: " + p).isTrue();
            assertThat(content).startsWith("id,customer,price,day\n").endsWith("\n");
            observations++;
          }
        }
      }
      Thread.sleep(20);
    }
    JobExecutionResult result = client.getJobExecutionResult().get(30, TimeUnit.SECONDS);
    assertThat(result.counter("checkpoints.completed")).isGreaterThan(0);
    assertThat(observations).as("files were published while the job ran").isGreaterThan(0);
    List<Order> back = readCsvOutput(out);
    assertThat(back.stream().map(Order::id).sorted().toList()).isEqualTo(LongStream.range(0, n).boxed().toList());
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(x -> x.startsWith(".")).toList())
          .as("no hidden leftovers").isEmpty();
    }
    Map<String, String> after = new HashMap<>();
    for (String name : seen.keySet()) {
      after.put(name, Files.readString(out.resolve(name)));
    }
    assertThat(after).isEqualTo(seen);
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void dataGeneratorBoundedCount(RuntimeExecutionMode mode) throws Exception {
    StreamExecutionEnvironment env = env(mode, 3);
    List<Long> got = collect(env.fromSource(
            new DataGeneratorSource<>(i -> i * 2, 10_001, RateLimiterStrategy.noLimit(), Types.LONG),
            WatermarkStrategy.noWatermarks(), "gen").executeAndCollect());
    assertThat(got.stream().sorted().toList())
        .isEqualTo(LongStream.range(0, 10_001).map(i -> i * 2).boxed().toList());
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void dataGeneratorRateLimit(RuntimeExecutionMode mode) throws Exception {
    StreamExecutionEnvironment env = env(mode, 2);
    long start = System.nanoTime();
    List<String> got = collect(env.fromSource(
            new DataGeneratorSource<>(i -> "e" + i, 200, RateLimiterStrategy.perSecond(100), Types.STRING),
            WatermarkStrategy.noWatermarks(), "slow").executeAndCollect());
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(got).hasSize(200).doesNotHaveDuplicates();
    // 200 records at 100/s: the last one is due after ~2 s; the wall clock is only a lower bound.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(1500);
  }

  @Test
  void unboundedGeneratorIsRejectedInBatchMode() {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    env.fromSource(new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, RateLimiterStrategy.noLimit(), Types.LONG),
        WatermarkStrategy.noWatermarks(), "forever").sinkTo(new DiscardingSink<>());
    assertThatThrownBy(env::execute).hasMessageContaining("forever").hasMessageContaining("BATCH");
  }

  @Test
  void unboundedGeneratorRunsUntilCancelledInStreaming() throws Exception {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING, 2);
    List<Long> first = env.fromSource(
            new DataGeneratorSource<>(i -> i, Long.MAX_VALUE, RateLimiterStrategy.noLimit(), Types.LONG),
            WatermarkStrategy.noWatermarks(), "forever")
        .executeAndCollect(5000);
    assertThat(first).hasSize(5000).doesNotHaveDuplicates();
    assertThat(first.stream().collect(Collectors.toSet())).allMatch(i -> i >= 0);
  }
}
