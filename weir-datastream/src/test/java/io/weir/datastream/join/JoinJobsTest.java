package io.weir.datastream.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.Collector;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.DataStream;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window and interval joins through the DataStream API and the engine: both modes give the result
 * of nested loops over the bounded inputs (no record is late: disorder stays within the bound).
 */
class JoinJobsTest {
  static final TypeInfo<Tuple2<String, Long>> A = Types.TUPLE(Types.STRING, Types.LONG);   // (key, ts)
  static final TypeInfo<Tuple2<Long, String>> B = Types.TUPLE(Types.LONG, Types.STRING);   // (ts, key)
  static final long BOUND = 30;

  static Stream<Arguments> runs() {
    List<Arguments> args = new ArrayList<>();
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      for (int p : new int[] {1, 3}) {
        args.add(Arguments.of(mode, p, 11L * p + mode.ordinal()));
      }
    }
    return args.stream();
  }

  static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.setRuntimeMode(mode).setParallelism(parallelism);
    return env;
  }

  static List<Tuple2<String, Long>> as(Random rnd) {
    List<Tuple2<String, Long>> as = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      as.add(Tuple2.of("k" + rnd.nextInt(5), i * 2L + rnd.nextInt((int) BOUND - 10)));
    }
    return as;
  }

  static List<Tuple2<Long, String>> bs(Random rnd) {
    List<Tuple2<Long, String>> bs = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      bs.add(Tuple2.of(i * 2L + rnd.nextInt((int) BOUND - 10), "k" + rnd.nextInt(5)));
    }
    return bs;
  }

  static DataStream<Tuple2<String, Long>> sourceA(StreamExecutionEnvironment env, List<Tuple2<String, Long>> as) {
    return env.fromCollection(as, A).assignTimestampsAndWatermarks(
        WatermarkStrategy.<Tuple2<String, Long>>forBoundedOutOfOrderness(Duration.ofMillis(BOUND)).withTimestampAssigner((e, t) -> e.f1));
  }

  static DataStream<Tuple2<Long, String>> sourceB(StreamExecutionEnvironment env, List<Tuple2<Long, String>> bs) {
    return env.fromCollection(bs, B).assignTimestampsAndWatermarks(
        WatermarkStrategy.<Tuple2<Long, String>>forBoundedOutOfOrderness(Duration.ofMillis(BOUND)).withTimestampAssigner((e, t) -> e.f0));
  }

  static List<String> sorted(List<String> l) {
    List<String> copy = new ArrayList<>(l);
    Collections.sort(copy);
    return copy;
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("runs")
  void windowJoinTumblingAndSliding(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    Random rnd = new Random(seed);
    List<Tuple2<String, Long>> as = as(rnd);
    List<Tuple2<Long, String>> bs = bs(rnd);
    for (long[] sizeSlide : new long[][] {{20, 20}, {30, 10}}) {
      long size = sizeSlide[0];
      long slide = sizeSlide[1];
      List<String> expected = new ArrayList<>();
      for (Tuple2<String, Long> a : as) {
        for (Tuple2<Long, String> b : bs) {
          if (!a.f0.equals(b.f1)) {
            continue;
          }
          for (long start = a.f1 - Math.floorMod(a.f1, slide); start > a.f1 - size; start -= slide) {
            if (b.f0 >= start && b.f0 < start + size) {
              expected.add(a.f0 + ":" + a.f1 + "+" + b.f0);
            }
          }
        }
      }
      StreamExecutionEnvironment env = env(mode, parallelism);
      List<String> out = sourceA(env, as)
          .join(sourceB(env, bs))
          .where(a -> a.f0, Types.STRING)
          .equalTo(b -> b.f1)
          .window(size == slide
              ? TumblingEventTimeWindows.of(Duration.ofMillis(size))
              : SlidingEventTimeWindows.of(Duration.ofMillis(size), Duration.ofMillis(slide)))
          .apply((a, b) -> a.f0 + ":" + a.f1 + "+" + b.f0, Types.STRING)
          .executeAndCollect(Integer.MAX_VALUE);
      assertThat(sorted(out)).as("size %d slide %d", size, slide).isEqualTo(sorted(expected)).isNotEmpty();
    }
  }

  static final class Pair extends ProcessJoinFunction<Tuple2<String, Long>, Tuple2<Long, String>, String> {
    @Override
    public void processElement(Tuple2<String, Long> a, Tuple2<Long, String> b, Context ctx, Collector<String> out) {
      out.collect(a.f0 + ":" + a.f1 + "+" + b.f0 + "@" + ctx.getTimestamp());
    }
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("runs")
  void intervalJoin(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    Random rnd = new Random(seed);
    List<Tuple2<String, Long>> as = as(rnd);
    List<Tuple2<Long, String>> bs = bs(rnd);
    List<String> expected = new ArrayList<>();
    for (Tuple2<String, Long> a : as) {
      for (Tuple2<Long, String> b : bs) {
        // between(-5, 10) with the upper bound exclusive: b.ts in [a.ts - 5, a.ts + 10)
        if (a.f0.equals(b.f1) && b.f0 >= a.f1 - 5 && b.f0 < a.f1 + 10) {
          expected.add(a.f0 + ":" + a.f1 + "+" + b.f0 + "@" + Math.max(a.f1, b.f0));
        }
      }
    }
    StreamExecutionEnvironment env = env(mode, parallelism);
    List<String> out = sourceA(env, as).keyBy(a -> a.f0, Types.STRING)
        .intervalJoin(sourceB(env, bs).keyBy(b -> b.f1, Types.STRING))
        .between(Duration.ofMillis(-5), Duration.ofMillis(10))
        .upperBoundExclusive()
        .process(new Pair())
        .executeAndCollect(Integer.MAX_VALUE);
    assertThat(sorted(out)).isEqualTo(sorted(expected)).isNotEmpty();
  }
}
