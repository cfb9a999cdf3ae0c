package io.weir.cli;

import io.weir.core.config.ConfigOption;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.nexmark.bench.NexmarkRunner;
import io.weir.nexmark.bench.NexmarkWorkload;
import io.weir.nexmark.bench.QueryResult;
import io.weir.nexmark.bench.ResultFormat;
import io.weir.nexmark.bench.Workload;
import io.weir.nexmark.generate.NexmarkFileGenerator;
import io.weir.nexmark.generator.NexmarkConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code weir nexmark}: the Nexmark benchmark. {@code generate} writes the events as files;
 * {@code run} runs queries in this JVM and prints their figures (stdout holds only results).
 */
@Command(
    name = "nexmark",
    description = "The Nexmark streaming benchmark: generate event files, run and measure queries q0-q23.",
    subcommands = {NexmarkCommand.Generate.class, NexmarkCommand.Run.class},
    footer = {
      "",
      "Examples:",
      "  weir nexmark run --query q5 --events 1000000",
      "  weir nexmark run --query all --events 10000000 --parallelism 2 --checkpoint-interval 10s",
      "  weir nexmark run --query q0,q1 --events 1000000 --mode batch --json",
      "  weir nexmark run --query q0 --latency --rate 100000 --events 1000000",
      "  weir nexmark generate --events 100000 --out nexmark-data --format json"
    })
class NexmarkCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options both subcommands share. */
  static class EventOptions {
    @Option(names = "--events", required = true, paramLabel = "N", description = "Number of events (events.num).")
    long events;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "10000",
        description = "first-event.rate: events per second of event time (default ${DEFAULT-VALUE}); in latency mode also"
            + " the wall-clock rate of the source.")
    long rate;

    void check(CommandLine cl) {
      if (events <= 0) {
        throw new CommandLine.ParameterException(cl, "Invalid value for option '--events': must be positive, got " + events);
      }
      if (rate <= 0) {
        throw new CommandLine.ParameterException(cl, "Invalid value for option '--rate': must be positive, got " + rate);
      }
    }
  }

  /**
   * Creates an output directory before any event is generated, so that a path that cannot hold
   * one is reported as the option's fault instead of failing a job's sink later.
   */
  static void createOutputDirectory(CommandLine cl, String option, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(cl,
          "Invalid value for option '" + option + "': " + dir + " exists and is not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      String why = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NoSuchFileException ? "no such file or directory"
          : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
          : e.getClass().getSimpleName();
      throw new CommandLine.ParameterException(cl, "Invalid value for option '" + option + "': cannot create directory "
          + dir + " (" + why + ")");
    }
  }

  @Command(name = "generate", description = "Write the person, auction and bid events of N events as files.")
  static class Generate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Mixin EventOptions eventOptions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for person, auction and bid files.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (default) or json.")
    String format;

    @Override
    public Integer call() throws Exception {
      CommandLine cl = spec.commandLine();
      eventOptions.check(cl);
      NexmarkFileGenerator.Format f;
      try {
        f = NexmarkFileGenerator.Format.parse(format);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, "Invalid value for option '--format': '" + format
            + "' (expected csv or json)");
      }
      createOutputDirectory(cl, "--out", out);
      Logging.configure(WeirCli.isVerbose(cl));
      NexmarkConfig config = NexmarkConfig.builder().eventsNum(eventOptions.events).firstEventRate(eventOptions.rate).build();
      long start = System.nanoTime();
      NexmarkFileGenerator.Result r = NexmarkFileGenerator.write(config, out, f);
      PrintWriter w = cl.getOut();
      w.printf(Locale.ROOT, "Wrote %,d events in %.2f s: %,d persons to %s, %,d auctions to %s, %,d bids to %s%n",
          r.events(), (System.nanoTime() - start) / 1e9, r.persons(), r.personFile(), r.auctions(), r.auctionFile(),
          r.bids(), r.bidFile());
      w.flush();
      return 0;
    }
  }

  @Command(
      name = "run",
      description = {
        "Run Nexmark queries one after the other in this JVM and print, per query: events,",
        "wall seconds (job start to end), events/s, process CPU seconds, events per",
        "core-second (events / CPU s) and peak heap MB; several queries end with a table.",
        "A failing query prints 'Error: qN: ...' and the run goes on; the exit code is then 1."
      })
  static class Run implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--query", required = true, paramLabel = "QUERIES",
        description = "q0 ... q23, comma-separated, 'all' (q0-q23) or 'generator' (the source alone into a discarding sink).")
    String query;

    @CommandLine.Mixin EventOptions eventOptions;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "streaming",
        description = "streaming (default) or batch.")
    String mode;

    @Option(names = {"-p", "--parallelism"}, paramLabel = "P", defaultValue = "1", description = "Parallelism (default 1).")
    int parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "D",
        description = "STREAMING: checkpoint every D (e.g. 10s) into a temporary directory, removed afterwards.")
    String checkpointInterval;

    @Option(names = "--output", paramLabel = "DIR",
        description = "Write each query's result to DIR/qN/ (csv; an updating result as its final rows in result.csv)"
            + " instead of discarding it.")
    Path output;

    @Option(names = "--json", description = "Print one JSON object per query and line instead of text.")
    boolean json;

    @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "0",
        description = "Run each query once with N events, unmeasured, before the measured run (JIT warm-up).")
    long warmupEvents;

    @Option(names = "--latency",
        description = "Latency mode: the source emits at --rate events/s of wall time; prints p50/p99/p99.9/max of the delay"
            + " from an event's scheduled emission to its result at the sink.")
    boolean latency;

    @Option(names = "--tool-options", negatable = true,
        description = "Run with the Flink Nexmark tool's table options, as the Flink comparison does: mini-batch"
            + " aggregation (2 s / 50,000 rows; the default) or not (--no-tool-options; the default with --latency,"
            + " as mini-batch holds results back for up to 2 s).")
    Boolean toolOptions;

    @Option(names = "-D", paramLabel = "<key=value>",
        description = "Any configuration option for every query's job, e.g. -D table.optimizer.batch-windows-on-watermarks=false"
            + " (may repeat; wins over the tool options).")
    Map<String, String> properties = new LinkedHashMap<>();

    /** Where the runner comes from; tests may substitute one. */
    Workload workload = new NexmarkWorkload();

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      NexmarkRunner.Settings settings = settings(cl);
      List<String> queries;
      try {
        queries = NexmarkRunner.parseQueries(query, workload.names());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, "Invalid value for option '--query': " + e.getMessage());
      }
      boolean verbose = WeirCli.isVerbose(cl);
      Logging.configure(verbose);
      PrintWriter out = cl.getOut();
      PrintWriter err = cl.getErr();
      NexmarkRunner runner = new NexmarkRunner(workload, settings).withOptions(properties);
      List<QueryResult> results = new ArrayList<>();
      boolean failed = false;
      for (String q : queries) {
        try {
          QueryResult r = runner.run(q);
          results.add(r);
          out.println(json ? ResultFormat.json(r) : ResultFormat.humanLine(r));
          out.flush();
        } catch (Exception | OutOfMemoryError e) {
          failed = true;
          err.println("Error: " + q + ": " + message(e));
          if (verbose) {
            Failures.unwrap(e).printStackTrace(err);
          }
          err.flush();
        }
      }
      if (!json && results.size() > 1) {
        out.println();
        out.print(ResultFormat.table(results));
        String ratio = ResultFormat.generatorRatio(results);
        if (ratio != null) {
          out.println(ratio);
        }
        out.flush();
      }
      return failed ? 1 : 0;
    }

    /** SQL errors already say where (line, column); other failures as the CLI phrases them. */
    private static String message(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.weir.sql.parser.SqlErrorException && t.getMessage() != null) {
          return t.getMessage().lines().findFirst().orElse(t.getMessage());
        }
      }
      return Failures.oneLine(e);
    }

    private NexmarkRunner.Settings settings(CommandLine cl) {
      eventOptions.check(cl);
      RuntimeExecutionMode m = switch (mode.trim().toLowerCase(Locale.ROOT)) {
        case "streaming" -> RuntimeExecutionMode.STREAMING;
        case "batch" -> RuntimeExecutionMode.BATCH;
        default -> throw new CommandLine.ParameterException(cl,
            "Invalid value for option '--mode': '" + mode + "' (expected streaming or batch)");
      };
      if (parallelism < 1) {
        throw new CommandLine.ParameterException(cl,
            "Invalid value for option '--parallelism': must be at least 1, got " + parallelism);
      }
      if (warmupEvents < 0) {
        throw new CommandLine.ParameterException(cl,
            "Invalid value for option '--warmup-events': must be >= 0, got " + warmupEvents);
      }
      Duration interval = null;
      if (checkpointInterval != null) {
        try {
          interval = ConfigOption.parseDuration(checkpointInterval);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(cl,
              "Invalid value for option '--checkpoint-interval': '" + checkpointInterval + "' (expected e.g. 10s, 500ms, 1min)");
        }
        if (interval.isZero() || interval.isNegative()) {
          throw new CommandLine.ParameterException(cl,
              "Invalid value for option '--checkpoint-interval': must be positive, got '" + checkpointInterval + "'");
        }
        if (m != RuntimeExecutionMode.STREAMING) {
          throw new CommandLine.ParameterException(cl, "--checkpoint-interval applies to STREAMING mode only");
        }
      }
      if (latency && m != RuntimeExecutionMode.STREAMING) {
        throw new CommandLine.ParameterException(cl, "--latency needs STREAMING mode");
      }
      if (latency && output != null) {
        throw new CommandLine.ParameterException(cl, "--latency and --output cannot be combined (the latency sink replaces the output)");
      }
      if (output != null) {
        createOutputDirectory(cl, "--output", output);
      }
      return new NexmarkRunner.Settings(eventOptions.events, m, parallelism, eventOptions.rate, interval, output,
          warmupEvents, latency, toolOptions != null ? toolOptions : !latency);
    }
  }
}
