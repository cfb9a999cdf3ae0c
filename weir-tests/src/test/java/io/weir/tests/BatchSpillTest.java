package io.weir.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Tuple2;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.runtime.execution.JobExecutionResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BATCH mode must not need memory proportional to its input: a keyed aggregation over input
 * several times the memory budget spills (sorted runs) and is still correct.
 */
class BatchSpillTest {
  @TempDir Path spillDir;

  @Test
  void keyedAggregationOverInputLargerThanTheBudgetIsCorrect() throws Exception {
    long n = 600_000;
    int keys = 40_000;
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(2);
    // ~600k records of (String key, Long) are ~15 MB serialized: about 8x this budget
    env.getConfiguration().set(CoreOptions.BATCH_MEMORY_BUDGET, MemorySize.parse("2mb"));
    env.getConfiguration().set(CoreOptions.TMP_DIRS, spillDir.toString());

    Map<String, Long> actual = new java.util.concurrent.ConcurrentHashMap<>();
    env.fromSequence(0, n - 1)
        .map(i -> Tuple2.of("key-" + (i * 7919 % keys), i), TypeInfo.of(new TypeHint<Tuple2<String, Long>>() {}))
        .keyBy(t -> t.f0)
        .sum(1)
        .sinkTo(new CollectingSink(actual));
    JobExecutionResult result = env.execute("spill");
    assertThat(result.counter("spilled-bytes")).as("bytes spilled to disk").isGreaterThan(4L << 20);

    Map<String, Long> expected = new HashMap<>();
    for (long i = 0; i < n; i++) {
      expected.merge("key-" + (i * 7919 % keys), i, Long::sum);
    }
    assertThat(actual).hasSize(keys).isEqualTo(expected);
  }

  /** Puts each (key, total) into a shared map; a second result for a key fails the job. */
  static final class CollectingSink implements Sink<Tuple2<String, Long>> {
    private static final Map<Integer, Map<String, Long>> TARGETS = new java.util.concurrent.ConcurrentHashMap<>();
    private final int id;

    CollectingSink(Map<String, Long> target) {
      this.id = System.identityHashCode(target);
      TARGETS.put(id, target);
    }

    @Override
    public SinkWriter<Tuple2<String, Long>> createWriter(SinkContext context) {
      Map<String, Long> target = TARGETS.get(id);
      return new SinkWriter<>() {
        @Override
        public void write(Tuple2<String, Long> t, Context ctx) {
          if (target.put(t.f0, t.f1) != null) {
            throw new IllegalStateException("BATCH emitted a second result for " + t.f0);
          }
        }

        @Override
        public void flush(boolean endOfInput) {}
      };
    }
  }
}
