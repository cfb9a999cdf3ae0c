package io.weir.benchmarks;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.functions.AggregateFunction;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.datastream.sinks.DiscardingSink;
import io.weir.datastream.sources.NumberSequenceSource;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.runtime.execution.JobExecutionResult;
import java.time.Duration;

/**
 * The benchmarked jobs, kept apart from the JMH classes so that a plain test can run them on
 * small inputs (a benchmark that no longer runs is found by {@code mvn verify}, not by the next
 * person who wants numbers).
 */
public final class Jobs {
  private Jobs() {}

  static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(mode);
    env.setParallelism(parallelism);
    return env;
  }

  /** source -> map -> filter -> discard: the per-record cost of the engine with nothing else. */
  public static JobExecutionResult mapFilter(RuntimeExecutionMode mode, int parallelism, long records) throws Exception {
    StreamExecutionEnvironment env = env(mode, parallelism);
    env.fromSequence(1, records)
        .map(x -> x * 3 + 1)
        .filter(x -> (x & 3) != 0)
        .sinkTo(new DiscardingSink<>());
    return env.execute("map-filter");
  }

  /**
   * source -> key by (x mod keys) -> rolling sum -> discard: a hash exchange plus keyed state. In
   * STREAMING every record updates state and emits; in BATCH the input is sorted by key and only
   * the final sum per key is emitted.
   */
  public static JobExecutionResult keyedSum(RuntimeExecutionMode mode, int parallelism, long records, int keys)
      throws Exception {
    StreamExecutionEnvironment env = env(mode, parallelism);
    env.fromSequence(1, records)
        .map(x -> Tuple2.of(x % keys, x), TypeInfo.of(new TypeHint<Tuple2<Long, Long>>() {}))
        .keyBy(t -> t.f0)
        .sum(1)
        .sinkTo(new DiscardingSink<>());
    return env.execute("keyed-sum");
  }

  /**
   * Event time = the sequence number in ms (1000 records per second of event time), sliding
   * windows of {@code sizeMs} every {@code slideMs} per key, counting records.
   */
  public static JobExecutionResult slidingWindowCount(
      RuntimeExecutionMode mode, int parallelism, long records, int keys, long sizeMs, long slideMs) throws Exception {
    StreamExecutionEnvironment env = env(mode, parallelism);
    env.fromSource(new NumberSequenceSource(0, records - 1),
            WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x),
            "sequence")
        .keyBy(x -> x % keys)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(sizeMs), Duration.ofMillis(slideMs)))
        .aggregate(new Count())
        .sinkTo(new DiscardingSink<>());
    return env.execute("sliding-window-count");
  }

  static final class Count implements AggregateFunction<Long, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Long value, Long acc) {
      return acc + 1;
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
}
