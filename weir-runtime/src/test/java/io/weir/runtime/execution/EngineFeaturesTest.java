package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.execution.testjobs.TestOps;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Smaller engine features: counters, processing time, fan-out copies, failure messages. */
class EngineFeaturesTest {
  static final AtomicBoolean TIMER_FIRED = new AtomicBoolean();
  static final AtomicInteger OPEN_CALLS = new AtomicInteger();

  static List<Integer> range(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  @Test
  void skippedRecordsAreCountedPerSource() throws Exception {
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      String id = "skips-" + mode;
      TestOps.clear(id);
      Jobs jobs = new Jobs().mode(mode);
      jobs.source("lines", ListSource.bounded(List.of(range(100), range(51)), TestTypes.INT).skipOddIntegers(),
              WatermarkStrategy.noWatermarks(), 2)
          .collect(id, 1);
      JobExecutionResult r = LocalExecutor.execute(jobs.graph(id));
      assertThat(r.counter("skipped-records.lines")).isEqualTo(50 + 25);
      assertThat(TestOps.<Integer>sink(id)).hasSize(50 + 26).allMatch(i -> i % 2 == 0);
    }
  }

  /** Registers a processing-time callback in open(); it emits -1 when it fires. */
  static final class TimerOp extends AbstractStreamOperator<Integer> implements OneInputStreamOperator<Integer, Integer> {
    @Override
    public void open() throws Exception {
      super.open();
      long now = getOperatorContext().getProcessingTimeService().getCurrentProcessingTime();
      getOperatorContext().getProcessingTimeService().registerTimer(now + 20, t -> {
        TIMER_FIRED.set(true);
        output.collect(new StreamRecord<>(-1));
      });
    }

    @Override
    public void processElement(StreamRecord<Integer> record) {
      output.collect(record);
    }
  }

  @Test
  void processingTimeCallbacksFireOnTheTaskInStreamingButNotInBatch() throws Exception {
    String id = "ptime";
    TestOps.clear(id);
    TIMER_FIRED.set(false);
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.STREAMING);
    // the source holds back its second half until the timer fired
    jobs.source("src", ListSource.bounded(List.of(range(100)), TestTypes.INT).recordsPerPoll(10).gated(50, TIMER_FIRED::get),
            WatermarkStrategy.noWatermarks(), 1)
        .transform("timer", new TimerOp(), TestTypes.INT, 1)
        .collect(id, 1);
    LocalExecutor.submit(jobs.graph(id)).getJobExecutionResult().get(10, TimeUnit.SECONDS);
    List<Integer> out = TestOps.sink(id);
    assertThat(out).hasSize(101);
    assertThat(out.indexOf(-1)).isEqualTo(50);

    String batchId = "ptime-batch";
    TestOps.clear(batchId);
    TIMER_FIRED.set(false);
    Jobs batch = new Jobs().mode(RuntimeExecutionMode.BATCH);
    batch.source("src", ListSource.bounded(List.of(range(100)), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1)
        .map("slow", i -> {
          Thread.sleep(i == 0 ? 50 : 0);
          return i;
        }, TestTypes.INT, 1)
        .transform("timer", new TimerOp(), TestTypes.INT, 1)
        .collect(batchId, 1);
    LocalExecutor.execute(batch.graph(batchId));
    assertThat(TIMER_FIRED.get()).isFalse();
    assertThat(TestOps.<Integer>sink(batchId)).hasSize(100).doesNotContain(-1);
  }

  @Test
  void failureWhileProcessingAWatermarkNamesTheWatermark() {
    Jobs jobs = new Jobs();
    jobs.source("src", ListSource.bounded(List.of(range(10)), TestTypes.INT),
            WatermarkStrategy.<Integer>forMonotonousTimestamps().withTimestampAssigner((v, ts) -> v), 1)
        .transform("Windowish", new WatermarkFailOp(), TestTypes.INT, 1)
        .collect("wm-fail", 1);
    assertThatThrownBy(() -> LocalExecutor.execute(jobs.graph("wm-fail")))
        .isInstanceOf(JobExecutionException.class)
        .hasMessage("Operator 'Windowish' (subtask 1/1) failed while processing watermark +inf: "
            + "UnsupportedOperationException: no windows here");
  }

  static final class WatermarkFailOp extends AbstractStreamOperator<Integer> implements OneInputStreamOperator<Integer, Integer> {
    @Override
    public void processElement(StreamRecord<Integer> record) {
      output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
      if (mark.getTimestamp() == Long.MAX_VALUE) {
        throw new UnsupportedOperationException("no windows here");
      }
      super.processWatermark(mark);
    }
  }

  /** A mutable record, copied by its serializer. */
  static final class Box implements java.io.Serializable {
    int value;

    Box(int value) {
      this.value = value;
    }
  }

  static final TypeInfo<Box> BOX = TestTypes.of(Box.class, new TypeSerializer<>() {
    @Override
    public void serialize(Box v, DataOutput out) throws IOException {
      out.writeInt(v.value);
    }

    @Override
    public Box deserialize(DataInput in) throws IOException {
      return new Box(in.readInt());
    }

    @Override
    public Box copy(Box v) {
      return new Box(v.value);
    }
  });

  @Test
  void fanOutToChainedConsumersCopiesTheValue() throws Exception {
    TestOps.clear("fan-a");
    TestOps.clear("fan-b");
    Jobs jobs = new Jobs();
    Jobs.Stream<Box> boxes = jobs.source("src", ListSource.bounded(List.of(range(100)), TestTypes.INT),
            WatermarkStrategy.noWatermarks(), 1)
        .map("box", Box::new, BOX, 1);
    boxes.map("mutate", b -> {
      b.value = -1;
      return b.value;
    }, TestTypes.INT, 1).collect("fan-a", 1);
    boxes.map("read", b -> b.value, TestTypes.INT, 1).collect("fan-b", 1);
    LocalExecutor.execute(jobs.graph("fan"));
    assertThat(TestOps.<Integer>sink("fan-a")).hasSize(100).containsOnly(-1);
    assertThat(TestOps.<Integer>sink("fan-b")).containsExactlyElementsOf(range(100));
  }

  @Test
  void failureInOpenIsReported() {
    Jobs jobs = new Jobs();
    jobs.source("src", ListSource.bounded(List.of(range(10)), TestTypes.INT), WatermarkStrategy.noWatermarks(), 1)
        .transform("BadOpen", new BadOpenOp(), TestTypes.INT, 1)
        .collect("bad-open", 1);
    assertThatThrownBy(() -> LocalExecutor.execute(jobs.graph("bad-open")))
        .isInstanceOf(JobExecutionException.class)
        .hasMessage("Operator 'BadOpen' (subtask 1/1) failed in open(): IllegalStateException: cannot connect");
  }

  static final class BadOpenOp extends AbstractStreamOperator<Integer> implements OneInputStreamOperator<Integer, Integer> {
    @Override
    public void open() {
      throw new IllegalStateException("cannot connect");
    }

    @Override
    public void processElement(StreamRecord<Integer> record) {}
  }
}
