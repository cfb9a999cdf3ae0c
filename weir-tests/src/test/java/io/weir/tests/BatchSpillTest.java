package io.weir.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.CoreOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Tuple2;
import io.weir.datastream.StreamExecutionEnvironment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BATCH mode must not need memory proportional to its input: a keyed aggregation over input
 * several times the memory budget spills (sorted runs, blocking exchange) and is still correct.
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

    Map<String, Long> actual = new HashMap<>();
    try (var it = env.fromSequence(0, n - 1)
        .map(i -> Tuple2.of("key-" + (i * 7919 % keys), i), TypeInfo.of(new TypeHint<Tuple2<String, Long>>() {}))
        .keyBy(t -> t.f0)
        .sum(1)
        .executeAndCollect("spill")) {
      it.forEachRemaining(t -> assertThat(actual.put(t.f0, t.f1)).as("one final result per key in BATCH").isNull());
    }

    Map<String, Long> expected = new HashMap<>();
    for (long i = 0; i < n; i++) {
      expected.merge("key-" + (i * 7919 % keys), i, Long::sum);
    }
    assertThat(actual).hasSize(keys).isEqualTo(expected);
  }
}
