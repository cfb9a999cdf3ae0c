package io.weir.nexmark.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code weir nexmark run} prints results: one human line per query, a summary table, or one
 * JSON object per line (the contract other tools read: query, mode, parallelism, events, wall_s,
 * events_per_s, cpu_s, events_per_core_s, peak_heap_mb; plus latency_* fields in latency mode).
 */
public final class ResultFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultFormat() {}

  public static String json(QueryResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("query", r.query());
    o.put("mode", r.mode());
    o.put("parallelism", r.parallelism());
    o.put("events", r.events());
    o.put("wall_s", round(r.wallSeconds(), 3));
    o.put("events_per_s", Math.round(r.eventsPerSecond()));
    o.put("cpu_s", round(r.cpuSeconds(), 3));
    o.put("events_per_core_s", Math.round(r.eventsPerCoreSecond()));
    o.put("peak_heap_mb", round(r.peakHeapMb(), 1));
    LatencyStats l = r.latency();
    if (l != null) {
      o.put("latency_count", l.count());
      if (l.count() > 0) {
        o.put("latency_p50_ms", round(l.p50Ms(), 3));
        o.put("latency_p99_ms", round(l.p99Ms(), 3));
        o.put("latency_p999_ms", round(l.p999Ms(), 3));
        o.put("latency_max_ms", round(l.maxMs(), 3));
      } else {
        o.putNull("latency_p50_ms");
        o.putNull("latency_p99_ms");
        o.putNull("latency_p999_ms");
        o.putNull("latency_max_ms");
      }
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line, e.g. {@code q0: 1,000,000 events in 0.84 s = 1,190,476 events/s; cpu 1.52 s = 657,894 events/core-s; peak heap 310 MB}. */
  public static String humanLine(QueryResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s [%s, parallelism %d]: %,d events in %.2f s = %,.0f events/s; cpu %.2f s = %,.0f events/core-s;"
            + " peak heap %,.0f MB", r.query(), r.mode().toUpperCase(Locale.ROOT), r.parallelism(), r.events(), r.wallSeconds(), r.eventsPerSecond(),
        r.cpuSeconds(), r.eventsPerCoreSecond(), r.peakHeapMb()));
    if (r.checkpoints() >= 0) {
      sb.append(String.format(Locale.ROOT, "; %d checkpoint%s", r.checkpoints(), r.checkpoints() == 1 ? "" : "s"));
    }
    LatencyStats l = r.latency();
    if (l != null && l.count() == 0) {
      sb.append("; latency: no result row measured");
    } else if (l != null) {
      sb.append(String.format(Locale.ROOT, "; latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%,d results)",
          l.p50Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.count()));
    }
    return sb.toString();
  }

  /** The summary table of several queries (same columns as the lines, aligned). */
  public static String table(List<QueryResult> results) {
    boolean latency = results.stream().anyMatch(r -> r.latency() != null);
    List<String> header = new ArrayList<>(List.of("query", "mode", "p", "events", "wall s", "events/s", "cpu s",
        "events/core-s", "peak heap MB"));
    if (latency) {
      header.addAll(List.of("p50 ms", "p99 ms", "p99.9 ms", "max ms"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (QueryResult r : results) {
      List<String> row = new ArrayList<>(List.of(r.query(), r.mode().toUpperCase(Locale.ROOT), Integer.toString(r.parallelism()),
          fmt("%,d", r.events()), fmt("%.2f", r.wallSeconds()), fmt("%,.0f", r.eventsPerSecond()),
          fmt("%.2f", r.cpuSeconds()), fmt("%,.0f", r.eventsPerCoreSecond()), fmt("%,.0f", r.peakHeapMb())));
      if (latency) {
        LatencyStats l = r.latency();
        if (l == null || l.count() == 0) {
          row.addAll(List.of("", "", "", ""));
        } else {
          row.addAll(List.of(fmt("%.1f", l.p50Ms()), fmt("%.1f", l.p99Ms()), fmt("%.1f", l.p999Ms()), fmt("%.1f", l.maxMs())));
        }
      }
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    appendRow(sb, header, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    sb.append(rule).append('\n');
    for (List<String> row : rows) {
      appendRow(sb, row, width);
    }
    return sb.toString();
  }

  /**
   * With both q0 and the {@code generator} pseudo-query among the results: q0's rate as a fraction
   * of the bare generator's (the physical limit of a pass-through query), else null.
   */
  public static String generatorRatio(List<QueryResult> results) {
    QueryResult gen = null;
    QueryResult q0 = null;
    for (QueryResult r : results) {
      if (r.query().equals(NexmarkRunner.GENERATOR)) {
        gen = r;
      } else if (r.query().equals("q0")) {
        q0 = r;
      }
    }
    if (gen == null || q0 == null || gen.eventsPerSecond() <= 0) {
      return null;
    }
    return String.format(Locale.ROOT, "q0 / generator: %.2f (q0 %,.0f events/s, generator alone %,.0f events/s)",
        q0.eventsPerSecond() / gen.eventsPerSecond(), q0.eventsPerSecond(), gen.eventsPerSecond());
  }

  private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      sb.append(i == 0 ? "" : " | ");
      // text columns left-aligned, figures right-aligned
      sb.append(i < 2 ? c + " ".repeat(width[i] - c.length()) : " ".repeat(width[i] - c.length()) + c);
    }
    sb.append('\n');
  }

  private static String fmt(String f, Object v) {
    return String.format(Locale.ROOT, f, v);
  }

  private static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }
}
