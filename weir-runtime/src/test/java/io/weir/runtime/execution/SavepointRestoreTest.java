package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.checkpoint.CheckpointStorage;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testutil.TestTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starting a job from a checkpoint it did not take ({@code execution.savepoint.path}): state is
 * matched by operator uid, and state no operator claims refuses the start unless
 * {@code execution.savepoint.ignore-unclaimed-state} is set.
 */
class SavepointRestoreTest {
  private static final int SPLITS = 2;
  private static final int PER_SPLIT = 4000;
  /** The first job reads this many elements of each split, then its checkpoint is taken. */
  private static final int GATE = 1500;
  private static final int KEYS = 13;
  private static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

  private static List<List<Integer>> splits() {
    List<List<Integer>> splits = new ArrayList<>();
    for (int s = 0; s < SPLITS; s++) {
      List<Integer> l = new ArrayList<>();
      for (int i = 0; i < PER_SPLIT; i++) {
        l.add(s * PER_SPLIT + i);
      }
      splits.add(l);
    }
    return splits;
  }

  /** Per key: the sum and the count of the values whose position in their split is in [from, PER_SPLIT). */
  private static Map<Integer, Long> expected(boolean counts, int from) {
    Map<Integer, Long> m = new HashMap<>();
    for (List<Integer> split : splits()) {
      for (int v : split.subList(from, split.size())) {
        m.merge(v % KEYS, counts ? 1L : v, Long::sum);
      }
    }
    return m;
  }

  /** Fails once, in the first attempt, on one element the first job did not read. */
  static final class FailOnceToKV extends AbstractStreamOperator<KV> implements OneInputStreamOperator<Integer, KV> {
    @Override
    public void processElement(StreamRecord<Integer> record) {
      int v = record.getValue();
      if (v == GATE + 700 && getRuntimeContext().getAttemptNumber() == 0) {
        INJECTED_FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure");
      }
      output.collect(new StreamRecord<>(new KV(v % KEYS, v), record.getTimestamp()));
    }
  }

  /**
   * numbers (uid "numbers") -> toKV -> keyBy -> Sum (uid "sum") -> sink "sums", and
   * toKV -> (k, 1) -> keyBy -> Count (uid {@code countUid}) -> sink "counts".
   */
  private static Jobs job(String id, ListSource<Integer> source, String sourceUid, String countUid, boolean failOnce) {
    TestOps.clear(id + "-sums");
    TestOps.clear(id + "-counts");
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.STREAMING);
    Jobs.Stream<Integer> numbers = jobs.source("numbers", source, WatermarkStrategy.noWatermarks(), SPLITS);
    numbers.transformation().setUid(sourceUid);
    Jobs.Stream<KV> kv = failOnce
        ? numbers.transform("toKV", new FailOnceToKV(), TestTypes.KV_TYPE, 2)
        : numbers.map("toKV", v -> new KV(v % KEYS, v), TestTypes.KV_TYPE, 2);
    Jobs.Stream<KV> sums = kv.keyBy(KV::key, TestTypes.INT).transform("Sum", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, 3);
    sums.transformation().setUid("sum");
    sums.collect(id + "-sums", 1);
    Jobs.Stream<KV> counts = kv.map("one", x -> new KV(x.key(), 1), TestTypes.KV_TYPE, 2)
        .keyBy(KV::key, TestTypes.INT)
        .transform("Count", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, 2);
    counts.transformation().setUid(countUid);
    counts.collect(id + "-counts", 1);
    return jobs;
  }

  /** Runs the job until it has read GATE elements of each split, checkpoints it, cancels it; returns its checkpoint directory. */
  private static Path takeCheckpoint(Path root) throws Exception {
    ListSource<Integer> gated = new ListSource<>(splits(), TestTypes.INT, false).recordsPerPoll(50).gated(GATE, () -> false);
    Jobs jobs = job("first", gated, "numbers", "count", false);
    jobs.config().set(CoreOptions.CHECKPOINT_DIR, root.toString());
    JobClient client = LocalExecutor.submit(jobs.graph("first"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (TestOps.sink("first-sums").size() < SPLITS * GATE || TestOps.sink("first-counts").size() < SPLITS * GATE) {
      assertThat(System.currentTimeMillis()).as("first job read up to the gate").isLessThan(deadline);
      Thread.sleep(10);
    }
    client.triggerCheckpoint().get(30, TimeUnit.SECONDS);
    client.cancel();
    assertThatThrownBy(() -> client.getJobExecutionResult().get(30, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    assertThat(TestOps.sink("first-sums")).hasSize(SPLITS * GATE);
    return root.resolve(client.getJobId());
  }

  private static Jobs restoringJob(String id, Path savepoint, String sourceUid, String countUid, boolean allow,
      boolean failOnce) {
    ListSource<Integer> source = ListSource.bounded(splits(), TestTypes.INT).recordsPerPoll(50);
    Jobs jobs = job(id, source, sourceUid, countUid, failOnce);
    jobs.config().set(CoreOptions.SAVEPOINT_PATH, savepoint.toString());
    jobs.config().set(CoreOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allow);
    return jobs;
  }

  private static Path onlyCheckpoint(Path jobDir) throws Exception {
    try (Stream<Path> chk = Files.list(jobDir)) {
      List<Path> complete = chk.filter(p -> Files.exists(p.resolve(CheckpointStorage.METADATA))).toList();
      assertThat(complete).hasSize(1);
      return complete.get(0);
    }
  }

  @Test
  void unchangedJobRestoresAllState(@TempDir Path root) throws Exception {
    Path jobDir = takeCheckpoint(root);
    // a job's checkpoint directory: its newest complete checkpoint
    JobExecutionResult result = LocalExecutor.execute(
        restoringJob("same", jobDir, "numbers", "count", false, false).graph("same"));
    assertThat(LocalExecutorTest.finalSums(TestOps.sink("same-sums"))).isEqualTo(expected(false, 0));
    assertThat(LocalExecutorTest.finalSums(TestOps.sink("same-counts"))).isEqualTo(expected(true, 0));
    // only what the first job had not read is read again
    assertThat(TestOps.sink("same-sums")).hasSize(SPLITS * (PER_SPLIT - GATE));
    assertThat(result.counter("restarts")).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"count", "numbers"})
  void stateWhoseUidIsGoneRefusesTheStart(String changed, @TempDir Path root) throws Exception {
    Path jobDir = takeCheckpoint(root);
    Path chk = onlyCheckpoint(jobDir);
    String sourceUid = changed.equals("numbers") ? "numbers-v2" : "numbers";
    String countUid = changed.equals("count") ? "count-v2" : "count";
    Jobs jobs = restoringJob("refused", chk, sourceUid, countUid, false, false);
    String expectedKind = changed.equals("count") ? "keyed state" : "split enumerator state";
    String name = changed.equals("count") ? "Count" : "numbers";
    assertThatThrownBy(() -> LocalExecutor.execute(jobs.graph("refused")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot start from checkpoint")
        .hasMessageContaining(chk.toString())
        .hasMessageContaining("'" + changed + "' (operator '" + name + "': ")
        .hasMessageContaining(expectedKind)
        .hasMessageContaining("execution.savepoint.ignore-unclaimed-state=true")
        .hasMessageContaining("--allow-non-restored-state")
        .hasMessageContaining("'" + changed + "-v2'")
        .hasMessageNotContaining("'sum'");
    assertThat(TestOps.sink("refused-sums")).isEmpty();
  }

  @Test
  void submitRefusesAtOnce(@TempDir Path root) throws Exception {
    Path jobDir = takeCheckpoint(root);
    Jobs jobs = restoringJob("refused-submit", jobDir, "numbers", "count-v2", false, false);
    assertThatThrownBy(() -> LocalExecutor.submit(jobs.graph("refused-submit")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'count'");
  }

  @Test
  void allowingUnclaimedStateDropsItAndRestoresTheRest(@TempDir Path root) throws Exception {
    Path chk = onlyCheckpoint(takeCheckpoint(root));
    LocalExecutor.execute(restoringJob("allowed", chk.resolve(CheckpointStorage.METADATA), "numbers", "count-v2",
        true, false).graph("allowed"));
    // Sum kept its uid: its restored sums continue; Count starts empty and sees only the rest
    assertThat(LocalExecutorTest.finalSums(TestOps.sink("allowed-sums"))).isEqualTo(expected(false, 0));
    assertThat(LocalExecutorTest.finalSums(TestOps.sink("allowed-counts"))).isEqualTo(expected(true, GATE));
  }

  @Test
  void failoverBeforeTheFirstOwnCheckpointRestoresTheSavepointAgain(@TempDir Path root) throws Exception {
    Path jobDir = takeCheckpoint(root);
    INJECTED_FAILURES.set(0);
    Jobs jobs = restoringJob("failover", jobDir, "numbers", "count-v2", true, true);
    jobs.config().set(CoreOptions.RESTART_ATTEMPTS, 1);
    jobs.config().set(CoreOptions.RESTART_DELAY, Duration.ofMillis(10));
    JobExecutionResult result = LocalExecutor.execute(jobs.graph("failover"));
    assertThat(INJECTED_FAILURES.get()).isEqualTo(1);
    assertThat(result.counter("restarts")).isEqualTo(1);
    assertThat(LocalExecutorTest.finalSums(TestOps.sink("failover-sums"))).isEqualTo(expected(false, 0));
    assertThat(LocalExecutorTest.finalSums(TestOps.sink("failover-counts"))).isEqualTo(expected(true, GATE));
  }

  @Test
  void badPathsAndBatchModeAreClearErrors(@TempDir Path root) throws Exception {
    Jobs missing = restoringJob("bad", root.resolve("nope"), "numbers", "count", false, false);
    assertThatThrownBy(() -> LocalExecutor.execute(missing.graph("bad")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(root.resolve("nope").toString())
        .hasMessageContaining("no such file or directory");

    Files.createDirectories(root.resolve("cp/some-job/chk-3"));
    Jobs empty = restoringJob("bad", root.resolve("cp"), "numbers", "count", false, false);
    assertThatThrownBy(() -> LocalExecutor.execute(empty.graph("bad")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no complete checkpoint")
        .hasMessageContaining("looks like state.checkpoints.dir");

    Jobs batch = restoringJob("bad", root, "numbers", "count", false, false).mode(RuntimeExecutionMode.BATCH);
    assertThatThrownBy(() -> LocalExecutor.execute(batch.graph("bad")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BATCH mode");
  }
}
