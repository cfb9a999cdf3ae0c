package io.weir.benchmarks;

import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
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
 * The bare Nexmark generator on one thread (no engine): the physical limit of a Nexmark query's
 * source, the reference for "q0 at 70 % of the generator rate". Score = events/s; records/cpu-s
 * (events per process CPU-second, GC and JIT included) is the figure to trust on a loaded machine. The Flink tool's
 * generator makes ~3.2 M events/s per thread on the 2-core benchmark machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class NexmarkGeneratorBenchmark {
  static final int EVENTS = 1_000_000;

  private NexmarkGenerator generator;
  private long next;

  @Setup
  public void setup() {
    generator = new NexmarkGenerator(NexmarkConfig.builder().firstEventRate(10_000).build());
  }

  /** Every event (person, auction or bid) as an {@code Event}, as the DataStream source makes them. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void nexmarkGenerator(Blackhole bh, CpuCounters cpu) {
    cpu.start();
    long start = next;
    for (long i = start; i < start + EVENTS; i++) {
      bh.consume(generator.eventAt(i));
    }
    next = start + EVENTS;
    cpu.stop(EVENTS);
  }
}
