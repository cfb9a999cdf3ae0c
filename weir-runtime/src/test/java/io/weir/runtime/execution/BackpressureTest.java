package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.streamrecord.StreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A slow sink behind a fast source: the exchange stays within its capacity, nothing is lost. */
class BackpressureTest {
  static final AtomicLong COUNT = new AtomicLong();
  static final AtomicLong SUM = new AtomicLong();

  /** Sleeps 1 ms every 2000 records: far slower than the source. */
  static final class SlowSink extends AbstractStreamOperator<Void> implements OneInputStreamOperator<Integer, Void> {
    @Override
    public void processElement(StreamRecord<Integer> record) throws Exception {
      SUM.addAndGet(record.getValue());
      if (COUNT.incrementAndGet() % 2000 == 0) {
        Thread.sleep(1);
      }
    }
  }

  @Test
  void slowSinkKeepsBufferedBatchesBounded() throws Exception {
    int capacity = 4;
    int batchSize = 64;
    int recordsPerPoll = 500;
    List<List<Integer>> splits = new ArrayList<>();
    long expectedSum = 0;
    for (int s = 0; s < 4; s++) {
      List<Integer> split = new ArrayList<>();
      for (int i = 0; i < 250_000; i++) {
        split.add(i);
        expectedSum += i;
      }
      splits.add(split);
    }
    COUNT.set(0);
    SUM.set(0);
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.STREAMING);
    jobs.config().set(CoreOptions.EXCHANGE_CAPACITY_BATCHES, capacity);
    jobs.config().set(CoreOptions.EXCHANGE_BATCH_SIZE, batchSize);
    jobs.source("fast", ListSource.bounded(splits, TestTypes.INT).recordsPerPoll(recordsPerPoll),
            WatermarkStrategy.noWatermarks(), 2)
        .partition(new RebalancePartitioner<>())
        .sink("slow", new SlowSink(), 1);

    JobExecutionResult result = LocalExecutor.execute(jobs.graph("backpressure"));

    assertThat(COUNT.get()).isEqualTo(1_000_000);
    assertThat(SUM.get()).isEqualTo(expectedSum);
    long maxQueued = result.counter("exchange.max-queued-batches");
    // one source poll may overshoot the capacity by its own output (500 records = 8 batches)
    int overshoot = (recordsPerPoll + batchSize - 1) / batchSize + 1;
    assertThat(maxQueued).isGreaterThanOrEqualTo(capacity).isLessThanOrEqualTo(capacity + overshoot);
  }
}
