package io.weir.runtime.execution;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named job-wide counts (thread-safe), reported in {@link JobExecutionResult#counters()}. */
final class JobCounters {
  private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

  void add(String name, long delta) {
    counters.computeIfAbsent(name, k -> new LongAdder()).add(delta);
  }

  void max(String name, long value) {
    LongAdder a = counters.computeIfAbsent(name, k -> new LongAdder());
    synchronized (a) {
      long cur = a.sum();
      if (value > cur) {
        a.add(value - cur);
      }
    }
  }

  long get(String name) {
    LongAdder a = counters.get(name);
    return a == null ? 0 : a.sum();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> m = new TreeMap<>();
    counters.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }
}
