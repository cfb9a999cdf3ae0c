package io.weir.connectors.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.connectors.datagen.DataGeneratorSource;
import io.weir.connectors.datagen.RateLimiterStrategy;
import io.weir.connectors.file.CsvFormat;
import io.weir.connectors.file.CsvWriterFormat;
import io.weir.connectors.file.FileSink;
import io.weir.connectors.file.FileSource;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.MapFunction;
import io.weir.core.source.Source;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.runtime.execution.JobExecutionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job that fails mid-way restarts from its last checkpoint: the source rewinds to its
 * checkpointed position and the file sink publishes every record exactly once.
 */
class ExactlyOnceRecoveryTest {
  @TempDir Path dir;

  public record Rec(long id, String payload) {}

  /** Failures left to inject; static because the function is copied per subtask. */
  static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

  static final class FailOnce implements MapFunction<Rec, Rec> {
    private final long failAt;

    FailOnce(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public Rec map(Rec r) throws Exception {
      if (r.id() % 4 == 0) {
        Thread.sleep(1); // keep the job running across several checkpoints
      }
      if (r.id() >= failAt && FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("injected failure at " + r.id());
      }
      return r;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "datagen"})
  void failureAndRestartGiveEachRecordExactlyOnce(String sourceKind) throws Exception {
    long n = 3000;
    Source<Rec, ?, ?> source;
    if (sourceKind.equals("file")) {
      Path in = dir.resolve("in");
      Files.createDirectories(in);
      for (int f = 0; f < 3; f++) {
        StringBuilder sb = new StringBuilder("id,payload\n");
        for (long i = f * n / 3; i < (f + 1) * n / 3; i++) {
          sb.append(i).append(",\"p,").append(i).append("\"\n");
        }
        Files.writeString(in.resolve("f" + f + ".csv"), sb.toString());
      }
      source = FileSource.forFormat(CsvFormat.forType(Rec.class), in).build();
    } else {
      source = new DataGeneratorSource<>(i -> new Rec(i, "p," + i), n, RateLimiterStrategy.noLimit(),
          TypeInfo.of(Rec.class));
    }
    FAILURES_LEFT.set(2);
    Path out = dir.resolve("out");
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(2);
    env.enableCheckpointing(50);
    env.setRestartStrategy(5, Duration.ofMillis(20));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "in")
        .map(new FailOnce(n / 2))
        .sinkTo(FileSink.forFormat(out, CsvWriterFormat.forType(Rec.class)).build());
    JobExecutionResult result = env.execute("recovery-" + sourceKind);

    assertThat(FAILURES_LEFT.get()).isZero();
    assertThat(result.counter("restarts")).isEqualTo(2);
    List<Rec> back = new ArrayList<>();
    StreamExecutionEnvironment check = new StreamExecutionEnvironment();
    check.setRuntimeMode(RuntimeExecutionMode.BATCH);
    try (CloseableIterator<Rec> it = check.fromSource(FileSource.forFormat(CsvFormat.forType(Rec.class), out).build(),
        WatermarkStrategy.noWatermarks(), "check").executeAndCollect()) {
      it.forEachRemaining(back::add);
    }
    assertThat(back.stream().map(Rec::id).sorted().toList()).isEqualTo(LongStream.range(0, n).boxed().toList());
    assertThat(back).allSatisfy(r -> assertThat(r.payload()).isEqualTo("p," + r.id()));
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(x -> x.endsWith(".inprogress")).toList()).isEmpty();
    }
  }
}
