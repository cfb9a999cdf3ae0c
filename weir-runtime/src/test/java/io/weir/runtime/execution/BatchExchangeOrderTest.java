package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.BatchShuffleMode;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.testutil.TestTypes.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BATCH exchanges, pipelined (the default where it cannot deadlock) or blocking (persisted under
 * the exchange budget, spilling to disk): whatever the mode and budget, each channel delivers its
 * records completely and in order, also when the job restarts after a failure in the consumer.
 */
class BatchExchangeOrderTest {
  static final Map<Integer, long[]> RESULT = new ConcurrentHashMap<>();
  static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();

  /** Checks that its only channel (one producer) delivers the values in increasing order; sums them. */
  static final class OrderedSum extends AbstractStreamOperator<KV> implements OneInputStreamOperator<Payload, KV> {
    private transient long last;
    private transient long sum;
    private transient long count;
    private transient int subtask;

    @Override
    public void open() throws Exception {
      super.open();
      last = -1;
      subtask = getRuntimeContext().getIndexOfThisSubtask();
    }

    @Override
    public void processElement(StreamRecord<Payload> record) {
      Payload p = record.getValue();
      if (p.value() <= last) {
        throw new IllegalStateException("out of order: " + p.value() + " after " + last);
      }
      if (p.text().length() != 100 || p.text().charAt(0) != (char) ('a' + p.value() % 26)) {
        throw new IllegalStateException("corrupted payload " + p);
      }
      last = p.value();
      sum += p.value();
      count++;
      if (count == 20_000 && subtask == 1 && FAIL_ONCE.compareAndSet(true, false)) {
        throw new IllegalStateException("injected failure");
      }
    }

    @Override
    public void finish() throws Exception {
      output.collect(new StreamRecord<>(new KV((int) count, sum)));
      RESULT.put(subtask, new long[] {count, sum});
    }
  }

  @ParameterizedTest(name = "{0}, budget {1}, fail once {2}")
  @CsvSource({"ALL_EXCHANGES_BLOCKING, 256mb, false", "ALL_EXCHANGES_BLOCKING, 1mb, false",
      "ALL_EXCHANGES_BLOCKING, 1mb, true", "ALL_EXCHANGES_BLOCKING, 64mb, true",
      "AUTO, 1mb, false", "AUTO, 1mb, true"})
  void channelsDeliverEverythingInOrder(BatchShuffleMode mode, String budget, boolean failOnce, @TempDir Path tmp)
      throws Exception {
    int n = 100_000;
    RESULT.clear();
    FAIL_ONCE.set(failOnce);
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.BATCH);
    jobs.config().set(CoreOptions.BATCH_MEMORY_BUDGET, MemorySize.parse(budget));
    jobs.config().set(CoreOptions.BATCH_SHUFFLE_MODE, mode);
    jobs.config().set(CoreOptions.TMP_DIRS, tmp.toString());
    jobs.config().set(CoreOptions.RESTART_ATTEMPTS, 1);
    jobs.config().set(CoreOptions.RESTART_DELAY, Duration.ofMillis(1));
    List<Integer> numbers = java.util.stream.IntStream.range(0, n).boxed().toList();
    jobs.source("numbers", ListSource.bounded(List.of(numbers), TestTypes.INT).recordsPerPoll(1000),
            WatermarkStrategy.noWatermarks(), 1)
        .map("payload", i -> new Payload(i % 7, i, String.valueOf((char) ('a' + i % 26)).repeat(100)),
            TestTypes.PAYLOAD, 1)
        .partition(new RebalancePartitioner<>())
        .transform("ordered-sum", new OrderedSum(), TestTypes.KV_TYPE, 2)
        .collect("sums", 1);

    JobExecutionResult result = LocalExecutor.execute(jobs.graph("exchange"));

    // rebalance from one producer: consumer c gets the values v with v % 2 == c, in order
    long[] expectedSum = new long[2];
    for (int i = 0; i < n; i++) {
      expectedSum[i % 2] += i;
    }
    assertThat(RESULT).hasSize(2);
    for (int c = 0; c < 2; c++) {
      assertThat(RESULT.get(c)[0]).as("records of consumer %d", c).isEqualTo(n / 2);
      assertThat(RESULT.get(c)[1]).as("sum of consumer %d", c).isEqualTo(expectedSum[c]);
    }
    assertThat(result.counter("restarts")).isEqualTo(failOnce ? 1 : 0);
    // 100k records of ~115 bytes serialized: blocking under 1 MB (half for exchanges) must spill,
    // 256 MB keeps everything in memory; pipelined never persists anything
    if (mode == BatchShuffleMode.AUTO) {
      assertThat(result.counter("spilled-bytes")).isZero();
    } else if (budget.equals("1mb")) {
      assertThat(result.counter("spilled-bytes")).isGreaterThan(5L << 20);
    } else if (budget.equals("256mb")) {
      assertThat(result.counter("spilled-bytes")).isZero();
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("spill files are deleted when the job ends").isEmpty();
    }
  }
}
