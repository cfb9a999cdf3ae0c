package io.weir.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Tuple2;
import io.weir.core.types.Types;
import io.weir.datastream.DataStream;
import io.weir.datastream.SingleOutputStreamOperator;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.functions.KeyedBroadcastProcessFunction;
import io.weir.datastream.functions.KeyedCoProcessFunction;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.datastream.functions.ProcessFunction;
import io.weir.datastream.join.ProcessJoinFunction;
import io.weir.datastream.windowing.assigners.EventTimeSessionWindows;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.datastream.windowing.functions.ProcessAllWindowFunction;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consistency promise of DESIGN.md: for bounded input, the final result of a job in STREAMING
 * mode equals its result in BATCH mode. Every operator and window kind runs on seeded random
 * input with out-of-order timestamps, at random parallelism (1..4) with random partitioning and
 * chaining between the stages.
 */
class DifferentialModeTest {
  static final long MAX_DISORDER = 50;
  static final int EVENTS = 1500;

  /** A job under test: builds the result stream and says how to read its final result. */
  record Case(String name, JobBuilder builder, Function<List<String>, List<String>> finalView) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface JobBuilder {
    DataStream<String> build(DataStream<Event> events, Layout layout);
  }

  /** Random parallelism, partitioning and chain breaks, fixed per test case seed. */
  static final class Layout {
    private final Random random;

    Layout(long seed) {
      this.random = new Random(seed);
    }

    int parallelism() {
      return 1 + random.nextInt(4);
    }

    <T> DataStream<T> shuffleStage(DataStream<T> in) {
      DataStream<T> s = switch (random.nextInt(5)) {
        case 0 -> in.rebalance();
        case 1 -> in.shuffle();
        case 2 -> in.rescale();
        default -> in;
      };
      SingleOutputStreamOperator<T> out = s.filter(x -> true).name("pass-through");
      if (s == in) {
        // same parallelism keeps the forward edge (chainable); a break is random
        if (in.getParallelism() > 0) {
          out.setParallelism(in.getParallelism());
        }
        if (random.nextBoolean()) {
          out.disableChaining();
        }
      } else {
        out.setParallelism(parallelism());
      }
      return out;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    Function<List<String>, List<String>> all = l -> l;

    cases.add(new Case("map-filter-flatMap", (events, layout) -> layout
        .shuffleStage(events)
        .map(e -> e.key() + ":" + e.value())
        .filter(s -> !s.endsWith("7"))
        .flatMap((String s, Collector<String> out) -> {
          out.collect(s);
          if (s.endsWith("3")) {
            out.collect(s + "-again");
          }
        }, Types.STRING), all));

    cases.add(new Case("rolling-sum-tuple", (events, layout) -> layout
        .shuffleStage(events)
        .map(e -> Tuple2.of(e.key(), e.value()), TypeInfo.of(new TypeHint<Tuple2<String, Long>>() {}))
        .keyBy(t -> t.f0)
        .sum(1)
        .map(t -> t.f0 + "=" + t.f1), DifferentialModeTest::lastPerKeyByMaxNumber));

    cases.add(new Case("rolling-reduce", (events, layout) -> layout
        .shuffleStage(events)
        .keyBy(Event::key)
        .reduce((a, b) -> new Event(a.key(), Math.max(a.ts(), b.ts()), a.value() + b.value()))
        .map(e -> e.key() + "=" + e.value()), DifferentialModeTest::lastPerKeyByMaxNumber));

    cases.add(new Case("rolling-max-field", (events, layout) -> layout
        .shuffleStage(events)
        .keyBy(Event::key)
        .max("value")
        .map(e -> e.key() + "=" + e.value()), DifferentialModeTest::lastPerKeyByMaxNumber));

    cases.add(new Case("rolling-minBy-field", (events, layout) -> layout
        .shuffleStage(events)
        .keyBy(Event::key)
        .minBy("value")
        .map(e -> e.key() + "=" + (-e.value())), DifferentialModeTest::lastPerKeyByMaxNumber));

    cases.add(new Case("keyed-process-event-time-sort", (events, layout) -> layout
        .shuffleStage(events)
        .keyBy(Event::key)
        .process(new EventTimeSorter(), Types.STRING), all));

    cases.add(new Case("process-side-output", (events, layout) -> {
      OutputTag<String> odd = new OutputTag<>("odd", Types.STRING);
      SingleOutputStreamOperator<String> main = layout.shuffleStage(events)
          .process(new ProcessFunction<Event, String>() {
            @Override
            public void processElement(Event e, Context ctx, Collector<String> out) {
              if (e.value() % 2 == 0) {
                out.collect("even " + e.value() + "@" + ctx.timestamp());
              } else {
                ctx.output(odd, "odd " + e.value());
              }
            }
          }, Types.STRING);
      return main.union(main.getSideOutput(odd));
    }, all));

    cases.add(new Case("tumbling-reduce", (events, layout) -> layout
        .shuffleStage(events)
        .keyBy(Event::key)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(200)))
        .reduce((a, b) -> new Event(a.key(), Math.max(a.ts(), b.ts()), a.value() + b.value()))
        .map(e -> e.key() + " " + e.ts() + " " + e.value()), all));

    cases.add(new Case("sliding-aggregate-process", (events, layout) -> layout
        .shuffleStage(events)
        .keyBy(Event::key)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(300), Duration.ofMillis(100)))
        .aggregate(new SumCount(), new ProcessWindowFunction<long[], String, String, TimeWindow>() {
          @Override
          public void process(String key, Context ctx, Iterable<long[]> in, Collector<String> out) {
            long[] acc = in.iterator().next();
            out.collect(key + " [" + ctx.window().getStart() + "," + ctx.window().getEnd() + ") sum=" + acc[0] + " n=" + acc[1]);
          }
        }), all));

    cases.add(new Case("session-process", (events, layout) -> layout
        .shuffleStage(events)
        .keyBy(Event::key)
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(120)))
        .process(new ProcessWindowFunction<Event, String, String, TimeWindow>() {
          @Override
          public void process(String key, Context ctx, Iterable<Event> in, Collector<String> out) {
            List<Long> values = new ArrayList<>();
            in.forEach(e -> values.add(e.value()));
            Collections.sort(values);
            out.collect(key + " [" + ctx.window().getStart() + "," + ctx.window().getEnd() + ") " + values);
          }
        }, Types.STRING), all));

    cases.add(new Case("tumbling-all-window", (events, layout) -> layout
        .shuffleStage(events)
        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(500)))
        .process(new ProcessAllWindowFunction<Event, String, TimeWindow>() {
          @Override
          public void process(Context ctx, Iterable<Event> in, Collector<String> out) {
            long sum = 0;
            long n = 0;
            for (Event e : in) {
              sum += e.value();
              n++;
            }
            out.collect(ctx.window().getStart() + " sum=" + sum + " n=" + n);
          }
        }, Types.STRING), all));

    cases.add(new Case("window-join", (events, layout) -> {
      DataStream<Event> left = layout.shuffleStage(events).filter(e -> e.value() % 3 == 0);
      DataStream<Event> right = layout.shuffleStage(events).filter(e -> e.value() % 3 == 1);
      return left.join(right)
          .where(Event::key)
          .equalTo(Event::key)
          .window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
          .apply((a, b) -> a.key() + " " + a.value() + "+" + b.value(), Types.STRING);
    }, all));

    cases.add(new Case("interval-join", (events, layout) -> {
      DataStream<Event> left = layout.shuffleStage(events).filter(e -> e.value() % 3 == 0);
      DataStream<Event> right = layout.shuffleStage(events).filter(e -> e.value() % 3 == 1);
      return left.keyBy(Event::key)
          .intervalJoin(right.keyBy(Event::key))
          .between(Duration.ofMillis(-30), Duration.ofMillis(20))
          .process(new ProcessJoinFunction<Event, Event, String>() {
            @Override
            public void processElement(Event a, Event b, Context ctx, Collector<String> out) {
              out.collect(a.key() + " " + a.value() + "~" + b.value() + "@" + ctx.getTimestamp());
            }
          }, Types.STRING);
    }, all));

    cases.add(new Case("union-keyed", (events, layout) -> {
      DataStream<Event> a = layout.shuffleStage(events).filter(e -> e.value() % 2 == 0);
      DataStream<Event> b = layout.shuffleStage(events).filter(e -> e.value() % 2 == 1);
      return a.union(b)
          .keyBy(Event::key)
          .window(TumblingEventTimeWindows.of(Duration.ofMillis(250)))
          .aggregate(new SumCount())
          .map(acc -> acc[0] + "/" + acc[1]);
    }, all));

    cases.add(new Case("keyed-co-process", (events, layout) -> {
      DataStream<Event> a = layout.shuffleStage(events).filter(e -> e.value() % 2 == 0);
      DataStream<Event> b = layout.shuffleStage(events).filter(e -> e.value() % 2 == 1);
      return a.keyBy(Event::key)
          .connect(b.keyBy(Event::key))
          .process(new SumBothSides(), Types.STRING);
    }, all));

    cases.add(new Case("broadcast-state", (events, layout) -> {
      MapStateDescriptor<String, Long> rules = new MapStateDescriptor<>("rules", String.class, Long.class);
      DataStream<Event> thresholds = events.filter(e -> e.value() % 97 == 0);
      return layout.shuffleStage(events)
          .keyBy(Event::key)
          .connect(thresholds.broadcast(rules))
          .process(new ThresholdJoin(rules), Types.STRING);
    }, all));

    return cases;
  }

  static Stream<Arguments> layouts() {
    List<Arguments> args = new ArrayList<>();
    long seed = 20261122L;
    for (Case c : cases()) {
      for (int variant = 0; variant < 2; variant++) {
        args.add(Arguments.of(c, seed + 31L * variant + c.name().hashCode()));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("layouts")
  void streamingFinalResultEqualsBatchResult(Case testCase, long seed) throws Exception {
    List<Event> events = EventGenerator.generate(seed, EVENTS, 12, MAX_DISORDER);
    List<String> streaming = testCase.finalView().apply(run(testCase, events, seed, RuntimeExecutionMode.STREAMING));
    List<String> batch = testCase.finalView().apply(run(testCase, events, seed, RuntimeExecutionMode.BATCH));
    assertThat(batch).as("BATCH result of %s", testCase).isNotEmpty();
    assertThat(streaming).as("STREAMING final result of %s vs BATCH", testCase)
        .containsExactlyInAnyOrderElementsOf(batch);
  }

  static List<String> run(Case testCase, List<Event> events, long seed, RuntimeExecutionMode mode) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(mode);
    Layout layout = new Layout(seed); // the same layout in both modes
    env.setParallelism(layout.parallelism());
    DataStream<Event> source = env.fromCollection(events, TypeInfo.of(Event.class))
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(MAX_DISORDER))
            .withTimestampAssigner((e, ts) -> e.ts()));
    List<String> out = new ArrayList<>();
    try (var it = testCase.builder().build(source, layout).executeAndCollect(testCase.name() + " " + mode)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** Rolling aggregates: STREAMING emits every update, BATCH only the last; the last has the largest number. */
  static List<String> lastPerKeyByMaxNumber(List<String> lines) {
    Map<String, Long> best = new HashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      best.merge(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)), Math::max);
    }
    List<String> result = new ArrayList<>();
    best.forEach((k, v) -> result.add(k + "=" + v));
    return result;
  }

  /** Buffers events and emits them in event-time order when the watermark passes them. */
  static final class EventTimeSorter extends KeyedProcessFunction<String, Event, String> {
    private transient ListState<Event> buffer;

    @Override
    public void open(io.weir.core.functions.OpenContext ctx) {
      buffer = getRuntimeContext().getListState(new ListStateDescriptor<>("buffer", Event.class));
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<String> out) throws Exception {
      buffer.add(e);
      ctx.timerService().registerEventTimeTimer(e.ts());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      List<Event> keep = new ArrayList<>();
      List<Event> due = new ArrayList<>();
      for (Event e : buffer.get()) {
        (e.ts() <= timestamp ? due : keep).add(e);
      }
      due.sort((x, y) -> Long.compare(x.value(), y.value()));
      for (Event e : due) {
        out.collect(ctx.getCurrentKey() + " t=" + e.ts() + " v=" + e.value() + " fired@" + timestamp);
      }
      buffer.update(keep);
    }
  }

  static final class SumCount implements AggregateFunction<Event, long[], long[]> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(Event e, long[] acc) {
      return new long[] {acc[0] + e.value(), acc[1] + 1};
    }

    @Override
    public long[] getResult(long[] acc) {
      return acc;
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      return new long[] {a[0] + b[0], a[1] + b[1]};
    }
  }

  /** Sums each side per key; emits once at the end of input (timer at +inf). */
  static final class SumBothSides extends KeyedCoProcessFunction<String, Event, Event, String> {
    private transient ValueState<Long> left;
    private transient ValueState<Long> right;

    @Override
    public void open(io.weir.core.functions.OpenContext ctx) {
      left = getRuntimeContext().getState(new ValueStateDescriptor<>("left", Long.class));
      right = getRuntimeContext().getState(new ValueStateDescriptor<>("right", Long.class));
    }

    @Override
    public void processElement1(Event e, Context ctx, Collector<String> out) throws Exception {
      left.update((left.value() == null ? 0 : left.value()) + e.value());
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processElement2(Event e, Context ctx, Collector<String> out) throws Exception {
      right.update((right.value() == null ? 0 : right.value()) + e.value());
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      out.collect(ctx.getCurrentKey() + " left=" + left.value() + " right=" + right.value());
    }
  }

  /**
   * Broadcast side: the largest value seen per key becomes that key's threshold. Keyed side:
   * buffers until the end of input (timer at +inf), then counts values above the threshold, so
   * the result does not depend on how the two inputs interleave.
   */
  static final class ThresholdJoin extends KeyedBroadcastProcessFunction<String, Event, Event, String> {
    private final MapStateDescriptor<String, Long> rules;
    private transient ListState<Long> values;

    ThresholdJoin(MapStateDescriptor<String, Long> rules) {
      this.rules = rules;
    }

    @Override
    public void open(io.weir.core.functions.OpenContext ctx) {
      values = getRuntimeContext().getListState(new ListStateDescriptor<>("values", Long.class));
    }

    @Override
    public void processElement(Event e, ReadOnlyContext ctx, Collector<String> out) throws Exception {
      values.add(e.value());
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processBroadcastElement(Event e, Context ctx, Collector<String> out) throws Exception {
      var state = ctx.getBroadcastState(rules);
      Long old = state.get(e.key());
      if (old == null || old < e.value()) {
        state.put(e.key(), e.value());
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      Long threshold = ctx.getBroadcastState(rules).get(ctx.getCurrentKey());
      long above = 0;
      long total = 0;
      for (Long v : values.get()) {
        total++;
        if (threshold != null && v > threshold) {
          above++;
        }
      }
      out.collect(ctx.getCurrentKey() + " threshold=" + threshold + " above=" + above + "/" + total);
    }
  }
}
