package io.weir.benchmarks;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-row cost of one aggregate call list ({@link #CALLS}) in the generated handle (as the
 * operators use it; streaming = retractable MIN/MAX, batch = insert-only) and in the interpreted
 * one (an AggFunction object per call, a loop over the calls per row). 1,024 rows with NULLs into
 * 64 groups' accumulators, then the 64 results. Score = rows/s; interpreted is the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class SqlAggBenchmark {
  static final int ROWS = 1024;
  static final int GROUPS = 64;
  /** (k INT, v BIGINT, d DOUBLE, f BOOLEAN) */
  static final RowTypeInfo INPUT = new RowTypeInfo(Types.INT, Types.LONG, Types.DOUBLE, Types.BOOLEAN);
  /** COUNT(*), COUNT(v), SUM(v), AVG(d), MIN(v), MAX(d), SUM(v) FILTER (WHERE f), STDDEV_POP(d). */
  static final List<AggregateSpec> CALLS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "c"),
      new AggregateSpec(Kind.COUNT, 1, false, -1, Types.LONG, "cv"),
      new AggregateSpec(Kind.SUM, 1, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.AVG, 2, false, -1, Types.DOUBLE, "a"),
      new AggregateSpec(Kind.MIN, 1, false, -1, Types.LONG, "mn"),
      new AggregateSpec(Kind.MAX, 2, false, -1, Types.DOUBLE, "mx"),
      new AggregateSpec(Kind.SUM, 1, false, 3, Types.LONG, "sf"),
      new AggregateSpec(Kind.STDDEV_POP, 2, false, -1, Types.DOUBLE, "sd"));

  private Row[] rows;
  private RowAggregator streaming;
  private RowAggregator batch;
  private RowAggregator interpreted;

  static Row[] rows(int n, long seed) {
    Random rnd = new Random(seed);
    Row[] rows = new Row[n];
    for (int i = 0; i < n; i++) {
      rows[i] = Row.of(rnd.nextInt(GROUPS), rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(10_000),
          rnd.nextInt(10) == 0 ? null : rnd.nextDouble() * 100, rnd.nextBoolean());
    }
    return rows;
  }

  @Setup
  public void setup() {
    rows = rows(ROWS, 1);
    streaming = new RowAggregator(CALLS, INPUT, true);
    batch = new RowAggregator(CALLS, INPUT, false);
    interpreted = RowAggregator.interpreted(CALLS, INPUT);
  }

  /** Accumulates every row into its group, then reads every group's results. */
  static void run(RowAggregator agg, Row[] rows, Blackhole bh) {
    Object[][] accs = new Object[GROUPS][];
    for (int g = 0; g < GROUPS; g++) {
      accs[g] = agg.createAccumulators();
    }
    for (Row r : rows) {
      agg.accumulate(accs[(Integer) r.getField(0)], r);
    }
    Row out = new Row(agg.size());
    for (Object[] a : accs) {
      agg.getValues(a, out, 0);
      bh.consume(out.getField(0));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void aggGeneratedStreaming(Blackhole bh) {
    run(streaming, rows, bh);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void aggGeneratedBatch(Blackhole bh) {
    run(batch, rows, bh);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void aggInterpreted(Blackhole bh) {
    run(interpreted, rows, bh);
  }
}
