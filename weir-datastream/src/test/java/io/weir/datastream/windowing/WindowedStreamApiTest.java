package io.weir.datastream.windowing;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.functions.RichFunction;
import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.DataStream;
import io.weir.datastream.KeyedStream;
import io.weir.datastream.SingleOutputStreamOperator;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.windowing.assigners.EventTimeSessionWindows;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.datastream.windowing.functions.ProcessAllWindowFunction;
import io.weir.datastream.windowing.functions.WindowFunction;
import io.weir.datastream.windowing.operators.SlicingWindowOperator;
import io.weir.datastream.windowing.operators.WindowOperator;
import io.weir.datastream.windowing.triggers.CountTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.triggers.TriggerResult;
import io.weir.datastream.windowing.windows.GlobalWindow;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.datastream.windowing.windows.Window;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.testing.OperatorTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The window API: which operator it builds, count windows and built-in aggregations (run through
 * the operator taken from the job graph), and build-time errors.
 */
class WindowedStreamApiTest {
  private static final TypeInfo<Tuple2<String, Long>> IN = Types.TUPLE(Types.STRING, Types.LONG);

  private static KeyedStream<Tuple2<String, Long>, String> keyed() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    DataStream<Tuple2<String, Long>> src = env.fromCollection(List.of(Tuple2.of("x", 0L)), IN);
    return src.keyBy(t -> t.f0, Types.STRING);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <OUT> OperatorTestSupport<OUT> support(SingleOutputStreamOperator<OUT> stream) {
    OneInputTransformation t = (OneInputTransformation) stream.getTransformation();
    return OperatorTestSupport.forKeyedOperator((OneInputStreamOperator) t.getOperator(),
        (KeySelector) t.getStateKeySelector(), (TypeInfo) t.getStateKeyType());
  }

  private static Object operatorOf(SingleOutputStreamOperator<?> stream) {
    return ((OneInputTransformation<?, ?>) stream.getTransformation()).getOperator();
  }

  @Test
  void tumblingAndSlidingWindowsUsePanesUnlessATriggerIsSet() {
    ReduceFunction<Tuple2<String, Long>> sum = (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);
    assertThat(operatorOf(keyed().window(SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(1))).reduce(sum)))
        .isInstanceOf(SlicingWindowOperator.class);
    assertThat(operatorOf(keyed().window(TumblingEventTimeWindows.of(Duration.ofSeconds(10))).reduce(sum)))
        .isInstanceOf(SlicingWindowOperator.class);
    assertThat(operatorOf(keyed().window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
        .trigger(CountTrigger.of(5)).reduce(sum))).isInstanceOf(WindowOperator.class);
    assertThat(operatorOf(keyed().window(EventTimeSessionWindows.withGap(Duration.ofSeconds(10))).reduce(sum)))
        .isInstanceOf(WindowOperator.class);
    assertThat(keyed().window(SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(1))).reduce(sum)
        .getTransformation().getName()).contains("SlidingEventTimeWindows(10000, 1000)").contains("Reduce");
  }

  // ------------------------------------------------------------------ count windows

  /** Per key, every slide-th element fires a window over the last min(size, count) elements. */
  private static <R> List<Object> countReference(List<Tuple2<String, Long>> input, long size, long slide,
      Function<List<Tuple2<String, Long>>, R> fn) {
    Map<String, List<Tuple2<String, Long>>> seen = new HashMap<>();
    List<Object> out = new ArrayList<>();
    for (Tuple2<String, Long> t : input) {
      List<Tuple2<String, Long>> l = seen.computeIfAbsent(t.f0, k -> new ArrayList<>());
      l.add(t);
      if (l.size() % slide == 0) {
        out.add(record(fn.apply(List.copyOf(l.subList((int) Math.max(0, l.size() - size), l.size()))), Long.MAX_VALUE));
      }
    }
    return out;
  }

  private static List<Tuple2<String, Long>> randomInput(long seed) {
    Random rnd = new Random(seed);
    List<Tuple2<String, Long>> in = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      in.add(Tuple2.of("k" + rnd.nextInt(3), (long) rnd.nextInt(100)));
    }
    return in;
  }

  static final class CountSum implements AggregateFunction<Tuple2<String, Long>, Tuple2<Long, Long>, String> {
    @Override
    public Tuple2<Long, Long> createAccumulator() {
      return Tuple2.of(0L, 0L);
    }

    @Override
    public Tuple2<Long, Long> add(Tuple2<String, Long> v, Tuple2<Long, Long> acc) {
      acc.f0 = acc.f0 + 1;
      acc.f1 = acc.f1 + v.f1;
      return acc;
    }

    @Override
    public String getResult(Tuple2<Long, Long> acc) {
      return acc.f0 + "/" + acc.f1;
    }

    @Override
    public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
      return Tuple2.of(a.f0 + b.f0, a.f1 + b.f1);
    }
  }

  static final class ListIds implements WindowFunction<Tuple2<String, Long>, String, String, GlobalWindow> {
    @Override
    public void apply(String key, GlobalWindow w, Iterable<Tuple2<String, Long>> input, Collector<String> out) {
      List<Long> v = new ArrayList<>();
      input.forEach(t -> v.add(t.f1));
      out.collect(key + v);
    }
  }

  @ParameterizedTest(name = "size={0} slide={1}")
  @CsvSource({"3, 3", "4, 2", "3, 1", "2, 5"})
  void countWindowsReduceAggregateAndApply(long size, long slide) throws Exception {
    List<Tuple2<String, Long>> input = randomInput(size * 10 + slide);
    List<Object> items = new ArrayList<>(input);

    ReduceFunction<Tuple2<String, Long>> mutatingSum = (a, b) -> {
      a.f1 = a.f1 + b.f1;
      return a;
    };
    List<Object> sums = countReference(input, size, slide,
        l -> Tuple2.of(l.get(0).f0, l.stream().mapToLong(t -> t.f1).sum()));
    assertThat(sums).isNotEmpty();
    support(keyed().countWindow(size, slide).reduce(mutatingSum))
        .input(items).expectOutput(sums).expectBatchOutput(sums).run();

    List<Object> counts = countReference(input, size, slide,
        l -> l.size() + "/" + l.stream().mapToLong(t -> t.f1).sum());
    support(keyed().countWindow(size, slide).aggregate(new CountSum()))
        .input(items).expectOutput(counts).expectBatchOutput(counts).run();

    List<Object> lists = countReference(input, size, slide,
        l -> l.get(0).f0 + l.stream().map(t -> t.f1).toList());
    @SuppressWarnings({"unchecked", "rawtypes"})
    SingleOutputStreamOperator<String> applied =
        ((io.weir.datastream.WindowedStream) keyed().countWindow(size, slide)).apply(new ListIds(), Types.STRING);
    support(applied).input(items).expectOutput(lists).expectBatchOutput(lists).run();
  }

  // ------------------------------------------------------------------ built-in aggregations

  @Test
  void sumMinMaxAndMaxByPerWindow() throws Exception {
    List<Object> input = List.of(
        record(Tuple2.of("a", 5L), 1), record(Tuple2.of("a", 2L), 3), record(Tuple2.of("b", 7L), 4),
        record(Tuple2.of("a", 9L), 8), record(Tuple2.of("a", 4L), 12), watermark(Long.MAX_VALUE));
    TumblingEventTimeWindows tenMs = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    support(keyed().window(tenMs).sum(1)).input(input)
        .expectOutput(record(Tuple2.of("a", 16L), 9), record(Tuple2.of("b", 7L), 9), record(Tuple2.of("a", 4L), 19))
        .ignoreOrderWithinTimestamp().run();
    support(keyed().window(tenMs).min(1)).input(input)
        .expectOutput(record(Tuple2.of("a", 2L), 9), record(Tuple2.of("b", 7L), 9), record(Tuple2.of("a", 4L), 19))
        .ignoreOrderWithinTimestamp().run();
    support(keyed().window(tenMs).maxBy("f1")).input(input)
        .expectOutput(record(Tuple2.of("a", 9L), 9), record(Tuple2.of("b", 7L), 9), record(Tuple2.of("a", 4L), 19))
        .ignoreOrderWithinTimestamp().run();
  }

  static final class Count extends ProcessAllWindowFunction<Tuple2<String, Long>, Long, TimeWindow> {
    @Override
    public void process(Context ctx, Iterable<Tuple2<String, Long>> elements, Collector<Long> out) {
      long n = 0;
      for (Tuple2<String, Long> ignored : elements) {
        n++;
      }
      out.collect(n);
    }
  }

  @Test
  void windowAllRunsWithParallelismOne() throws Exception {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.setParallelism(4);
    SingleOutputStreamOperator<Long> counts = env.fromCollection(List.of(Tuple2.of("x", 0L)), IN)
        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .process(new Count());
    assertThat(counts.getTransformation().getParallelism()).isEqualTo(1);
    assertThat(counts.getType()).isEqualTo(Types.LONG);
    support(counts)
        .input(record(Tuple2.of("a", 1L), 1), record(Tuple2.of("b", 1L), 2), record(Tuple2.of("c", 1L), 12),
            watermark(Long.MAX_VALUE))
        .expectOutput(record(2L, 9), record(1L, 19))
        .run();
  }

  // ------------------------------------------------------------------ errors

  static final class RichSum extends AbstractRichFunction implements ReduceFunction<Tuple2<String, Long>> {
    @Override
    public Tuple2<String, Long> reduce(Tuple2<String, Long> a, Tuple2<String, Long> b) {
      return a;
    }
  }

  /** A trigger that cannot merge windows. */
  static final class NonMerging extends Trigger<Object, Window> {
    @Override
    public TriggerResult onElement(Object e, long ts, Window w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, Window w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(Window w, TriggerContext ctx) {}
  }

  @Test
  void mistakesFailWhenTheJobIsBuilt() {
    assertThat(new RichSum()).isInstanceOf(RichFunction.class);
    assertThatThrownBy(() -> keyed().window(TumblingEventTimeWindows.of(Duration.ofSeconds(1))).reduce(new RichSum()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be a rich function");
    assertThatThrownBy(() -> keyed().countWindow(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("countWindow");
    assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TumblingEventTimeWindows: size must be > 0");
    assertThatThrownBy(() -> SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
    assertThatThrownBy(() -> keyed().window(EventTimeSessionWindows.withGap(Duration.ofSeconds(1)))
        .trigger(new NonMerging()).reduce((a, b) -> a))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be used with merging");
    assertThatThrownBy(() -> keyed().window(TumblingEventTimeWindows.of(Duration.ofSeconds(1))).allowedLateness(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedLateness");
  }
}
