package io.weir.runtime.jobgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.OutputTag;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.SideOutputTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.UnionTransformation;
import io.weir.runtime.partitioner.ForwardPartitioner;
import io.weir.runtime.partitioner.KeyGroupStreamPartitioner;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.execution.testjobs.TestOps;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobGraphBuilderTest {

  private static StreamGraph pipeline(Jobs jobs, int mapParallelism) {
    jobs.source("src", ListSource.bounded(List.of(List.of(1, 2, 3)), TestTypes.INT), WatermarkStrategy.noWatermarks(), 2)
        .map("m1", i -> i, TestTypes.INT, -1)
        .map("m2", i -> new KV(i, i), TestTypes.KV_TYPE, mapParallelism)
        .keyBy(KV::key, TestTypes.INT)
        .transform("sum", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, -1)
        .collect("x", -1);
    return jobs.graph("p");
  }

  @Test
  void chainsForwardEdgesWithEqualParallelismAndBreaksAtKeyBy() {
    JobGraph g = JobGraphBuilder.build(pipeline(new Jobs().parallelism(2), 2));
    assertThat(g.getVertices()).extracting(JobVertex::getName)
        .containsExactly("src -> m1 -> m2", "sum -> Sink(x)");
    StreamEdge keyBy = g.getVertices().get(1).getInputs().get(0);
    assertThat(keyBy.getPartitioner()).isInstanceOf(KeyGroupStreamPartitioner.class);
    assertThat(((KeyGroupStreamPartitioner<?, ?>) keyBy.getPartitioner()).getMaxParallelism()).isEqualTo(128);
    assertThat(g.getMode()).isEqualTo(RuntimeExecutionMode.STREAMING);
  }

  @Test
  void differentParallelismWithoutPartitionerRebalancesAndDefaultParallelismApplies() {
    JobGraph g = JobGraphBuilder.build(pipeline(new Jobs().parallelism(3), 1));
    assertThat(g.getVertices()).extracting(JobVertex::getName)
        .containsExactly("src", "m1", "m2", "sum -> Sink(x)");
    assertThat(g.getVertices()).extracting(JobVertex::getParallelism).containsExactly(2, 3, 1, 3);
    assertThat(g.getVertices().get(1).getInputs().get(0).getPartitioner()).isInstanceOf(RebalancePartitioner.class);
  }

  @Test
  void chainingCanBeSwitchedOffAndMaxParallelismIsConfigurable() {
    Jobs jobs = new Jobs().parallelism(2);
    jobs.config().set(CoreOptions.OPERATOR_CHAINING, false);
    jobs.config().set(CoreOptions.MAX_PARALLELISM, 16);
    JobGraph g = JobGraphBuilder.build(pipeline(jobs, 2));
    assertThat(g.getVertices()).hasSize(5);
    StreamEdge keyBy = g.getVertices().get(3).getInputs().get(0);
    assertThat(((KeyGroupStreamPartitioner<?, ?>) keyBy.getPartitioner()).getMaxParallelism()).isEqualTo(16);
    assertThat(g.getVertices().get(1).getInputs().get(0).getPartitioner()).isInstanceOf(ForwardPartitioner.class);
  }

  @Test
  void batchModeDoesNotChainIntoKeyedOperators() {
    Jobs jobs = new Jobs().parallelism(2).mode(RuntimeExecutionMode.BATCH);
    jobs.source("src", ListSource.bounded(List.of(List.of(1)), TestTypes.INT), WatermarkStrategy.noWatermarks(), 2)
        .map("toKV", i -> new KV(i, i), TestTypes.KV_TYPE, 2)
        .partition(new ForwardPartitioner<>())
        .transform("keyedButForward", new TestOps.KeyedSumOp(), TestTypes.KV_TYPE, 2)
        .collect("y", 2);
    OneInputTransformation<?, ?> keyed = (OneInputTransformation<?, ?>) jobs.graph("b").getSinks().get(0).getInputs().get(0);
    ((OneInputTransformation<KV, KV>) keyed).setStateKeySelector(KV::key, TestTypes.INT);
    JobGraph g = JobGraphBuilder.build(jobs.graph("b"));
    assertThat(g.getVertices()).extracting(JobVertex::getName).containsExactly("src -> toKV", "keyedButForward -> Sink(y)");
  }

  @Test
  void generatedUidsAreStableAcrossBuildsAndUserUidsWin() {
    List<String> first = JobGraphBuilder.build(pipeline(new Jobs(), 1)).getNodes().stream()
        .map(StreamNode::getUid).collect(Collectors.toList());
    List<String> second = JobGraphBuilder.build(pipeline(new Jobs(), 1)).getNodes().stream()
        .map(StreamNode::getUid).collect(Collectors.toList());
    assertThat(first).isEqualTo(second).doesNotHaveDuplicates();

    Jobs jobs = new Jobs();
    StreamGraph g = pipeline(jobs, 1);
    Transformation<?> sink = g.getSinks().get(0);
    sink.setUid("my-sink");
    assertThat(JobGraphBuilder.build(g).getNodes()).extracting(StreamNode::getUid).contains("my-sink");
  }

  @Test
  void identicalSiblingsGetDistinctUids() {
    Jobs jobs = new Jobs();
    Jobs.Stream<Integer> src = jobs.source("src", ListSource.bounded(List.of(List.of(1)), TestTypes.INT),
        WatermarkStrategy.noWatermarks(), 1);
    src.map("same", i -> i, TestTypes.INT, 1).collect("a", 1);
    src.map("same", i -> i, TestTypes.INT, 1).collect("a", 1);
    JobGraph g = JobGraphBuilder.build(jobs.graph("siblings"));
    assertThat(g.getNodes()).extracting(StreamNode::getUid).doesNotHaveDuplicates();
    // one source fans out to two chained maps
    assertThat(g.getVertices()).hasSize(1);
  }

  @Test
  void unionAndSideOutputsBecomeEdges() {
    Jobs jobs = new Jobs();
    Jobs.Stream<Integer> a = jobs.source("a", ListSource.bounded(List.of(List.of(1)), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1);
    Jobs.Stream<Integer> b = jobs.source("b", ListSource.bounded(List.of(List.of(2)), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1);
    OutputTag<String> tag = new OutputTag<>("late", TestTypes.of(String.class, null));
    UnionTransformation<Integer> union = new UnionTransformation<>(List.of(a.transformation(), b.transformation()));
    OneInputTransformation<Integer, Integer> op =
        new OneInputTransformation<>(union, "op", new TestOps.MapOp<Integer, Integer>(i -> i), TestTypes.INT, 1);
    SideOutputTransformation<String> side = new SideOutputTransformation<>(op, tag);
    OneInputTransformation<String, Void> sideSink =
        new OneInputTransformation<>(side, "sideSink", new TestOps.CollectSink<>("s"), null, 1);
    JobGraph g = JobGraphBuilder.build(new StreamGraph("u", jobs.config(), List.of(sideSink)));
    JobVertex opVertex = g.getVertices().stream().filter(v -> v.getName().startsWith("op")).findFirst().orElseThrow();
    assertThat(opVertex.getInputs()).hasSize(2);
    assertThat(opVertex.getName()).isEqualTo("op -> sideSink");
    assertThat(opVertex.getOperators().get(0).getOutEdges().get(0).getTag()).isEqualTo(tag);
  }

  @Test
  void forwardBetweenDifferentParallelismIsAnError() {
    Jobs jobs = new Jobs();
    jobs.source("src", ListSource.bounded(List.of(List.of(1)), TestTypes.INT), WatermarkStrategy.noWatermarks(), 2)
        .partition(new ForwardPartitioner<>())
        .map("narrow", i -> i, TestTypes.INT, 1)
        .collect("z", 1);
    assertThatThrownBy(() -> JobGraphBuilder.build(jobs.graph("f")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Forward partitioning from 'src' (parallelism 2) to 'narrow' (parallelism 1)");
  }
}
