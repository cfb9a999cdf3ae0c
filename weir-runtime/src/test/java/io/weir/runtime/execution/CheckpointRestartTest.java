package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointRestartTest {
  /** Set when the first checkpoint completed; opens the sources' gate. */
  static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
  static final AtomicInteger FAILURES = new AtomicInteger();

  /** Keyed sum that records checkpoint completion. */
  static final class CheckpointAwareSum extends AbstractStreamOperator<KV> implements OneInputStreamOperator<KV, KV> {
    private final TestOps.KeyedSumOp delegate = new TestOps.KeyedSumOp();
    private transient io.weir.core.state.ValueState<Long> sum;

    @Override
    public void open() throws Exception {
      super.open();
      sum = getRuntimeContext().getState(new io.weir.core.state.ValueStateDescriptor<>("sum", TestTypes.LONG));
    }

    @Override
    public void processElement(StreamRecord<KV> record) throws Exception {
      Long s = sum.value();
      long next = (s == null ? 0 : s) + record.getValue().value();
      sum.update(next);
      output.collect(record.replace(new KV(record.getValue().key(), next)));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.set(true);
    }
  }

  /** Throws once, on the first attempt, on value 3000 (which comes after the first checkpoint). */
  static final class FailOnceMap extends AbstractStreamOperator<KV> implements OneInputStreamOperator<Integer, KV> {
    @Override
    public void processElement(StreamRecord<Integer> record) {
      int v = record.getValue();
      if (v == 3000 && getRuntimeContext().getAttemptNumber() == 0) {
        FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure");
      }
      output.collect(new StreamRecord<>(new KV(v % 13, v), record.getTimestamp()));
    }
  }

  private static List<List<Integer>> splits() {
    List<List<Integer>> splits = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      List<Integer> l = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        l.add(s * 5000 + i);
      }
      splits.add(l);
    }
    return splits;
  }

  private static Map<Integer, Long> runJob(String id, boolean inject, Path checkpointDir) throws Exception {
    TestOps.clear(id);
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.STREAMING);
    jobs.config().set(CoreOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(30));
    jobs.config().set(CoreOptions.RESTART_ATTEMPTS, 2);
    jobs.config().set(CoreOptions.RESTART_DELAY, Duration.ofMillis(10));
    if (checkpointDir != null) {
      jobs.config().set(CoreOptions.CHECKPOINT_DIR, checkpointDir.toString());
    }
    ListSource<Integer> source = ListSource.bounded(splits(), TestTypes.INT).recordsPerPoll(50);
    if (inject) {
      source = source.gated(2000, CHECKPOINTED::get);
    }
    Jobs.Stream<Integer> numbers = jobs.source("numbers", source, WatermarkStrategy.noWatermarks(), 2);
    Jobs.Stream<KV> kv = inject
        ? numbers.transform("failOnce", new FailOnceMap(), TestTypes.KV_TYPE, 2)
        : numbers.map("toKV", v -> new KV(v % 13, v), TestTypes.KV_TYPE, 2);
    kv.keyBy(KV::key, TestTypes.INT)
        .transform("sum", new CheckpointAwareSum(), TestTypes.KV_TYPE, 3)
        .collect(id, 2);
    JobExecutionResult result = LocalExecutor.execute(jobs.graph(id));
    if (inject) {
      assertThat(result.counter("restarts")).isEqualTo(1);
      assertThat(result.counter("checkpoints.completed")).isGreaterThanOrEqualTo(1);
    }
    return LocalExecutorTest.finalSums(TestOps.sink(id));
  }

  @Test
  void failureAfterACheckpointRestoresStateAndGivesTheFaultFreeSums(@TempDir Path dir) throws Exception {
    CHECKPOINTED.set(false);
    FAILURES.set(0);
    Map<Integer, Long> faultFree = runJob("fault-free", false, null);
    Map<Integer, Long> expected = new HashMap<>();
    for (int v = 0; v < 20000; v++) {
      expected.merge(v % 13, (long) v, Long::sum);
    }
    assertThat(faultFree).isEqualTo(expected);

    Map<Integer, Long> withFailure = runJob("with-failure", true, dir);
    assertThat(FAILURES.get()).isEqualTo(1);
    assertThat(withFailure).isEqualTo(faultFree);
    try (Stream<Path> jobDirs = Files.list(dir)) {
      Path jobDir = jobDirs.findFirst().orElseThrow();
      try (Stream<Path> chk = Files.list(jobDir)) {
        assertThat(chk.filter(p -> Files.exists(p.resolve("_metadata")))).isNotEmpty();
      }
    }
  }

  @Test
  void failureWithoutRestartsLeftFailsTheJob() {
    Jobs jobs = new Jobs();
    jobs.source("numbers", ListSource.bounded(splits(), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1)
        .map("Explode", v -> {
          if (v == 7) {
            throw new IllegalArgumentException("seven");
          }
          return v;
        }, TestTypes.INT, 1)
        .collect("no-restart", 1);
    jobs.config().set(CoreOptions.RESTART_ATTEMPTS, 1);
    jobs.config().set(CoreOptions.RESTART_DELAY, Duration.ofMillis(1));
    assertThatThrownBy(() -> LocalExecutor.execute(jobs.graph("no-restart")))
        .isInstanceOf(JobExecutionException.class)
        .hasMessage("Operator 'Explode' (subtask 1/1) failed on record 7: IllegalArgumentException: seven");
  }

  @Test
  void clientTriggersCheckpointsAndCancels() throws Exception {
    Jobs jobs = new Jobs();
    jobs.source("endless", new ListSource<>(splits(), TestTypes.INT, true).recordsPerPoll(10),
            WatermarkStrategy.noWatermarks(), 2)
        .map("toKV", v -> new KV(v % 5, 1), TestTypes.KV_TYPE, 2)
        .keyBy(KV::key, TestTypes.INT)
        .transform("sum", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, 2)
        .collect("client", 1);
    JobClient client = LocalExecutor.submit(jobs.graph("client"));
    long first = client.triggerCheckpoint().get(10, TimeUnit.SECONDS);
    long second = client.triggerCheckpoint().get(10, TimeUnit.SECONDS);
    assertThat(second).isGreaterThan(first);
    client.cancel();
    assertThatThrownBy(() -> client.getJobExecutionResult().get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("cancelled");
  }
}
