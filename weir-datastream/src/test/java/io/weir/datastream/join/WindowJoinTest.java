package io.weir.datastream.join;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.SingleOutputStreamOperator;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.operators.SlicingWindowOperator;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.testing.OperatorTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window operator that {@code a.join(b).where(..).equalTo(..).window(..).apply(..)} builds,
 * taken from the job graph and run with tagged inputs against a nested-loop reference.
 */
class WindowJoinTest {
  static final TypeInfo<Tuple2<String, Long>> A = Types.TUPLE(Types.STRING, Types.LONG);
  static final TypeInfo<Tuple2<String, Integer>> B = Types.TUPLE(Types.STRING, Types.INT);

  record Ev(boolean one, String key, long id, long ts) {}

  static Stream<Arguments> cases() {
    return LongStream.rangeClosed(1, 10).mapToObj(seed -> Arguments.of(seed, seed % 2 == 0));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest(name = "seed={0} sliding={1}")
  @MethodSource("cases")
  void allPairsOfAKeyInAWindow(long seed, boolean sliding) throws Exception {
    long size = 20;
    long slide = sliding ? 5 : 20;
    WindowAssigner<Object, TimeWindow> assigner = sliding
        ? SlidingEventTimeWindows.of(Duration.ofMillis(size), Duration.ofMillis(slide))
        : TumblingEventTimeWindows.of(Duration.ofMillis(size));

    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    SingleOutputStreamOperator<String> joined = env.fromCollection(List.of(Tuple2.of("x", 0L)), A)
        .join(env.fromCollection(List.of(Tuple2.of("x", 0)), B))
        .where(a -> a.f0, Types.STRING)
        .equalTo(b -> b.f0)
        .window(assigner)
        .apply((a, b) -> a.f0 + ":" + a.f1 + "+" + b.f1, Types.STRING);
    OneInputTransformation<TaggedUnion<Tuple2<String, Long>, Tuple2<String, Integer>>, String> t =
        (OneInputTransformation) joined.getTransformation();
    assertThat(t.getOperator()).as("sliding joins use panes too").isInstanceOf(SlicingWindowOperator.class);
    KeySelector<TaggedUnion<Tuple2<String, Long>, Tuple2<String, Integer>>, String> key =
        (KeySelector) t.getStateKeySelector();

    Random rnd = new Random(seed);
    List<Object> input = new ArrayList<>();
    List<Ev> events = new ArrayList<>();
    long maxTs = 0;
    for (int i = 0; i < 100; i++) {
      long ts = Math.max(0, i - rnd.nextInt(8));
      maxTs = Math.max(maxTs, ts);
      Ev e = new Ev(rnd.nextBoolean(), "k" + rnd.nextInt(3), i, ts);
      events.add(e);
      input.add(record(e.one ? TaggedUnion.one(Tuple2.of(e.key, e.id)) : TaggedUnion.two(Tuple2.of(e.key, (int) e.id)), ts));
      if (rnd.nextInt(6) == 0) {
        input.add(watermark(maxTs - 8));
      }
    }
    input.add(watermark(Long.MAX_VALUE));
    List<Object> expected = new ArrayList<>();
    for (Ev a : events) {
      for (Ev b : events) {
        if (!a.one || b.one || !a.key.equals(b.key)) {
          continue;
        }
        for (long start = a.ts - Math.floorMod(a.ts, slide); start > a.ts - size; start -= slide) {
          if (b.ts >= start && b.ts < start + size) {
            expected.add(record(a.key + ":" + a.id + "+" + b.id, start + size - 1));
          }
        }
      }
    }
    assertThat(expected).isNotEmpty();
    OperatorTestSupport.forKeyedOperator((OneInputStreamOperator) t.getOperator(), key, Types.STRING)
        .input(input)
        .expectOutput(expected)
        .ignoreOrder()
        .expectBatchOutput(expected)
        .run();
  }
}
