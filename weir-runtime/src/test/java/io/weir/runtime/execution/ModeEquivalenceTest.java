package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.partitioner.ForwardPartitioner;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.partitioner.RescalePartitioner;
import io.weir.runtime.partitioner.ShufflePartitioner;
import io.weir.runtime.partitioner.StreamPartitioner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same keyed-sum job on the same bounded input gives the same final sums in STREAMING and
 * BATCH, for random parallelism (1..4 per operator), partitioning and chaining.
 */
class ModeEquivalenceTest {

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 12).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void streamingAndBatchGiveTheSameKeyedSums(long seed) throws Exception {
    Random rnd = new Random(seed);
    int numKeys = 1 + rnd.nextInt(40);
    List<List<Integer>> splits = new ArrayList<>();
    Map<Integer, Long> expected = new HashMap<>();
    int numSplits = 1 + rnd.nextInt(6);
    for (int s = 0; s < numSplits; s++) {
      List<Integer> split = new ArrayList<>();
      int n = rnd.nextInt(3000);
      for (int i = 0; i < n; i++) {
        int v = rnd.nextInt(1000);
        split.add(v);
        expected.merge(v % numKeys, 2L * (v + 1), Long::sum);
      }
      splits.add(split);
    }
    int[] p = new int[5];
    for (int i = 0; i < p.length; i++) {
      p[i] = 1 + rnd.nextInt(4);
    }
    boolean chaining = rnd.nextBoolean();
    int partitionChoice = rnd.nextInt(4);
    int recordsPerPoll = 1 + rnd.nextInt(300);
    int batchSize = 1 + rnd.nextInt(300);

    Map<RuntimeExecutionMode, Map<Integer, Long>> results = new HashMap<>();
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      String id = "modes-" + seed + "-" + mode;
      TestOps.clear(id);
      Jobs jobs = new Jobs().mode(mode);
      jobs.config().set(CoreOptions.OPERATOR_CHAINING, chaining);
      jobs.config().set(CoreOptions.EXCHANGE_BATCH_SIZE, batchSize);
      final int keys = numKeys;
      Jobs.Stream<KV> kv = jobs.source("src", ListSource.bounded(splits, TestTypes.INT).recordsPerPoll(recordsPerPoll),
              WatermarkStrategy.noWatermarks(), p[0])
          .map("toKV", v -> new KV(v % keys, v + 1), TestTypes.KV_TYPE, p[1]);
      kv = kv.partition(partitioner(partitionChoice, p[1], p[2]))
          .map("double", x -> new KV(x.key(), x.value() * 2), TestTypes.KV_TYPE, p[2]);
      kv.keyBy(KV::key, TestTypes.INT)
          .transform("sum", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, p[3])
          .partition(partitioner(rnd.nextInt(4), p[3], p[4]))
          .collect(id, p[4]);
      JobExecutionResult r = LocalExecutor.execute(jobs.graph("modes-" + seed));
      assertThat(r.mode()).isEqualTo(mode);
      List<KV> out = TestOps.sink(id);
      int total = splits.stream().mapToInt(List::size).sum();
      assertThat(out).hasSize(total);
      results.put(mode, LocalExecutorTest.finalSums(out));
      TestOps.clear(id);
    }
    assertThat(results.get(RuntimeExecutionMode.STREAMING)).isEqualTo(expected);
    assertThat(results.get(RuntimeExecutionMode.BATCH)).isEqualTo(expected);
  }

  private static <T> StreamPartitioner<T> partitioner(int choice, int upstream, int downstream) {
    switch (choice) {
      case 0:
        return upstream == downstream ? new ForwardPartitioner<>() : new RebalancePartitioner<>();
      case 1:
        return new RebalancePartitioner<>();
      case 2:
        return new ShufflePartitioner<>();
      default:
        return new RescalePartitioner<>();
    }
  }
}
