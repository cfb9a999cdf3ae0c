package io.weir.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.connectors.datagen.DataGeneratorSource;
import io.weir.connectors.datagen.RateLimiterStrategy;
import io.weir.connectors.file.CsvWriterFormat;
import io.weir.connectors.file.FileSink;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.runtime.execution.JobExecutionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A STREAMING job whose user function throws at random points, several times, must end with the
 * same keyed state and the same exactly-once file sink output as a fault-free run: sources rewind
 * to the checkpoint, state is restored, and output after the checkpoint is never published twice.
 */
class FaultInjectionTest {
  static final int RECORDS = 12_000;
  static final int FAILURES = 3;

  /** Failure schedules by run id: thresholds on the number of records processed across attempts. */
  static final Map<String, long[]> SCHEDULES = new ConcurrentHashMap<>();
  static final Map<String, AtomicLong> PROCESSED = new ConcurrentHashMap<>();

  @TempDir Path tmp;

  public record KeySum(String key, long count, long sum) {}

  /** Both checkpoint paths: asynchronous copy-on-write snapshots (the default) and synchronous ones. */
  @ParameterizedTest(name = "seed={0}, async snapshots={1}")
  @CsvSource({"7, true", "42, false"})
  void outputAndStateAfterFailuresEqualAFaultFreeRun(long seed, boolean asyncSnapshots) throws Exception {
    Path clean = tmp.resolve("clean");
    Path faulty = tmp.resolve("faulty");
    JobExecutionResult cleanResult = run("clean-" + seed, clean, new long[0], asyncSnapshots);

    Random random = new Random(seed);
    long[] thresholds = new long[FAILURES];
    for (int i = 0; i < FAILURES; i++) {
      thresholds[i] = RECORDS / 10 + random.nextInt(RECORDS * 8 / 10);
    }
    java.util.Arrays.sort(thresholds);
    JobExecutionResult faultyResult = run("faulty-" + seed, faulty, thresholds, asyncSnapshots);

    assertThat(cleanResult.counter("restarts")).isZero();
    assertThat(faultyResult.counter("restarts")).isEqualTo(FAILURES);
    assertThat(faultyResult.counter("checkpoints.completed")).isPositive();

    List<String> expected = readPublished(clean);
    List<String> actual = readPublished(faulty);
    // every key's final running total is in the output: the state survived the failures
    assertThat(expected).hasSize(RECORDS); // one running-total update per record
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  private JobExecutionResult run(String runId, Path out, long[] failAt, boolean asyncSnapshots) throws Exception {
    SCHEDULES.put(runId, failAt);
    PROCESSED.put(runId, new AtomicLong());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(2);
    env.enableCheckpointing(100);
    env.setRestartStrategy(FAILURES + 2, Duration.ofMillis(50));
    env.getConfiguration().set(CoreOptions.CHECKPOINT_DIR, tmp.resolve("checkpoints-" + runId).toString());
    env.getConfiguration().set(CoreOptions.CHECKPOINT_ASYNC, asyncSnapshots);

    // one source subtask: each key's records arrive in one deterministic order, before and after a restore
    env.fromSource(
            new DataGeneratorSource<>(i -> new Event("k" + (i % 17), i, i), RECORDS,
                RateLimiterStrategy.perSecond(6_000), TypeInfo.of(Event.class)),
            WatermarkStrategy.noWatermarks(), "generator")
        .setParallelism(1)
        .map(new FailingIdentity(runId))
        .setParallelism(1)
        .keyBy(Event::key)
        .process(new RunningTotal(), TypeInfo.of(KeySum.class))
        .sinkTo(FileSink.forFormat(out, CsvWriterFormat.forType(KeySum.class)).build());
    return env.execute(runId);
  }

  static List<String> readPublished(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".") && !name.startsWith("_")) {
          // each published part starts with a CSV header; parts differ between runs, records don't
          Files.readAllLines(f).stream().filter(l -> !l.equals("key,count,sum")).forEach(lines::add);
        }
      }
    }
    return lines;
  }

  /** Throws when the run's processed-record count (over all attempts) reaches a threshold. */
  static final class FailingIdentity extends RichMapFunction<Event, Event> {
    private final String runId;

    FailingIdentity(String runId) {
      this.runId = runId;
    }

    @Override
    public Event map(Event e) {
      long n = PROCESSED.get(runId).incrementAndGet();
      for (long t : SCHEDULES.get(runId)) {
        if (n == t) {
          throw new IllegalStateException("injected failure at processed record " + n);
        }
      }
      return e;
    }
  }

  /** Keyed state: count and sum per key; emits the running totals. */
  static final class RunningTotal
      extends io.weir.datastream.functions.KeyedProcessFunction<String, Event, KeySum> {
    private transient io.weir.core.state.ValueState<KeySum> total;

    @Override
    public void open(io.weir.core.functions.OpenContext ctx) {
      total = getRuntimeContext().getState(new io.weir.core.state.ValueStateDescriptor<>("total", KeySum.class));
    }

    @Override
    public void processElement(Event e, Context ctx, io.weir.core.functions.Collector<KeySum> out) throws Exception {
      KeySum old = total.value();
      KeySum now = old == null ? new KeySum(e.key(), 1, e.value()) : new KeySum(e.key(), old.count() + 1, old.sum() + e.value());
      total.update(now);
      out.collect(now);
    }
  }
}
