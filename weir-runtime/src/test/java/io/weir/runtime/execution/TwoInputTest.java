package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.PartitionTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.partitioner.BroadcastPartitioner;
import io.weir.runtime.partitioner.KeyGroupStreamPartitioner;
import io.weir.runtime.streamrecord.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two-input operators in both modes: keyed (BATCH merges both inputs by key) and broadcast-first. */
class TwoInputTest {

  /** Sums both inputs per key; in BATCH it checks that each key's records arrive together. */
  static final class KeyedCoSum extends AbstractStreamOperator<KV> implements TwoInputStreamOperator<KV, KV, KV> {
    private transient ValueState<Long> sum;
    private transient Set<Object> finishedKeys;
    private transient Object lastKey;

    @Override
    public void open() throws Exception {
      super.open();
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", TestTypes.LONG));
      finishedKeys = new HashSet<>();
    }

    private void add(StreamRecord<KV> r, long factor) throws Exception {
      Object key = getCurrentKey();
      if (isBatchMode() && !key.equals(lastKey)) {
        if (!finishedKeys.add(lastKey == null ? "none" : lastKey) || finishedKeys.contains(key)) {
          throw new IllegalStateException("key " + key + " came back after other keys in BATCH");
        }
        lastKey = key;
      }
      Long s = sum.value();
      long next = (s == null ? 0 : s) + factor * r.getValue().value();
      sum.update(next);
      output.collect(new StreamRecord<>(new KV(r.getValue().key(), next)));
    }

    @Override
    public void processElement1(StreamRecord<KV> record) throws Exception {
      add(record, 1);
    }

    @Override
    public void processElement2(StreamRecord<KV> record) throws Exception {
      add(record, 1000);
    }
  }

  static List<List<KV>> randomSplits(Random rnd, int numKeys) {
    List<List<KV>> splits = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<KV> l = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        l.add(new KV(rnd.nextInt(numKeys), 1 + rnd.nextInt(9)));
      }
      splits.add(l);
    }
    return splits;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void keyedTwoInputGivesTheSameSumsInBothModes(long seed) throws Exception {
    Random rnd = new Random(seed);
    List<List<KV>> left = randomSplits(rnd, 30);
    List<List<KV>> right = randomSplits(rnd, 30);
    Map<Integer, Long> expected = new HashMap<>();
    left.forEach(l -> l.forEach(kv -> expected.merge(kv.key(), kv.value(), Long::sum)));
    right.forEach(l -> l.forEach(kv -> expected.merge(kv.key(), 1000 * kv.value(), Long::sum)));
    int p = 1 + rnd.nextInt(3);
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      String id = "co-" + seed + mode;
      TestOps.clear(id);
      Jobs jobs = new Jobs().mode(mode);
      Transformation<KV> a = jobs.source("left", ListSource.bounded(left, TestTypes.KV_TYPE), WatermarkStrategy.noWatermarks(), 2)
          .transformation();
      Transformation<KV> b = jobs.source("right", ListSource.bounded(right, TestTypes.KV_TYPE), WatermarkStrategy.noWatermarks(), 3)
          .transformation();
      TwoInputTransformation<KV, KV, KV> co = new TwoInputTransformation<>(
          new PartitionTransformation<>(a, new KeyGroupStreamPartitioner<>(KV::key, 128)),
          new PartitionTransformation<>(b, new KeyGroupStreamPartitioner<>(KV::key, 128)),
          "coSum", new KeyedCoSum(), TestTypes.KV_TYPE, p);
      co.setStateKeySelectors(KV::key, KV::key, TestTypes.INT);
      OneInputTransformation<KV, Void> sink = new OneInputTransformation<>(co, "sink", new TestOps.CollectSink<>(id), null, p);
      LocalExecutor.execute(new StreamGraph(id, jobs.config(), List.of(sink)));
      assertThat(LocalExecutorTest.finalSums(TestOps.sink(id))).as(mode.toString()).isEqualTo(expected);
    }
  }

  /** Input 2 carries a factor (broadcast); input 1 is keyed. BATCH reads input 2 first. */
  static final class BroadcastFactor extends AbstractStreamOperator<KV> implements TwoInputStreamOperator<KV, Integer, KV> {
    private transient Integer factor;

    @Override
    public void processElement1(StreamRecord<KV> record) {
      if (factor == null) {
        if (isBatchMode()) {
          throw new IllegalStateException("BATCH must read the broadcast input first");
        }
        return; // STREAMING: records before the factor are dropped
      }
      output.collect(new StreamRecord<>(new KV(record.getValue().key(), record.getValue().value() * factor)));
    }

    @Override
    public void processElement2(StreamRecord<Integer> record) {
      factor = record.getValue();
    }

    @Override
    public int batchReadFirst() {
      return 2;
    }
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 3})
  void batchReadsTheBroadcastSideFirst(int p) throws Exception {
    String id = "bcast-" + p;
    TestOps.clear(id);
    List<KV> data = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      data.add(new KV(i % 17, 1));
    }
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.BATCH);
    Transformation<KV> a = jobs.source("data", ListSource.bounded(List.of(data), TestTypes.KV_TYPE), WatermarkStrategy.noWatermarks(), 2)
        .transformation();
    Transformation<Integer> f = jobs.source("factor", ListSource.bounded(List.of(List.of(3)), TestTypes.INT),
        WatermarkStrategy.noWatermarks(), 1).transformation();
    TwoInputTransformation<KV, Integer, KV> op = new TwoInputTransformation<>(
        new PartitionTransformation<>(a, new KeyGroupStreamPartitioner<>(KV::key, 128)),
        new PartitionTransformation<>(f, new BroadcastPartitioner<>()),
        "factor", new BroadcastFactor(), TestTypes.KV_TYPE, p);
    op.setStateKeySelectors(KV::key, null, TestTypes.INT);
    OneInputTransformation<KV, Void> sink = new OneInputTransformation<>(op, "sink", new TestOps.CollectSink<>(id), null, 1);
    LocalExecutor.execute(new StreamGraph(id, jobs.config(), List.of(sink)));
    List<KV> out = TestOps.sink(id);
    assertThat(out).hasSize(5000).allMatch(kv -> kv.value() == 3);
  }
}
