package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Event time through the engine: per-split watermarks, minimum over channels and inputs, idle
 * channels excluded, +inf at the end of bounded input.
 */
class WatermarkPropagationTest {
  static final AtomicBoolean GATE = new AtomicBoolean();
  static final List<Long> TWO_INPUT_WATERMARKS = new CopyOnWriteArrayList<>();

  static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(i);
    }
    return l;
  }

  static WatermarkStrategy<Integer> valueAsTimestamp() {
    return WatermarkStrategy.<Integer>forMonotonousTimestamps().withTimestampAssigner((v, ts) -> v);
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    await(condition, () -> what);
  }

  static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      Thread.sleep(5);
    }
  }

  private static Jobs jobs() {
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.STREAMING);
    jobs.config().set(CoreOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(5));
    return jobs;
  }

  @Test
  void downstreamWatermarkIsTheMinimumOverItsChannels() throws Exception {
    String id = "wm-min";
    TestOps.clear(id);
    GATE.set(false);
    Jobs jobs = jobs();
    // two readers, each stalls after 50 records: one at timestamp 1049, the other at 49
    jobs.source("events", ListSource.bounded(List.of(range(1000, 2000), range(0, 1000)), TestTypes.INT)
                .recordsPerPoll(10).gated(50, GATE::get), valueAsTimestamp(), 2)
        .partition(new RebalancePartitioner<>())
        .collect(id, 1);
    JobClient client = LocalExecutor.submit(jobs.graph(id));
    await(() -> TestOps.sink(id).size() == 100 && TestOps.watermarks(id).contains(48L), "watermark 48");
    Thread.sleep(50); // periodic watermarks keep coming; none may pass the slower channel
    assertThat(TestOps.watermarks(id)).allMatch(w -> w <= 48);

    GATE.set(true);
    client.getJobExecutionResult().get(10, TimeUnit.SECONDS);
    List<Long> wms = TestOps.watermarks(id);
    assertThat(wms).isSorted().doesNotHaveDuplicates();
    assertThat(wms.get(wms.size() - 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(TestOps.sink(id)).hasSize(2000);
  }

  @Test
  void readersGoingIdleAndActiveAgainStillEndAtPlusInfinity() throws Exception {
    String id = "wm-idle";
    TestOps.clear(id);
    GATE.set(false);
    Jobs jobs = jobs();
    jobs.source("events", ListSource.bounded(List.of(range(1000, 2000), range(0, 1000)), TestTypes.INT)
                .recordsPerPoll(10).gated(50, GATE::get), valueAsTimestamp().withIdleness(Duration.ofMillis(30)), 2)
        .partition(new RebalancePartitioner<>())
        .collect(id, 1);
    JobClient client = LocalExecutor.submit(jobs.graph(id));
    // both readers stall and go idle, then resume
    await(() -> TestOps.sink(id).size() == 100, "100 records");
    Thread.sleep(60);
    GATE.set(true);
    client.getJobExecutionResult().get(10, TimeUnit.SECONDS);
    assertThat(TestOps.watermarks(id)).isSorted().doesNotHaveDuplicates().last().isEqualTo(Long.MAX_VALUE);
    assertThat(TestOps.sink(id)).hasSize(2000);
  }

  @Test
  void oneIdleReaderLetsTheOtherAdvanceTheWatermark() throws Exception {
    String id = "wm-one-idle";
    TestOps.clear(id);
    GATE.set(false);
    Jobs jobs = jobs();
    // the reader of split 0 reads it all, the reader of split 1 stalls at 49 and goes idle
    List<List<Integer>> splits = List.of(range(1000, 2000), range(0, 1000));
    jobs.source("events", new ListSource<>(splits, TestTypes.INT, true).recordsPerPoll(10).gated(50, () -> false, "split-1"),
            valueAsTimestamp().withIdleness(Duration.ofMillis(30)), 2)
        .partition(new RebalancePartitioner<>())
        .collect(id, 1);
    JobClient client = LocalExecutor.submit(jobs.graph(id));
    try {
      // without idleness the watermark would stay at 48; the stalled reader goes idle, so the
      // downstream watermark follows the other channel (which read its split to 1999)
      await(() -> TestOps.watermarks(id).contains(1998L), () -> "watermark 1998 past the idle channel, saw " + TestOps.watermarks(id));
      assertThat(TestOps.watermarks(id)).contains(48L).isSorted();
    } finally {
      client.cancel();
    }
  }

  /** Records the operator's combined watermark (minimum of both inputs). */
  static final class TwoInputRecorder extends AbstractStreamOperator<Integer>
      implements TwoInputStreamOperator<Integer, Integer, Integer> {
    @Override
    public void processElement1(StreamRecord<Integer> record) {
      output.collect(record);
    }

    @Override
    public void processElement2(StreamRecord<Integer> record) {
      output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      TWO_INPUT_WATERMARKS.add(mark.getTimestamp());
      super.processWatermark(mark);
    }
  }

  @Test
  void twoInputOperatorGetsTheMinimumOfBothInputs() throws Exception {
    String id = "wm-two";
    TestOps.clear(id);
    TWO_INPUT_WATERMARKS.clear();
    GATE.set(false);
    Jobs jobs = jobs();
    SourceTransformation<Integer> fast = (SourceTransformation<Integer>) jobs.source("fast",
        ListSource.bounded(List.of(range(5000, 6000)), TestTypes.INT).recordsPerPoll(10).gated(500, GATE::get),
        valueAsTimestamp(), 1).transformation();
    SourceTransformation<Integer> slow = (SourceTransformation<Integer>) jobs.source("slow",
        ListSource.bounded(List.of(range(0, 1000)), TestTypes.INT).recordsPerPoll(10).gated(20, GATE::get),
        valueAsTimestamp(), 1).transformation();
    TwoInputTransformation<Integer, Integer, Integer> two =
        new TwoInputTransformation<>(fast, slow, "two", new TwoInputRecorder(), TestTypes.INT, 1);
    OneInputTransformation<Integer, Void> sink =
        new OneInputTransformation<>(two, "sink", new TestOps.CollectSink<>(id), null, 1);
    StreamGraph graph = new StreamGraph("two-input", jobs.config(), List.of(sink));
    JobClient client = LocalExecutor.submit(graph);
    await(() -> TWO_INPUT_WATERMARKS.contains(18L) && TestOps.sink(id).size() == 520, "watermark 18");
    Thread.sleep(50);
    assertThat(TWO_INPUT_WATERMARKS).allMatch(w -> w <= 18);
    GATE.set(true);
    client.getJobExecutionResult().get(10, TimeUnit.SECONDS);
    assertThat(TWO_INPUT_WATERMARKS).isSorted().last().isEqualTo(Long.MAX_VALUE);
    assertThat(TestOps.watermarks(id)).last().isEqualTo(Long.MAX_VALUE);
  }
}
