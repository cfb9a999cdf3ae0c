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

/** The baseline: a chained map and filter over a number sequence. Score = records/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class MapFilterBenchmark {
  static final int RECORDS = 2_000_000;

  @Param({"STREAMING", "BATCH"})
  public RuntimeExecutionMode mode;

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void mapFilter(CpuCounters cpu) throws Exception {
    cpu.start();
    Jobs.mapFilter(mode, 1, RECORDS);
    cpu.stop(RECORDS);
  }
}
