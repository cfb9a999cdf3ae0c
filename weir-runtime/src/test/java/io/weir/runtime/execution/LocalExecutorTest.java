package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.testutil.TestTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.weir.runtime.graph.StreamGraph;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalExecutorTest {

  static List<List<Integer>> splits(int numSplits, int perSplit) {
    List<List<Integer>> splits = new ArrayList<>();
    int v = 0;
    for (int s = 0; s < numSplits; s++) {
      List<Integer> l = new ArrayList<>();
      for (int i = 0; i < perSplit; i++) {
        l.add(v++);
      }
      splits.add(l);
    }
    return splits;
  }

  static Map<Integer, Long> finalSums(List<KV> out) {
    Map<Integer, Long> m = new HashMap<>();
    for (KV kv : out) {
      m.merge(kv.key(), kv.value(), Math::max);
    }
    return m;
  }

  @Test
  void streamingPipelineRunsEndToEnd() throws Exception {
    String id = "e2e";
    TestOps.clear(id);
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.STREAMING);
    jobs.source("numbers", ListSource.bounded(splits(4, 1000), TestTypes.INT), WatermarkStrategy.noWatermarks(), 2)
        .map("toKV", i -> new KV(i % 7, i), TestTypes.KV_TYPE, 2)
        .keyBy(KV::key, TestTypes.INT)
        .transform("sum", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, 3)
        .collect(id, 3);
    JobExecutionResult result = LocalExecutor.execute(jobs.graph("e2e"));

    List<KV> out = TestOps.sink(id);
    assertThat(out).hasSize(4000);
    Map<Integer, Long> expected = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      expected.merge(i % 7, (long) i, Long::sum);
    }
    assertThat(finalSums(out)).isEqualTo(expected);
    assertThat(result.mode()).isEqualTo(RuntimeExecutionMode.STREAMING);
  }

  @Test
  void unboundedSourceInBatchModeFailsBeforeStart() {
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.BATCH);
    jobs.source("clicks", new ListSource<>(splits(1, 10), TestTypes.INT, true), WatermarkStrategy.noWatermarks(), 1)
        .collect("never", 1);
    StreamGraph graph = jobs.graph("unbounded-batch");
    assertThatThrownBy(() -> LocalExecutor.submit(graph))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Source 'clicks' is unbounded")
        .hasMessageContaining("BATCH")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(TestOps.sink("never")).isEmpty();
  }

  @Test
  void automaticModeIsBatchForBoundedSourcesAndStreamingOtherwise() throws Exception {
    String id = "auto";
    TestOps.clear(id);
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.AUTOMATIC);
    jobs.source("numbers", ListSource.bounded(splits(2, 10), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1)
        .collect(id, 1);
    assertThat(LocalExecutor.execute(jobs.graph("auto")).mode()).isEqualTo(RuntimeExecutionMode.BATCH);
    assertThat(TestOps.<Integer>sink(id)).hasSize(20);

    Jobs unbounded = new Jobs().mode(RuntimeExecutionMode.AUTOMATIC);
    unbounded.source("live", new ListSource<>(splits(1, 10), TestTypes.INT, true), WatermarkStrategy.noWatermarks(), 1)
        .collect("auto-live", 1);
    assertThat(io.weir.runtime.jobgraph.JobGraphBuilder.resolveMode(unbounded.graph("auto-live")))
        .isEqualTo(RuntimeExecutionMode.STREAMING);
  }

  @Test
  void throwingOperatorFailsTheJobWithOperatorSubtaskAndRecord() {
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      Jobs jobs = new Jobs().mode(mode);
      String longText = "x".repeat(500);
      jobs.source("numbers", ListSource.bounded(splits(1, 100), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1)
          .map("toKV", i -> new KV(i, i), TestTypes.KV_TYPE, 1)
          .keyBy(KV::key, TestTypes.INT)
          .transform("sum", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, 2)
          .map("Divide", kv -> {
            if (kv.key() == 42) {
              throw new ArithmeticException("boom " + longText);
            }
            return kv;
          }, TestTypes.KV_TYPE, 2)
          .collect("failing-" + mode, 2);
      int subtask = io.weir.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(42, 128, 2) + 1;
      assertThatThrownBy(() -> LocalExecutor.execute(jobs.graph("failing")))
          .isInstanceOf(JobExecutionException.class)
          .hasMessage("Operator 'Divide' (subtask " + subtask + "/2) failed on record KV[key=42, value=42]: "
              + "ArithmeticException: boom " + longText)
          .hasCauseInstanceOf(ArithmeticException.class);
    }
  }

  @Test
  void longRecordsAreAbbreviatedTo200Characters() {
    Jobs jobs = new Jobs();
    jobs.source("numbers", ListSource.bounded(splits(1, 3), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1)
        .map("Wide", i -> "r".repeat(1000), TestTypes.of(String.class, null), 1)
        .map("Fail", s -> {
          throw new IllegalStateException("bad");
        }, TestTypes.INT, 1)
        .collect("abbrev", 1);
    assertThatThrownBy(() -> LocalExecutor.execute(jobs.graph("abbrev")))
        .isInstanceOf(JobExecutionException.class)
        .hasMessage("Operator 'Fail' (subtask 1/1) failed on record " + "r".repeat(197) + "...: IllegalStateException: bad");
  }

  @Test
  void noThreadsAreLeftAfterJobsEnd() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    streamingPipelineRunsEndToEnd();
    throwingOperatorFailsTheJobWithOperatorSubtaskAndRecord();
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.BATCH);
    jobs.source("numbers", ListSource.bounded(splits(3, 1000), TestTypes.INT), WatermarkStrategy.noWatermarks(), 2)
        .map("toKV", i -> new KV(i % 5, i), TestTypes.KV_TYPE, 2)
        .keyBy(KV::key, TestTypes.INT)
        .transform("sum", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, 2)
        .collect("leak-batch", 1);
    LocalExecutor.execute(jobs.graph("leak-batch"));
    JobClient client = LocalExecutor.submit(simpleGraph("leak-async"));
    client.getJobExecutionResult().get();

    long deadline = System.currentTimeMillis() + 5000;
    Set<String> leaked;
    do {
      leaked = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.isAlive() && t.getName().startsWith("weir-"))
          .map(Thread::getName)
          .collect(Collectors.toSet());
      if (leaked.isEmpty()) {
        break;
      }
      Thread.sleep(20);
    } while (System.currentTimeMillis() < deadline);
    assertThat(leaked).isEmpty();
  }

  private static StreamGraph simpleGraph(String id) {
    Jobs jobs = new Jobs();
    jobs.source("numbers", ListSource.bounded(splits(1, 10), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1)
        .collect(id, 1);
    return jobs.graph(id);
  }
}
