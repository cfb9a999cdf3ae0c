package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.weir.core.config.BatchShuffleMode;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.PartitionTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.StreamEdge;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testutil.TestTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which BATCH exchanges are pipelined: a head that reads input 1 completely before input 2 gets
 * pipelined inputs only when they come from disjoint upstream tasks; with a common upstream task
 * a pipelined input 2 would fill up and block that task, which input 1 still waits for.
 */
class BatchExchangesTest {
  static final int N = 40_000;

  /** Hash-join shaped: sums input 1 per key, then adds that sum to every input-2 record. */
  static final class ReadFirstJoin extends AbstractStreamOperator<KV> implements TwoInputStreamOperator<KV, KV, KV> {
    private transient Map<Integer, Long> built;
    private transient long buildRecords;

    @Override
    public void open() throws Exception {
      super.open();
      built = new HashMap<>();
    }

    @Override
    public void processElement1(StreamRecord<KV> record) {
      built.merge(record.getValue().key(), record.getValue().value(), Long::sum);
      buildRecords++;
    }

    @Override
    public void processElement2(StreamRecord<KV> record) {
      if (buildRecords != N) {
        throw new IllegalStateException("probe record after " + buildRecords + " of " + N + " build records");
      }
      KV kv = record.getValue();
      output.collect(new StreamRecord<>(new KV(kv.key(), kv.value() + built.getOrDefault(kv.key(), 0L))));
    }

    @Override
    public int batchReadFirst() {
      return 1;
    }
  }

  private static List<KV> data() {
    List<KV> data = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      data.add(new KV(i % 7, i));
    }
    return data;
  }

  /** One source feeding both inputs (shared = true) or one source per input. */
  private static StreamGraph job(String id, boolean shared, BatchShuffleMode mode) {
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.BATCH);
    // tiny channels: a pipelined input 2 that is not read fills up at once
    jobs.config().set(CoreOptions.EXCHANGE_CAPACITY_BATCHES, 1);
    jobs.config().set(CoreOptions.EXCHANGE_BATCH_SIZE, 16);
    jobs.config().set(CoreOptions.BATCH_SHUFFLE_MODE, mode);
    Transformation<KV> build = jobs.source("build", ListSource.bounded(List.of(data()), TestTypes.KV_TYPE).recordsPerPoll(100),
        WatermarkStrategy.noWatermarks(), 1).transformation();
    Transformation<KV> probe = shared ? build
        : jobs.source("probe", ListSource.bounded(List.of(data()), TestTypes.KV_TYPE).recordsPerPoll(100),
            WatermarkStrategy.noWatermarks(), 1).transformation();
    TwoInputTransformation<KV, KV, KV> join = new TwoInputTransformation<>(
        new PartitionTransformation<>(build, new RebalancePartitioner<>()),
        new PartitionTransformation<>(probe, new RebalancePartitioner<>()),
        "join", new ReadFirstJoin(), TestTypes.KV_TYPE, 1);
    OneInputTransformation<KV, Void> sink = new OneInputTransformation<>(join, "sink", new TestOps.CollectSink<>(id), null, 1);
    return new StreamGraph(id, jobs.config(), List.of(sink));
  }

  private static List<StreamEdge> joinInputs(JobGraph graph) {
    for (JobVertex v : graph.getVertices()) {
      if (v.getHead().getName().equals("join")) {
        return v.getInputs();
      }
    }
    throw new AssertionError("no join vertex in " + graph.getVertices());
  }

  @ParameterizedTest(name = "shared upstream {0}")
  @ValueSource(booleans = {true, false})
  void readFirstHeadIsPipelinedOnlyWithDisjointUpstreams(boolean shared) {
    String id = "read-first-" + shared;
    TestOps.clear(id);
    StreamGraph graph = job(id, shared, BatchShuffleMode.AUTO);
    JobGraph planned = LocalExecutor.plan(graph);
    Set<StreamEdge> pipelined = BatchExchanges.pipelinedEdges(planned);
    List<StreamEdge> joinInputs = joinInputs(planned);
    assertThat(joinInputs).hasSize(2);
    assertThat(joinInputs.stream().filter(pipelined::contains).count()).as("pipelined inputs of the join")
        .isEqualTo(shared ? 0 : 2);

    // and the job ends (a pipelined shared input would deadlock here) with the joined sums
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> LocalExecutor.execute(graph));
    long[] sums = new long[7];
    for (KV kv : data()) {
      sums[kv.key()] += kv.value();
    }
    List<KV> out = TestOps.sink(id);
    assertThat(out).hasSize(N);
    long expected = 0;
    long actual = 0;
    for (KV kv : data()) {
      expected += kv.value() + sums[kv.key()];
    }
    for (KV kv : out) {
      actual += kv.value();
    }
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "shared upstream {0}")
  @ValueSource(booleans = {true, false})
  void allExchangesBlockingPipelinesNothing(boolean shared) {
    StreamGraph graph = job("blocking-" + shared, shared, BatchShuffleMode.ALL_EXCHANGES_BLOCKING);
    assertThat(BatchExchanges.pipelinedEdges(LocalExecutor.plan(graph))).isEmpty();
  }
}
