package io.weir.nexmark.flink;

import io.weir.nexmark.queries.NexmarkQuery;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * Runs one query on both engines: result comparison at a small N, then the measured runs. Either
 * engine may be null (measured in another JVM); then only the other one runs.
 */
public final class Comparison {
  private static final int SAMPLE_ROWS = 3;

  private final WeirEngine weir;
  private final FlinkEngine flink;
  private final long rate;
  private final long verifyRate;
  private final long warmupEvents;

  public Comparison(WeirEngine weir, FlinkEngine flink, long rate, long verifyRate, long warmupEvents) {
    this.warmupEvents = warmupEvents;
    this.weir = weir;
    this.flink = flink;
    this.rate = rate;
    this.verifyRate = verifyRate;
  }

  /** The outcome for one query; a field is null when that part was skipped or failed. */
  public record Outcome(String query, int parallelism, long events, Measurement weir, Measurement flink,
      String weirError, String flinkError, long verifyEvents, Verdict verdict) {

    public Double ratio() {
      return weir != null && flink != null && flink.eventsPerSecond() > 0
          ? weir.eventsPerSecond() / flink.eventsPerSecond() : null;
    }

    String summaryLine() {
      return String.format(Locale.ROOT, "%s: weir %s ev/s, flink %s ev/s, results %s", query,
          weir == null ? "-" : fmt(weir.eventsPerSecond()), flink == null ? "-" : fmt(flink.eventsPerSecond()),
          verdict.text());
    }

    public String toJson() {
      StringBuilder sb = new StringBuilder("{");
      field(sb, "query", quote(query));
      field(sb, "flink_version", quote(flinkVersion()));
      field(sb, "parallelism", Integer.toString(parallelism));
      field(sb, "events", Long.toString(events));
      measurement(sb, "weir", weir);
      measurement(sb, "flink", flink);
      Double r = ratio();
      field(sb, "ratio", r == null ? "null" : num(r));
      field(sb, "verify_events", Long.toString(verifyEvents));
      field(sb, "results_equal", verdict.equal() == null ? "null" : verdict.equal().toString());
      field(sb, "results", quote(verdict.text()));
      field(sb, "weir_error", weirError == null ? "null" : quote(weirError));
      field(sb, "flink_error", flinkError == null ? "null" : quote(flinkError));
      sb.setLength(sb.length() - 1);
      return sb.append('}').toString();
    }

    private static void measurement(StringBuilder sb, String engine, Measurement m) {
      field(sb, engine + "_events_per_s", m == null ? "null" : num(m.eventsPerSecond()));
      field(sb, engine + "_events_per_core_s", m == null ? "null" : num(m.eventsPerCoreSecond()));
      field(sb, engine + "_wall_s", m == null ? "null" : num(m.wallSeconds()));
      field(sb, engine + "_cpu_s", m == null ? "null" : num(m.cpuSeconds()));
    }

    private static void field(StringBuilder sb, String key, String value) {
      sb.append(quote(key)).append(':').append(value).append(',');
    }
  }

  /** Whether the results were equal: {@code equal} null when not compared, with why in {@code text}. */
  public record Verdict(Boolean equal, String text, List<String> details) {
    static Verdict skipped(String why) {
      return new Verdict(null, why, List.of());
    }
  }

  public Outcome compare(String query, long events, long verifyEvents) {
    String flinkUnsupported = FlinkEngine.UNSUPPORTED.get(query);
    Verdict verdict = verifyEvents == 0 ? Verdict.skipped("not compared")
        : flinkUnsupported != null ? Verdict.skipped("n/a (Flink cannot run it)")
        : !NexmarkQuery.load(query).isDeterministic() ? Verdict.skipped("n/a (processing time)")
        : verify(query, verifyEvents);
    Measurement w = null;
    Measurement f = null;
    String weirError = null;
    String flinkError = flinkUnsupported;
    if (events > 0) {
      if (weir != null) {
        try {
          w = weir.run(query, events, rate, warmupEvents);
        } catch (Exception | Error e) {
          weirError = message(e);
        }
      }
      if (flinkUnsupported == null && flink != null) {
        try {
          f = flink.run(query, events, rate, warmupEvents);
        } catch (Exception | Error e) {
          flinkError = message(e);
        }
      }
    }
    return new Outcome(query, parallelismOf(w, f), events, w, f, weirError, flinkError, verifyEvents, verdict);
  }

  private static int parallelismOf(Measurement w, Measurement f) {
    return w != null ? w.parallelism() : f != null ? f.parallelism() : 0;
  }

  private Verdict verify(String query, long verifyEvents) {
    ResultSet w = null;
    ResultSet f = null;
    List<String> errors = new ArrayList<>();
    try {
      w = weir.collect(query, CompareMain.connectorOptions(verifyEvents, verifyRate));
    } catch (Exception | Error e) {
      errors.add("weir: " + message(e));
    }
    try {
      f = flink.collect(query, CompareMain.connectorOptions(verifyEvents, verifyRate));
    } catch (Exception | Error e) {
      errors.add("flink: " + message(e));
    }
    if (w == null || f == null) {
      String who = w == null && f == null ? "both failed" : w == null ? "weir failed" : "flink failed";
      return new Verdict(null, who, errors);
    }
    if (w.equals(f)) {
      return new Verdict(true, "equal (" + w.size() + " rows)", List.of());
    }
    long onlyWeir = w.countMissingFrom(f);
    long onlyFlink = f.countMissingFrom(w);
    List<String> details = new ArrayList<>();
    w.missingFrom(f, SAMPLE_ROWS).forEach(r -> details.add("only weir:  " + r));
    f.missingFrom(w, SAMPLE_ROWS).forEach(r -> details.add("only flink: " + r));
    return new Verdict(false, "DIFFERENT (weir " + w.size() + " rows, flink " + f.size() + "; " + onlyWeir
        + " only in weir, " + onlyFlink + " only in flink)", details);
  }

  static void printTable(PrintStream out, List<Outcome> outcomes) {
    String format = "%-6s %14s %14s %11s %16s %16s  %s%n";
    out.printf(Locale.ROOT, format, "query", "weir ev/s", "flink ev/s", "weir/flink", "weir ev/core-s", "flink ev/core-s",
        "results equal?");
    for (Outcome o : outcomes) {
      Double r = o.ratio();
      out.printf(Locale.ROOT, format, o.query(),
          o.weir() != null ? fmt(o.weir().eventsPerSecond()) : o.weirError() != null ? "failed" : "-",
          o.flink() != null ? fmt(o.flink().eventsPerSecond())
              : FlinkEngine.UNSUPPORTED.containsKey(o.query()) ? "n/a" : o.flinkError() != null ? "failed" : "-",
          r == null ? "-" : String.format(Locale.ROOT, "%.2fx", r),
          o.weir() != null ? fmt(o.weir().eventsPerCoreSecond()) : "-",
          o.flink() != null ? fmt(o.flink().eventsPerCoreSecond()) : "-",
          o.verdict().text());
    }
    boolean header = false;
    for (Outcome o : outcomes) {
      List<String> notes = new ArrayList<>(o.verdict().details());
      if (o.weirError() != null) {
        notes.add("weir: " + o.weirError());
      }
      if (o.flinkError() != null) {
        notes.add("flink: " + o.flinkError());
      }
      if (!notes.isEmpty()) {
        if (!header) {
          out.println();
          header = true;
        }
        for (String n : notes) {
          out.println(o.query() + "  " + n);
        }
      }
    }
  }

  static String flinkVersion() {
    try {
      return EnvironmentInformation.getVersion();
    } catch (RuntimeException | LinkageError e) {
      return "?";
    }
  }

  static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getClass().getSimpleName() + ": " + root.getMessage();
    if (root != e && e.getMessage() != null && !e.getMessage().equals(root.getMessage())) {
      m = firstLine(e.getMessage()) + " <- " + m;
    }
    return firstLine(m);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
