package io.weir.benchmarks;

import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.util.*;

/**
 * Summarizes a JDK Flight Recorder file the way docs/benchmarks.md reports hot spots (JDK 17's
 * {@code jfr} tool has no {@code view} command): shares of execution samples by top frame (self)
 * and by any frame (inclusive), allocation samples by class and by allocating frames.
 *
 * <pre>
 * java -cp benchmarks.jar io.weir.benchmarks.JfrTop FILE.jfr [TOP_N] [THREAD_NAME_PART]
 * </pre>
 * THREAD_NAME_PART = {@code worker} keeps the engine's task threads only.
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] a) throws Exception {
    if (a.length == 0) {
      System.err.println("usage: JfrTop FILE.jfr [TOP_N] [THREAD_NAME_PART]");
      return;
    }
    int n = a.length > 1 ? Integer.parseInt(a[1]) : 30;
    String thr = a.length > 2 ? a[2] : null;
    Map<String, Integer> self = new HashMap<>(), incl = new HashMap<>(), threads = new HashMap<>();
    Map<String, Double> allocCls = new HashMap<>(), allocSite = new HashMap<>();
    int total = 0; double allocTotal = 0;
    try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        String type = e.getEventType().getName();
        RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : null;
        if (type.equals("jdk.ExecutionSample")) {
          String tn = t == null ? "?" : t.getJavaName();
          if (thr != null && (tn == null || !tn.contains(thr))) continue;
          threads.merge(tn == null ? "?" : tn.replaceAll("[0-9]+", "#"), 1, Integer::sum);
          RecordedStackTrace st = e.getStackTrace();
          if (st == null) continue;
          total++;
          List<RecordedFrame> fr = st.getFrames();
          if (!fr.isEmpty()) self.merge(name(fr.get(0)), 1, Integer::sum);
          Set<String> seen = new HashSet<>();
          for (RecordedFrame x : fr) { String m = name(x); if (seen.add(m)) incl.merge(m, 1, Integer::sum); }
        } else if (type.equals("jdk.ObjectAllocationSample")) {
          RecordedThread et = e.getThread("eventThread");
          String tn = et == null ? "?" : et.getJavaName();
          if (thr != null && (tn == null || !tn.contains(thr))) continue;
          double w = e.getLong("weight");
          allocTotal += w;
          allocCls.merge(e.getClass("objectClass").getName(), w, Double::sum);
          RecordedStackTrace st = e.getStackTrace();
          if (st != null && !st.getFrames().isEmpty()) {
            List<RecordedFrame> fr = st.getFrames();
            String site = name(fr.get(0)) + (fr.size() > 1 ? " <- " + name(fr.get(1)) : "") + (fr.size() > 2 ? " <- " + name(fr.get(2)) : "");
            allocSite.merge(site, w, Double::sum);
          }
        }
      }
    }
    System.out.println("samples=" + total + " threads=" + threads);
    print("SELF", self, total, n); print("INCLUSIVE", incl, total, n);
    System.out.printf("ALLOC total %.1f MB%n", allocTotal / 1e6);
    printD("ALLOC by class", allocCls, allocTotal, 15); printD("ALLOC by site", allocSite, allocTotal, 20);
  }
  static String name(RecordedFrame f) { var m = f.getMethod(); String c = m.getType().getName(); c = c.replace("io.weir.", ""); return c + "." + m.getName(); }
  static void print(String title, Map<String, Integer> m, int total, int n) {
    System.out.println("== " + title);
    m.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(n)
      .forEach(e -> System.out.printf("%5.1f%% %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }
  static void printD(String title, Map<String, Double> m, double total, int n) {
    System.out.println("== " + title);
    m.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue())).limit(n)
      .forEach(e -> System.out.printf("%5.1f%% %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }
}
