package io.weir.datastream.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.Collector;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.DataStream;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.windowing.assigners.EventTimeSessionWindows;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.datastream.windowing.functions.ProcessAllWindowFunction;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.windows.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window jobs through the DataStream API and the engine: STREAMING and BATCH must both give the
 * final result a naive offline computation gives, for out-of-order input whose disorder stays
 * within the watermark bound (so no record is late in STREAMING).
 */
class WindowJobsTest {
  private static final TypeInfo<Tuple2<String, Long>> EVENT = Types.TUPLE(Types.STRING, Types.LONG);
  private static final long BOUND = 40;

  static Stream<Arguments> runs() {
    List<Arguments> args = new ArrayList<>();
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      for (int p : new int[] {1, 3}) {
        args.add(Arguments.of(mode, p, 7L * p + mode.ordinal()));
      }
    }
    return args.stream();
  }

  /** (key, timestamp) events, timestamps disordered by less than {@link #BOUND}. */
  static List<Tuple2<String, Long>> events(long seed, int n) {
    Random rnd = new Random(seed);
    List<Tuple2<String, Long>> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long ts = i * 3L + rnd.nextInt((int) BOUND - 15);
      events.add(Tuple2.of("k" + rnd.nextInt(4), ts));
    }
    return events;
  }

  private static DataStream<Tuple2<String, Long>> source(StreamExecutionEnvironment env, List<Tuple2<String, Long>> events) {
    return env.fromCollection(events, EVENT).assignTimestampsAndWatermarks(
        WatermarkStrategy.<Tuple2<String, Long>>forBoundedOutOfOrderness(Duration.ofMillis(BOUND))
            .withTimestampAssigner((e, ts) -> e.f1));
  }

  private static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.setRuntimeMode(mode).setParallelism(parallelism);
    return env;
  }

  private static <T> List<String> sortedStrings(List<T> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    Collections.sort(out);
    return out;
  }

  /** "key@start-end:sum" of every non-empty window [start, start + size) sliding by slide. */
  private static List<String> referenceSums(List<Tuple2<String, Long>> events, long size, long slide) {
    Map<String, Long> sums = new TreeMap<>();
    for (Tuple2<String, Long> e : events) {
      for (long start : WindowReference.windowStarts(e.f1, size, slide, 0)) {
        sums.merge(e.f0 + "@" + start + "-" + (start + size), e.f1, Long::sum);
      }
    }
    List<String> out = new ArrayList<>();
    sums.forEach((w, s) -> out.add(w + ":" + s));
    Collections.sort(out);
    return out;
  }

  static final class RenderSum extends ProcessWindowFunction<Tuple2<String, Long>, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Tuple2<String, Long>> sums, Collector<String> out) {
      out.collect(key + "@" + ctx.window().getStart() + "-" + ctx.window().getEnd() + ":" + sums.iterator().next().f1);
    }
  }

  static final class SumTs implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Tuple2<String, Long> value, Long acc) {
      return acc + value.f1;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  static final class RenderAggregate extends ProcessWindowFunction<Long, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Long> sums, Collector<String> out) {
      out.collect(key + "@" + ctx.window().getStart() + "-" + ctx.window().getEnd() + ":" + sums.iterator().next());
    }
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("runs")
  void tumblingSumAndSlidingAggregate(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    List<Tuple2<String, Long>> events = events(seed, 400);

    StreamExecutionEnvironment env = env(mode, parallelism);
    List<Tuple2<String, Long>> tumbling = source(env, events)
        .keyBy(e -> e.f0, Types.STRING)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(50)))
        .sum(1)
        .executeAndCollect(Integer.MAX_VALUE);
    List<String> expectedTumbling = new ArrayList<>();
    for (String s : referenceSums(events, 50, 50)) {
      expectedTumbling.add("(" + s.substring(0, s.indexOf('@')) + "," + s.substring(s.indexOf(':') + 1) + ")");
    }
    assertThat(sortedStrings(tumbling)).isEqualTo(sortedStrings(expectedTumbling)).isNotEmpty();

    StreamExecutionEnvironment env2 = env(mode, parallelism);
    List<String> sliding = source(env2, events)
        .keyBy(e -> e.f0, Types.STRING)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(60), Duration.ofMillis(20)))
        .aggregate(new SumTs(), new RenderAggregate())
        .executeAndCollect(Integer.MAX_VALUE);
    assertThat(sortedStrings(sliding)).isEqualTo(referenceSums(events, 60, 20));

    StreamExecutionEnvironment env3 = env(mode, parallelism);
    List<String> slidingReduce = source(env3, events)
        .keyBy(e -> e.f0, Types.STRING)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(30), Duration.ofMillis(10)))
        .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1), new RenderSum())
        .executeAndCollect(Integer.MAX_VALUE);
    assertThat(sortedStrings(slidingReduce)).isEqualTo(referenceSums(events, 30, 10));
  }

  static final class SessionRender extends ProcessWindowFunction<Tuple2<String, Long>, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Tuple2<String, Long>> elements, Collector<String> out) {
      int n = 0;
      for (Tuple2<String, Long> ignored : elements) {
        n++;
      }
      out.collect(key + "@" + ctx.window().getStart() + "-" + ctx.window().getEnd() + ":" + n);
    }
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("runs")
  void sessionWindows(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    List<Tuple2<String, Long>> events = new ArrayList<>();
    Random rnd = new Random(seed);
    long t = 0;
    for (int i = 0; i < 300; i++) {
      t += rnd.nextInt(4) == 0 ? 30 + rnd.nextInt(30) : rnd.nextInt(6);  // bursts separated by gaps
      events.add(Tuple2.of("k" + rnd.nextInt(3), t + rnd.nextInt(10)));
    }
    long gap = 12;
    // offline sessions: per key, sorted timestamps, split where the next one is more than gap later
    Map<String, List<Long>> byKey = new TreeMap<>();
    events.forEach(e -> byKey.computeIfAbsent(e.f0, k -> new ArrayList<>()).add(e.f1));
    List<String> expected = new ArrayList<>();
    byKey.forEach((k, tss) -> {
      Collections.sort(tss);
      long start = tss.get(0);
      long end = start + gap;
      int n = 0;
      for (long ts : tss) {
        if (ts > end) {
          expected.add(k + "@" + start + "-" + end + ":" + n);
          start = ts;
          n = 0;
        }
        end = Math.max(end, ts + gap);
        n++;
      }
      expected.add(k + "@" + start + "-" + end + ":" + n);
    });
    Collections.sort(expected);

    List<String> out = source(env(mode, parallelism), events)
        .keyBy(e -> e.f0, Types.STRING)
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(gap)))
        .process(new SessionRender())
        .executeAndCollect(Integer.MAX_VALUE);
    assertThat(sortedStrings(out)).isEqualTo(expected);
  }

  static final class CountAll extends ProcessAllWindowFunction<Tuple2<String, Long>, String, TimeWindow> {
    @Override
    public void process(Context ctx, Iterable<Tuple2<String, Long>> elements, Collector<String> out) {
      long n = 0;
      for (Tuple2<String, Long> ignored : elements) {
        n++;
      }
      out.collect(ctx.window().getStart() + ":" + n);
    }
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("runs")
  void windowAllCountsEveryRecordOnce(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    List<Tuple2<String, Long>> events = events(seed, 300);
    Map<Long, Long> counts = new TreeMap<>();
    events.forEach(e -> counts.merge(e.f1 - Math.floorMod(e.f1, 100), 1L, Long::sum));
    List<String> expected = new ArrayList<>();
    counts.forEach((start, n) -> expected.add(start + ":" + n));

    List<String> out = source(env(mode, parallelism), events)
        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .process(new CountAll())
        .executeAndCollect(Integer.MAX_VALUE);
    assertThat(sortedStrings(out)).isEqualTo(sortedStrings(expected));
  }
}
