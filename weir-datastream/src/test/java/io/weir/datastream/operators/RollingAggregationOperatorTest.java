package io.weir.datastream.operators;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.functions.aggregation.ComparableAggregator;
import io.weir.datastream.functions.aggregation.SumAggregator;
import io.weir.datastream.util.FieldAccessor;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RollingAggregationOperatorTest {
  static final TypeInfo<Tuple2<String, Long>> TYPE = Types.TUPLE(Types.STRING, Types.LONG);
  static final KeySelector<Tuple2<String, Long>, String> KEY = t -> t.f0;

  static StreamGroupedReduceOperator<Tuple2<String, Long>> sum() {
    return new StreamGroupedReduceOperator<>(new SumAggregator<>(FieldAccessor.of(TYPE, 1, "sum(1)"), "sum(1)"), TYPE, false);
  }

  @Test
  void streamingEmitsEveryUpdateBatchOnlyTheFinalValuePerKey() throws Exception {
    OperatorTestSupport.forKeyedOperator(sum(), KEY, Types.STRING)
        .input(record(Tuple2.of("a", 1L), 1), record(Tuple2.of("b", 5L), 2), watermark(2),
            record(Tuple2.of("a", 2L), 3), record(Tuple2.of("a", 4L), 4))
        .expectOutput(record(Tuple2.of("a", 1L), 1), record(Tuple2.of("b", 5L), 2), watermark(2),
            record(Tuple2.of("a", 3L), 3), record(Tuple2.of("a", 7L), 4))
        .expectBatchOutput(record(Tuple2.of("a", 7L), 4), record(Tuple2.of("b", 5L), 2)) // stamped like the last update
        .run();
  }

  @Test
  void minByAndMaxKeepTheRightFields() throws Exception {
    TypeInfo<Tuple2<String, Long>> t = TYPE;
    StreamGroupedReduceOperator<Tuple2<String, Long>> maxBy = new StreamGroupedReduceOperator<>(
        new ComparableAggregator<>(FieldAccessor.of(t, 1, "maxBy(1)"), ComparableAggregator.Kind.MAX_BY, true, "maxBy(1)"), t, false);
    KeySelector<Tuple2<String, Long>, Integer> byLength = x -> x.f0.length();
    OperatorTestSupport.forKeyedOperator(maxBy, byLength, Types.INT)
        .input(Tuple2.of("a", 3L), Tuple2.of("b", 9L), Tuple2.of("c", 9L), Tuple2.of("dd", 1L))
        .expectOutput(Tuple2.of("a", 3L), Tuple2.of("b", 9L), Tuple2.of("b", 9L), Tuple2.of("dd", 1L))
        .expectBatchOutput(Tuple2.of("b", 9L), Tuple2.of("dd", 1L))
        .run();
  }

  /** A reducer that mutates and returns its first argument, as Flink users often write. */
  static final class MutatingSum implements ReduceFunction<Tuple2<String, Long>> {
    @Override
    public Tuple2<String, Long> reduce(Tuple2<String, Long> a, Tuple2<String, Long> b) {
      a.f1 += b.f1;
      return a;
    }
  }

  @Test
  void userReduceThatMutatesItsInputDoesNotChangeEarlierOutput() throws Exception {
    try (OneInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>> h = new OneInputOperatorTestHarness<>(
        new StreamGroupedReduceOperator<>(new MutatingSum(), TYPE), KEY, Types.STRING)) {
      h.open();
      for (long i = 1; i <= 4; i++) {
        h.processElement(Tuple2.of("k", i), i);
      }
      assertThat(h.extractOutputValues()).containsExactly(
          Tuple2.of("k", 1L), Tuple2.of("k", 3L), Tuple2.of("k", 6L), Tuple2.of("k", 10L));
    }
  }

  /** Random keyed input: the last STREAMING update per key equals the BATCH result, which equals a plain sum. */
  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24})
  void lastStreamingUpdateEqualsTheBatchResult(long seed) throws Exception {
    Random r = new Random(seed);
    List<Object> input = new ArrayList<>();
    Map<String, Long> sums = new HashMap<>();
    Map<String, Tuple2<String, Long>> lastUpdate = new LinkedHashMap<>();
    int n = 20 + r.nextInt(80);
    for (int i = 0; i < n; i++) {
      String k = "k" + r.nextInt(6);
      long v = r.nextInt(100) - 50;
      input.add(record(Tuple2.of(k, v), r.nextInt(1000)));
      sums.merge(k, v, Long::sum);
      lastUpdate.put(k, Tuple2.of(k, sums.get(k)));
    }
    List<Object> expectedBatch = new ArrayList<>();
    sums.forEach((k, v) -> expectedBatch.add(Tuple2.of(k, v)));
    OperatorTestSupport.forKeyedOperator(sum(), KEY, Types.STRING)
        .input(input)
        .expectBatchOutput(expectedBatch)
        .run();

    try (OneInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>> h =
        new OneInputOperatorTestHarness<>(sum(), KEY, Types.STRING)) {
      h.withMode(RuntimeExecutionMode.STREAMING).open();
      for (Object o : input) {
        @SuppressWarnings("unchecked")
        io.weir.runtime.testing.TimestampedValue<Tuple2<String, Long>> tv = (io.weir.runtime.testing.TimestampedValue<Tuple2<String, Long>>) o;
        h.processElement(tv.value(), tv.timestamp());
      }
      Map<String, Tuple2<String, Long>> last = new LinkedHashMap<>();
      for (Tuple2<String, Long> t : h.extractOutputValues()) {
        last.put(t.f0, t);
      }
      assertThat(h.extractOutputValues()).hasSize(n);
      assertThat(last).isEqualTo(lastUpdate);
    }
  }
}
