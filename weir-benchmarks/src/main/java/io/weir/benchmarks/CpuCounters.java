package io.weir.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Records and process CPU time of the measured jobs, reported by JMH next to the throughput.
 * {@code records / cpuSeconds} is the throughput per core: it charges the job for every thread
 * of the process (workers, GC, JIT) during the jobs, so running on more cores only pays when it
 * adds throughput, not when it just burns CPU.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuCounters {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Records the measured jobs processed (summed over the iteration). */
  public long records;

  /** Process CPU seconds while the measured jobs ran (summed over the iteration). */
  public double cpuSeconds;

  private long startCpuNanos;

  @Setup(Level.Iteration)
  public void reset() {
    records = 0;
    cpuSeconds = 0;
  }

  public void start() {
    startCpuNanos = OS.getProcessCpuTime();
  }

  public void stop(long recordsProcessed) {
    cpuSeconds += (OS.getProcessCpuTime() - startCpuNanos) / 1e9;
    records += recordsProcessed;
  }

  static double processCpuSeconds() {
    return OS.getProcessCpuTime() / 1e9;
  }
}
