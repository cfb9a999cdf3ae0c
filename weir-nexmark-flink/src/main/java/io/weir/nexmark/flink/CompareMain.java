package io.weir.nexmark.flink;

import io.weir.nexmark.bench.NexmarkRunner;
import io.weir.nexmark.queries.NexmarkQuery;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs Nexmark queries on Weir and on Apache Flink (local MiniCluster) with the same events, the
 * same parallelism and the same checkpoint interval, and prints both throughputs, their ratio,
 * Weir's events per core-second, and whether both engines' final results are equal at a small N.
 */
@Command(name = "weir-nexmark-flink", mixinStandardHelpOptions = true,
    description = "Nexmark on Weir and on Apache Flink side by side.")
public final class CompareMain implements Callable<Integer> {
  @Option(names = "--query", defaultValue = "all", description = "q0,q1,... or all (default: ${DEFAULT-VALUE})")
  String query;

  @Option(names = "--events", defaultValue = "1000000", description = "events per measured run (default: ${DEFAULT-VALUE}; 0 = only verify)")
  long events;

  @Option(names = "--parallelism", defaultValue = "1", description = "parallelism of both engines (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--rate", defaultValue = "10000", description = "first-event.rate: events per second of event time (default: ${DEFAULT-VALUE})")
  long rate;

  @Option(names = "--checkpoint-interval", description = "checkpoint interval of both engines, e.g. 10s (default: none)")
  String checkpointInterval;

  @Option(names = "--warmup-events", defaultValue = "0", description = "run each query once unmeasured with this many events "
      + "on each engine first, for the JIT (default: ${DEFAULT-VALUE})")
  long warmupEvents;

  @Option(names = "--verify-events", defaultValue = "20000", description = "events of the result comparison run (default: ${DEFAULT-VALUE}; 0 = skip)")
  long verifyEvents;

  @Option(names = "--verify-rate", defaultValue = "200", description = "first-event.rate of the comparison run; low so that "
      + "its few events span many windows (default: ${DEFAULT-VALUE})")
  long verifyRate;

  @Option(names = "--flink-tool-options", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Flink table options as the Nexmark tool sets them: mini-batch 2 s/50,000 rows, split distinct aggregation (default: on)")
  boolean flinkToolOptions;

  @Option(names = "--json", description = "print one JSON object per query instead of the table")
  boolean json;

  @Option(names = "--engines", defaultValue = "weir,flink", split = ",",
      description = "engines to measure: weir, flink or both (default: ${DEFAULT-VALUE}); run each engine alone "
          + "in its own JVM so that neither warms or fills the heap for the other")
  List<String> engines;

  @Option(names = "--same-jvm", description = "measure both engines in this JVM, one after the other (default: "
      + "each engine in a JVM of its own, started with this JVM's options)")
  boolean sameJvm;

  private final PrintStream out;

  public CompareMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new CompareMain(System.out));
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      System.err.println("Error: " + e.getMessage());
      return 1;
    });
    System.exit(cl.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<String> queries = NexmarkRunner.parseQueries(query, NexmarkQuery.names());
    if (queries.contains(NexmarkRunner.GENERATOR)) {
      throw new IllegalArgumentException("--query: '" + NexmarkRunner.GENERATOR + "' is not a query both engines can run");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
    }
    if (events < 0 || verifyEvents < 0 || warmupEvents < 0 || rate <= 0 || verifyRate <= 0) {
      throw new IllegalArgumentException("--events, --warmup-events and --verify-events must be >= 0, --rate and --verify-rate > 0");
    }
    for (String e : engines) {
      if (!e.equals("weir") && !e.equals("flink")) {
        throw new IllegalArgumentException("--engines: unknown engine '" + e + "' (expected weir, flink or weir,flink)");
      }
    }
    boolean both = engines.contains("weir") && engines.contains("flink");
    if (!both && verifyEvents > 0) {
      throw new IllegalArgumentException("--engines " + String.join(",", engines)
          + ": comparing results needs both engines; add --verify-events 0");
    }
    Duration interval = checkpointInterval == null ? null : parseDuration(checkpointInterval);
    // Janino caches its compiler factory in a static field on first use. Flink's generated code asks
    // from the task's class loader, which cannot see Janino's service file when Flink runs first in
    // the JVM; resolving it once from the application class loader is what a Weir run did before.
    org.codehaus.commons.compiler.CompilerFactoryFactory.getDefaultCompilerFactory(CompareMain.class.getClassLoader());
    Comparison comparison = new Comparison(engines.contains("weir") ? new WeirEngine(parallelism, interval) : null,
        engines.contains("flink") ? new FlinkEngine(parallelism, interval, flinkToolOptions) : null,
        rate, verifyRate, warmupEvents);
    List<Comparison.Outcome> outcomes = new ArrayList<>();
    if (!json) {
      out.printf(Locale.ROOT, "Nexmark, Weir vs Apache Flink %s (MiniCluster): %,d events, parallelism %d, first-event.rate %d, "
          + "checkpoints %s, results compared at %,d events (first-event.rate %d), %s%n", Comparison.flinkVersion(), events,
          parallelism, rate, interval == null ? "off" : "every " + interval.toMillis() + " ms", verifyEvents, verifyRate,
          events == 0 ? "no measured runs"
              : both && !sameJvm ? "each engine measured in a JVM of its own" : "measured in this JVM");
    }
    boolean fork = both && !sameJvm && events > 0;
    for (String q : queries) {
      // forked: only the result comparison here; the measured runs follow, one JVM per engine
      Comparison.Outcome o = comparison.compare(q, fork ? 0 : events, verifyEvents);
      outcomes.add(o);
      if (!fork) {
        report(o);
      }
    }
    if (fork) {
      List<String> options = measuredRunOptions();
      Map<String, ForkedRuns.Result> weirRuns = ForkedRuns.run("weir", queries, options);
      List<String> flinkQueries = queries.stream().filter(q -> !FlinkEngine.UNSUPPORTED.containsKey(q)).toList();
      Map<String, ForkedRuns.Result> flinkRuns = flinkQueries.isEmpty() ? Map.of()
          : ForkedRuns.run("flink", flinkQueries, options);
      for (int i = 0; i < outcomes.size(); i++) {
        Comparison.Outcome v = outcomes.get(i);
        ForkedRuns.Result w = weirRuns.getOrDefault(v.query(), new ForkedRuns.Result(null, "no result from the weir JVM"));
        ForkedRuns.Result f = FlinkEngine.UNSUPPORTED.containsKey(v.query())
            ? new ForkedRuns.Result(null, FlinkEngine.UNSUPPORTED.get(v.query()))
            : flinkRuns.getOrDefault(v.query(), new ForkedRuns.Result(null, "no result from the flink JVM"));
        Comparison.Outcome o = new Comparison.Outcome(v.query(), parallelism, events, w.measurement(), f.measurement(),
            w.error(), f.error(), v.verifyEvents(), v.verdict());
        outcomes.set(i, o);
        report(o);
      }
    }
    if (!json) {
      Comparison.printTable(out, outcomes);
    }
    return 0;
  }

  private void report(Comparison.Outcome o) {
    if (json) {
      out.println(o.toJson());
    } else {
      System.err.println(o.summaryLine());
    }
    out.flush();
  }

  /** The options that shape a measured run, for a forked JVM. */
  private List<String> measuredRunOptions() {
    List<String> options = new ArrayList<>(List.of("--events", Long.toString(events), "--parallelism",
        Integer.toString(parallelism), "--rate", Long.toString(rate), "--warmup-events", Long.toString(warmupEvents),
        flinkToolOptions ? "--flink-tool-options" : "--no-flink-tool-options"));
    if (checkpointInterval != null) {
      options.add("--checkpoint-interval");
      options.add(checkpointInterval);
    }
    return options;
  }

  private static final Pattern DURATION = Pattern.compile("(?i)\\s*(\\d+)\\s*(ms|s|sec|min|m|h)?\\s*");

  static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("--checkpoint-interval: expected e.g. 10s, 500ms or 1min but was '" + s + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "min", "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.isZero()) {
      throw new IllegalArgumentException("--checkpoint-interval must be positive but was '" + s + "'");
    }
    return d;
  }

  static Map<String, String> connectorOptions(long events, long rate) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("events.num", Long.toString(events));
    options.put("first-event.rate", Long.toString(rate));
    return options;
  }
}
