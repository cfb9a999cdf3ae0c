package io.weir.benchmarks;

import io.weir.core.config.RuntimeExecutionMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SQL grouped aggregation and equi-join over 10 M datagen rows into a blackhole sink, each
 * invocation one whole INSERT job (planning included, negligible at this size). Score = rows/s;
 * rows per CPU-second via {@link CpuCounters}. One invocation takes seconds, hence one short
 * warmup and two measured iterations (each iteration is at least one job).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// a STREAMING join keeps all 10 M probe-side rows in heap state
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
public class SqlJobsBenchmark {
  static final int ROWS = 10_000_000;
  static final int KEYS = 10_000;
  static final String SINK = SqlJobs.BLACKHOLE;

  @Param({"STREAMING", "BATCH"})
  public RuntimeExecutionMode mode;

  @Param({"1", "2"})
  public int parallelism;

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void sqlGroupAgg(CpuCounters cpu) {
    cpu.start();
    SqlJobs.groupedAggregation(mode, parallelism, ROWS, KEYS, SINK);
    cpu.stop(ROWS);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void sqlJoin(CpuCounters cpu) {
    cpu.start();
    SqlJobs.equiJoin(mode, parallelism, ROWS, KEYS, SINK);
    cpu.stop(ROWS);
  }
}
