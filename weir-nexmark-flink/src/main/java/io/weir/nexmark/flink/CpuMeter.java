package io.weir.nexmark.flink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Process CPU seconds over an interval minus the calling thread's (which only plans and waits),
 * measured the way Weir's {@code NexmarkRunner} measures its jobs so the two per-core figures compare.
 */
final class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private long processStart;
  private long threadStart;

  static CpuMeter start() {
    CpuMeter m = new CpuMeter();
    m.threadStart = threadCpu();
    m.processStart = processCpu();
    return m;
  }

  double stopSeconds() {
    long process = processCpu() - processStart;
    long thread = threadCpu() - threadStart;
    return Math.max(0, process - thread) / 1e9;
  }

  private static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  private static long threadCpu() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
