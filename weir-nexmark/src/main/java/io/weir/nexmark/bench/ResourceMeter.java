package io.weir.nexmark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;

/**
 * Process CPU time and peak heap over one measured interval.
 *
 * <p>CPU: {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime} delta, minus the CPU
 * the calling thread spent in the interval. The caller plans the SQL (Calcite) on its own thread
 * and then only waits for the job, so subtracting its CPU leaves the job's threads plus the JVM's
 * own work for it (GC, JIT): the cost of processing the events, not of planning them.
 *
 * <p>Peak heap: the peak usage of every heap memory pool is reset at {@link #start()} and the
 * peaks are summed at {@link #stop()}. Pools peak at different moments (eden fills up just before
 * each young collection), so the sum is an upper bound of the heap actually in use at any instant;
 * it is what the JVM needed to have committed to run the query without a larger heap.
 */
final class ResourceMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private long cpuStart;
  private long threadCpuStart;

  void start() {
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    threadCpuStart = threadCpu();
    cpuStart = processCpu();
  }

  /** The measurement since {@link #start()}. */
  Measurement stop() {
    long cpu = processCpu() - cpuStart;
    long thread = threadCpu() - threadCpuStart;
    long peak = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      var usage = pool.getPeakUsage();
      if (usage != null) {
        peak += usage.getUsed();
      }
    }
    return new Measurement(Math.max(0, cpu - thread) / 1e9, thread / 1e9, peak / (1024.0 * 1024.0));
  }

  /** CPU seconds of the job (process minus the calling thread), the caller's CPU, peak heap MB. */
  record Measurement(double cpuSeconds, double callerCpuSeconds, double peakHeapMb) {}

  static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      long t = os.getProcessCpuTime();
      if (t >= 0) {
        return t;
      }
    }
    throw new IllegalStateException("this JVM does not report the process CPU time"
        + " (com.sun.management.OperatingSystemMXBean#getProcessCpuTime)");
  }

  private static long threadCpu() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  private static java.util.List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }
}
