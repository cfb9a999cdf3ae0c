package io.weir.datastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.OutputTag;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeHint;
import io.weir.core.types.Types;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.datastream.collect.JobFailedException;
import io.weir.datastream.functions.KeyedBroadcastProcessFunction;
import io.weir.datastream.functions.KeyedCoProcessFunction;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.datastream.functions.ProcessFunction;
import io.weir.runtime.execution.JobExecutionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole DataStream jobs through the embedded engine, in both modes and with several parallelisms. */
class DataStreamJobsTest {
  static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.setRuntimeMode(mode).setParallelism(parallelism);
    return env;
  }

  /** Both modes, parallelism 1..4, a seed for the input. */
  static Stream<Arguments> modesAndParallelism() {
    List<Arguments> args = new ArrayList<>();
    for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.STREAMING, RuntimeExecutionMode.BATCH)) {
      for (int p = 1; p <= 4; p++) {
        args.add(Arguments.of(mode, p, 1000L * p + mode.ordinal()));
      }
    }
    return args.stream();
  }

  static List<String> randomLines(Random r, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int words = r.nextInt(6);
      for (int w = 0; w < words; w++) {
        sb.append(w == 0 ? "" : " ").append("w").append(r.nextInt(15));
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  /** The last emitted value per key: the final result of a rolling aggregation in either mode. */
  static <K, V> Map<K, V> lastPerKey(List<V> updates, java.util.function.Function<V, K> key) {
    Map<K, V> last = new HashMap<>();
    for (V v : updates) {
      last.put(key.apply(v), v);
    }
    return last;
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("modesAndParallelism")
  void wordCountGivesTheSameFinalCountsInBothModes(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    List<String> lines = randomLines(new Random(seed), 300);
    Map<String, Long> expected = lines.stream().flatMap(l -> Stream.of(l.split(" "))).filter(w -> !w.isEmpty())
        .collect(Collectors.groupingBy(w -> w, Collectors.counting()));

    StreamExecutionEnvironment env = env(mode, parallelism);
    List<Tuple2<String, Long>> updates = env.fromCollection(lines, Types.STRING)
        .flatMap((String line, Collector<String> out) -> {
          for (String w : line.split(" ")) {
            if (!w.isEmpty()) {
              out.collect(w);
            }
          }
        }).returns(Types.STRING)
        .map(w -> Tuple2.of(w, 1L)).returns(new TypeHint<Tuple2<String, Long>>() {})
        .keyBy(t -> t.f0)
        .sum(1)
        .executeAndCollect(Integer.MAX_VALUE);

    Map<String, Long> counts = new HashMap<>();
    lastPerKey(updates, t -> t.f0).forEach((k, v) -> counts.put(k, v.f1));
    assertThat(counts).isEqualTo(expected);
    if (mode == RuntimeExecutionMode.BATCH) {
      assertThat(updates).hasSize(expected.size()); // final values only
    } else {
      assertThat(updates).hasSize((int) expected.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  public record Reading(String sensor, long time, long value) {}

  static List<Reading> randomReadings(Random r, int n, long maxDisorder) {
    List<Reading> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = i * 10L + r.nextInt((int) maxDisorder); // out of order by up to maxDisorder
      list.add(new Reading("s" + r.nextInt(5), t, r.nextInt(100)));
    }
    return list;
  }

  /**
   * Sums per sensor and 100-unit bucket, emitted by an event-time timer at the bucket end; with
   * {@code markEarly}, a result whose timer fired before the end of the input (watermark < +inf)
   * ends with " early".
   */
  static final class BucketSums extends KeyedProcessFunction<String, Reading, String> {
    private final boolean markEarly;
    private transient MapState<Long, Long> sums;

    BucketSums() {
      this(false);
    }

    BucketSums(boolean markEarly) {
      this.markEarly = markEarly;
    }

    @Override
    public void open(OpenContext context) {
      sums = getRuntimeContext().getMapState(new MapStateDescriptor<>("sums", Types.LONG, Types.LONG));
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<String> out) throws Exception {
      long end = r.time() / 100 * 100 + 99;
      Long s = sums.get(end);
      sums.put(end, (s == null ? 0 : s) + r.value());
      ctx.timerService().registerEventTimeTimer(end);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
      boolean early = markEarly && ctx.timerService().currentWatermark() < Long.MAX_VALUE;
      out.collect(ctx.getCurrentKey() + "@" + timestamp + "=" + sums.get(timestamp) + (early ? " early" : ""));
      sums.remove(timestamp);
    }
  }

  /** A watermark with every event: the largest timestamp so far minus the bound. */
  static final class Punctuated implements io.weir.core.eventtime.WatermarkGenerator<Reading> {
    private final long bound;
    private long max = Long.MIN_VALUE;

    Punctuated(long bound) {
      this.bound = bound;
    }

    @Override
    public void onEvent(Reading event, long eventTimestamp, io.weir.core.eventtime.WatermarkOutput output) {
      max = Math.max(max, eventTimestamp);
      output.emitWatermark(max - bound);
    }

    @Override
    public void onPeriodicEmit(io.weir.core.eventtime.WatermarkOutput output) {}
  }

  /**
   * Operators marked watermark-driven in a BATCH job (as the SQL planner marks window operators
   * over an ascending rowtime) see watermarks through pipelined exchanges, keep keyed state on the
   * heap without sorting their input, and fire timers as event time advances; unmarked, every timer
   * fires at the end. Both give the bucket sums. (Correct only when no record is late: the
   * readings are out of order by less than the generator's bound.) Watermarks travel in the
   * exchanges' record batches, so a channel's last partial batch arrives only at the end: the
   * input is large enough for many timers to fire before that (how many depends on how the
   * channels interleave, so the test asks for half).
   */
  @ParameterizedTest(name = "p={0}, marked={1}")
  @MethodSource("batchWatermarkDriven")
  void watermarkDrivenOperatorsInABatchJobFireAsEventTimeAdvances(int parallelism, boolean marked) throws Exception {
    List<Reading> readings = randomReadings(new Random(parallelism * 7L + (marked ? 1 : 0)), 30_000, 50);
    Map<String, Long> expected = new TreeMap<>();
    for (Reading r : readings) {
      expected.merge(r.sensor() + "@" + (r.time() / 100 * 100 + 99), r.value(), Long::sum);
    }
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, parallelism);
    // one reader, dealt round-robin to the assigners: every channel advances through event time
    // together (readers of contiguous ranges would finish at different event times, and a
    // consumer fires the later range's timers only once the earlier range ends)
    DataStream<Reading> stamped = env.fromCollection(readings).setParallelism(1).rebalance()
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Reading>forGenerator(() -> new Punctuated(50))
            .withTimestampAssigner((r, ts) -> r.time()));
    var sums = stamped.keyBy(Reading::sensor).process(new BucketSums(true));
    stamped.getTransformation().setWatermarkDrivenInBatch(marked);
    sums.getTransformation().setWatermarkDrivenInBatch(marked);
    Map<String, Long> actual = new TreeMap<>();
    int early = 0;
    for (String s : sums.executeAndCollect(Integer.MAX_VALUE)) {
      early += s.endsWith(" early") ? 1 : 0;
      String[] kv = s.replace(" early", "").split("=");
      assertThat(actual.put(kv[0], Long.parseLong(kv[1]))).as("one result per bucket: " + s).isNull();
    }
    assertThat(actual).isEqualTo(expected);
    if (marked) {
      assertThat(early).as("timers fired before the end of the input, of %d", expected.size()).isGreaterThan(expected.size() / 2);
    } else {
      assertThat(early).as("BATCH without the mark: every timer at the end").isZero();
    }
  }

  static Stream<Arguments> batchWatermarkDriven() {
    return Stream.of(Arguments.of(1, true), Arguments.of(2, true), Arguments.of(3, true), Arguments.of(2, false));
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("modesAndParallelism")
  void eventTimeTimersGiveTheSameResultInBothModes(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    List<Reading> readings = randomReadings(new Random(seed), 400, 50);
    Map<String, Long> expected = new TreeMap<>();
    for (Reading r : readings) {
      expected.merge(r.sensor() + "@" + (r.time() / 100 * 100 + 99), r.value(), Long::sum);
    }
    StreamExecutionEnvironment env = env(mode, parallelism);
    env.getConfiguration().set(io.weir.core.config.CoreOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(1));
    List<String> out = env.fromCollection(readings)
        .assignTimestampsAndWatermarks(
            WatermarkStrategy.<Reading>forBoundedOutOfOrderness(Duration.ofMillis(50)).withTimestampAssigner((r, ts) -> r.time()))
        .keyBy(Reading::sensor)
        .process(new BucketSums())
        .executeAndCollect(Integer.MAX_VALUE);
    Map<String, Long> actual = new TreeMap<>();
    for (String s : out) {
      String[] kv = s.split("=");
      assertThat(actual.put(kv[0], Long.parseLong(kv[1]))).as("one result per bucket: " + s).isNull();
    }
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("modesAndParallelism")
  void partitioningsUnionAndFieldAggregations(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    Random r = new Random(seed);
    List<Reading> readings = randomReadings(r, 200, 10);
    StreamExecutionEnvironment env = env(mode, parallelism);
    DataStream<Reading> a = env.fromCollection(readings.subList(0, 100)).rebalance().filter(x -> true);
    DataStream<Reading> b = env.fromCollection(readings.subList(100, 200)).shuffle().map(x -> x).returns(Reading.class);
    DataStream<Reading> c = env.fromSequence(0, 9).map(i -> new Reading("s0", -i, 1000)).returns(Reading.class)
        .rescale().map(x -> x).returns(Reading.class).global().filter(x -> true)
        .partitionCustom((k, n) -> Math.floorMod(k.hashCode(), n), Reading::sensor).filter(x -> true);
    List<Reading> maxima = a.union(b, c).keyBy("sensor").maxBy("value").executeAndCollect(Integer.MAX_VALUE);
    List<Reading> all = new ArrayList<>(readings);
    for (long i = 0; i < 10; i++) {
      all.add(new Reading("s0", -i, 1000));
    }
    Map<String, Long> expected = all.stream().collect(Collectors.toMap(Reading::sensor, Reading::value, Math::max));
    Map<String, Long> actual = new HashMap<>();
    lastPerKey(maxima, Reading::sensor).forEach((k, v) -> actual.put(k, v.value()));
    assertThat(actual).isEqualTo(expected);
  }

  /** Orders (input 1) matched with payments (input 2) by id, buffered in keyed state on either side. */
  static final class Matcher extends KeyedCoProcessFunction<Long, Tuple2<Long, Long>, Long, String> {
    private transient ValueState<Long> amount;
    private transient ValueState<Boolean> paid;

    @Override
    public void open(OpenContext context) {
      amount = getRuntimeContext().getState(new ValueStateDescriptor<>("amount", Types.LONG));
      paid = getRuntimeContext().getState(new ValueStateDescriptor<>("paid", Types.BOOLEAN));
    }

    @Override
    public void processElement1(Tuple2<Long, Long> order, Context ctx, Collector<String> out) throws Exception {
      if (paid.value() != null) {
        out.collect(order.f0 + " paid " + order.f1);
      } else {
        amount.update(order.f1);
      }
    }

    @Override
    public void processElement2(Long payment, Context ctx, Collector<String> out) throws Exception {
      if (amount.value() != null) {
        out.collect(payment + " paid " + amount.value());
      } else {
        paid.update(true);
      }
    }
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("modesAndParallelism")
  void keyedConnectMatchesBothSides(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    StreamExecutionEnvironment env = env(mode, parallelism);
    DataStream<Tuple2<Long, Long>> orders = env.fromSequence(1, 300).map(i -> Tuple2.of(i, i * 10))
        .returns(new TypeHint<Tuple2<Long, Long>>() {});
    DataStream<Long> payments = env.fromSequence(1, 300).filter(i -> i % 3 != 0);
    List<String> matched = orders.connect(payments).keyBy(o -> o.f0, p -> p).process(new Matcher())
        .executeAndCollect(Integer.MAX_VALUE);
    List<String> expected = LongStream.rangeClosed(1, 300).filter(i -> i % 3 != 0).mapToObj(i -> i + " paid " + i * 10).toList();
    assertThat(matched).containsExactlyInAnyOrderElementsOf(expected);
  }

  static final MapStateDescriptor<String, Long> RULES = new MapStateDescriptor<>("rules", Types.STRING, Types.LONG);
  static final ListStateDescriptor<Long> WAITING = new ListStateDescriptor<>("waiting", Types.LONG);

  /** Values wait in keyed state until their key's rule (a multiplier) is broadcast, so the result is order independent. */
  static final class ApplyRules extends KeyedBroadcastProcessFunction<String, Tuple2<String, Long>, Tuple2<String, Long>, String> {
    @Override
    public void processElement(Tuple2<String, Long> value, ReadOnlyContext ctx, Collector<String> out) throws Exception {
      Long factor = ctx.getBroadcastState(RULES).get(value.f0);
      if (factor != null) {
        out.collect(value.f0 + "=" + value.f1 * factor);
      } else {
        getRuntimeContext().getListState(WAITING).add(value.f1);
      }
    }

    @Override
    public void processBroadcastElement(Tuple2<String, Long> rule, Context ctx, Collector<String> out) throws Exception {
      ctx.getBroadcastState(RULES).put(rule.f0, rule.f1);
      ctx.applyToKeyedState(WAITING, (key, waiting) -> {
        if (key.equals(rule.f0)) {
          Iterable<Long> values = waiting.get();
          if (values != null) {
            for (Long v : values) {
              out.collect(key + "=" + v * rule.f1);
            }
          }
          waiting.clear();
        }
      });
    }
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("modesAndParallelism")
  void keyedBroadcastStateInBothModes(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    Random r = new Random(seed);
    List<Tuple2<String, Long>> values = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int k = r.nextInt(8);
      long v = r.nextInt(1000);
      values.add(Tuple2.of("k" + k, v));
      expected.add("k" + k + "=" + v * (k + 1));
    }
    List<Tuple2<String, Long>> rules = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      rules.add(Tuple2.of("k" + k, (long) k + 1));
    }
    StreamExecutionEnvironment env = env(mode, parallelism);
    BroadcastStream<Tuple2<String, Long>> ruleStream = env.fromCollection(rules).broadcast(RULES);
    List<String> out = env.fromCollection(values).keyBy(t -> t.f0).connect(ruleStream).process(new ApplyRules())
        .executeAndCollect(Integer.MAX_VALUE);
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  static final OutputTag<Long> ODD = new OutputTag<>("odd", Types.LONG);

  @Test
  void sideOutputsReachTheirOwnStream() throws Exception {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING, 2);
    SingleOutputStreamOperator<Long> evens = env.fromSequence(1, 50).process(new ProcessFunction<Long, Long>() {
      @Override
      public void processElement(Long value, Context ctx, Collector<Long> out) {
        if (value % 2 == 0) {
          out.collect(value);
        } else {
          ctx.output(ODD, value);
        }
      }
    });
    List<String> out = evens.map(x -> "even " + x).returns(Types.STRING)
        .union(evens.getSideOutput(ODD).map(x -> "odd " + x).returns(Types.STRING))
        .executeAndCollect(1000);
    List<String> expected = LongStream.rangeClosed(1, 50).mapToObj(i -> (i % 2 == 0 ? "even " : "odd ") + i).toList();
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aThrowingMapFailsTheJobWithOperatorSubtaskAndRecord() {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING, 2);
    env.fromSequence(1, 100).map(x -> 10 / (x - 42)).name("Divide").sinkTo(new io.weir.datastream.sinks.DiscardingSink<>());
    assertThatThrownBy(() -> env.execute("failing"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("Operator 'Divide'")
        .hasMessageContaining("failed on record 42")
        .hasMessageContaining("ArithmeticException");

    StreamExecutionEnvironment env2 = env(RuntimeExecutionMode.BATCH, 1);
    CloseableIterator<Long> it = env2.fromSequence(1, 100).map(x -> 10 / (x - 42)).map(x -> (long) x).executeAndCollect();
    assertThatThrownBy(() -> {
      while (it.hasNext()) {
        it.next();
      }
    }).isInstanceOf(JobFailedException.class).hasMessageContaining("Operator 'Map'").hasMessageContaining("record 42");

    StreamExecutionEnvironment env3 = env(RuntimeExecutionMode.STREAMING, 1);
    assertThatThrownBy(() -> env3.fromElements("1", "x").map(Integer::parseInt).executeAndCollect(10))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("failed on record x")
        .hasMessageContaining("NumberFormatException");
  }

  /** No returns(...): the tuple type is imprecise (class-tagged), and positions still work at runtime. */
  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("modesAndParallelism")
  void erasedLambdaTypesStillRun(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    StreamExecutionEnvironment env = env(mode, parallelism);
    SingleOutputStreamOperator<Tuple2<String, Integer>> pairs = env.fromElements("a", "b", "a", "c", "a")
        .map(w -> Tuple2.of(w, 1));
    assertThat(pairs.getType().isPrecise()).isFalse();
    List<Tuple2<String, Integer>> out = pairs.keyBy(0).sum(1).executeAndCollect(100);
    Map<String, Integer> counts = new HashMap<>();
    lastPerKey(out, t -> t.f0).forEach((k, v) -> counts.put(k, v.f1));
    assertThat(counts).isEqualTo(Map.of("a", 3, "b", 1, "c", 1));
  }

  @Test
  void executeAndCollectWithALimitStopsTheJobEarly() throws Exception {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.STREAMING, 2);
    long start = System.nanoTime();
    List<Long> first = env.fromSequence(1, Long.MAX_VALUE - 1).executeAndCollect(10);
    assertThat(first).hasSize(10);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void printWritesSubtaskPrefixes() throws Exception {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, 2);
      env.fromSequence(1, 6).print("n");
      env.execute();
    } finally {
      System.setOut(original);
    }
    List<String> lines = List.of(captured.toString(java.nio.charset.StandardCharsets.UTF_8).split("\\R"));
    assertThat(lines).hasSize(6).allMatch(l -> l.matches("n:[12]> [1-6]"));
    assertThat(lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).sorted().toList())
        .containsExactly("1", "2", "3", "4", "5", "6");
  }

  /** Keyed state in a rich map after keyBy: a running index per key. */
  static final class IndexPerKey extends RichMapFunction<Reading, String> {
    private transient ValueState<Long> seen;

    @Override
    public void open(OpenContext context) {
      seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.LONG));
    }

    @Override
    public String map(Reading r) throws Exception {
      long n = seen.value() == null ? 1 : seen.value() + 1;
      seen.update(n);
      return r.sensor() + "#" + n;
    }
  }

  @ParameterizedTest(name = "{0} p={1}")
  @MethodSource("modesAndParallelism")
  void richMapAfterKeyByHasKeyedState(RuntimeExecutionMode mode, int parallelism, long seed) throws Exception {
    List<Reading> readings = randomReadings(new Random(seed), 100, 5);
    Map<String, Long> perSensor = readings.stream().collect(Collectors.groupingBy(Reading::sensor, Collectors.counting()));
    List<String> expected = new ArrayList<>();
    perSensor.forEach((s, n) -> LongStream.rangeClosed(1, n).forEach(i -> expected.add(s + "#" + i)));
    List<String> out = env(mode, parallelism).fromCollection(readings).keyBy(Reading::sensor).map(new IndexPerKey())
        .executeAndCollect(Integer.MAX_VALUE);
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void environmentCanRunSeveralJobs() throws Exception {
    StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, 2);
    assertThat(env.fromSequence(1, 5).executeAndCollect(100)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    assertThat(env.fromElements("a", "b").executeAndCollect(100)).containsExactlyInAnyOrder("a", "b");
  }
}
