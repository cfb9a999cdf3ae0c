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
 * Sliding event-time windows (10 s every 1 s: each record is in 10 windows) counting records per
 * key, 100 keys, 1000 records per second of event time. Score = records/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class SlidingWindowBenchmark {
  static final int RECORDS = 1_000_000;
  static final int KEYS = 100;

  @Param({"STREAMING", "BATCH"})
  public RuntimeExecutionMode mode;

  @Param({"1"})
  public int parallelism;

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void slidingWindowCount(CpuCounters cpu) throws Exception {
    cpu.start();
    Jobs.slidingWindowCount(mode, parallelism, RECORDS, KEYS, 10_000, 1_000);
    cpu.stop(RECORDS);
  }
}
