package io.weir.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.BatchShuffleMode;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.execution.testjobs.Jobs;
import io.weir.runtime.execution.testjobs.KV;
import io.weir.runtime.execution.testjobs.ListSource;
import io.weir.runtime.testutil.TestTypes;
import io.weir.runtime.testutil.TestTypes.Payload;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** BATCH with a 1 MB budget over ~50 MB of exchanged and sorted data: spills, and is still correct. */
class BatchSpillTest {
  static final Map<Integer, Long> FINAL = new ConcurrentHashMap<>();

  static final class PayloadSum extends AbstractStreamOperator<KV> implements OneInputStreamOperator<Payload, KV> {
    private transient ValueState<Long> sum;

    @Override
    public void open() throws Exception {
      super.open();
      sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", TestTypes.LONG));
    }

    @Override
    public void processElement(StreamRecord<Payload> record) throws Exception {
      Payload p = record.getValue();
      if (p.text().length() != 200 || p.text().charAt(0) != (char) ('a' + p.key() % 26)) {
        throw new IllegalStateException("corrupted payload " + p);
      }
      Long s = sum.value();
      long next = (s == null ? 0 : s) + p.value();
      sum.update(next);
      output.collect(new StreamRecord<>(new KV(p.key(), next)));
    }
  }

  static final class MaxSink extends AbstractStreamOperator<Void> implements OneInputStreamOperator<KV, Void> {
    @Override
    public void processElement(StreamRecord<KV> record) {
      FINAL.merge(record.getValue().key(), record.getValue().value(), Math::max);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(BatchShuffleMode.class)
  void exchangesAndSortSpillUnderATinyBudget(BatchShuffleMode mode, @TempDir Path tmp) throws Exception {
    int n = 250_000;
    int keys = 5000;
    List<List<Integer>> splits = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      List<Integer> split = new ArrayList<>(n / 4);
      for (int i = s; i < n; i += 4) {
        split.add(i);
      }
      splits.add(split);
    }
    FINAL.clear();
    Jobs jobs = new Jobs().mode(RuntimeExecutionMode.BATCH);
    jobs.config().set(CoreOptions.BATCH_MEMORY_BUDGET, MemorySize.parse("1mb"));
    jobs.config().set(CoreOptions.BATCH_SHUFFLE_MODE, mode);
    jobs.config().set(CoreOptions.TMP_DIRS, tmp.toString());
    jobs.source("numbers", ListSource.bounded(splits, TestTypes.INT).recordsPerPoll(1000), WatermarkStrategy.noWatermarks(), 2)
        .map("payload", i -> new Payload(i % keys, i, String.valueOf((char) ('a' + (i % keys) % 26)).repeat(200)),
            TestTypes.PAYLOAD, 2)
        .keyBy(Payload::key, TestTypes.INT)
        .transform("sum", new PayloadSum(), TestTypes.KV_TYPE, 2)
        .sink("max", new MaxSink(), 1);

    JobExecutionResult result = LocalExecutor.execute(jobs.graph("spill"));

    long[] expected = new long[keys];
    for (int i = 0; i < n; i++) {
      expected[i % keys] += i;
    }
    assertThat(FINAL).hasSize(keys);
    for (int k = 0; k < keys; k++) {
      assertThat(FINAL.get(k)).as("sum of key %d", k).isEqualTo(expected[k]);
    }
    // 250k records of ~220 bytes (~55 MB) went through a 1 MB budget: blocking exchanges put most
    // of it on disk; pipelined ones hand the records over without persisting them
    if (mode == BatchShuffleMode.ALL_EXCHANGES_BLOCKING) {
      assertThat(result.counter("spilled-bytes")).isGreaterThan(30L << 20);
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("spill files are deleted when the job ends").isEmpty();
    }
  }
}
