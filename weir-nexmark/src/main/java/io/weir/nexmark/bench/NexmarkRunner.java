package io.weir.nexmark.bench;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.execution.JobExecutionResult;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.catalog.CatalogTable;
import io.weir.sql.catalog.Column;
import io.weir.sql.catalog.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Nexmark queries one after the other in this JVM and measures each (the engine of {@code
 * weir nexmark run}).
 *
 * <p>Per query: a fresh {@link TableEnvironment} with the mode and parallelism; the {@code nexmark}
 * table and the person/auction/bid views with {@code events.num} = N and {@code first-event.rate}
 * = R; the query's setup statements and sink table; then the INSERT, which runs as one job. Before
 * it the heap is collected ({@code System.gc()}) so queries do not pay for each other's garbage.
 *
 * <ul>
 *   <li><b>wall</b>: the job's runtime from start to end ({@link JobExecutionResult#netRuntime()}),
 *       without SQL planning (the generated code compiles when the operators open, inside it).
 *   <li><b>cpu</b>: process CPU time over the INSERT minus the CPU of the planning thread (see
 *       {@link ResourceMeter}); events per core-second = events / cpu.
 *   <li><b>peak heap</b>: the sum of the heap pools' peak usage over the INSERT ({@link ResourceMeter}).
 * </ul>
 *
 * <p>The pseudo-query {@link #GENERATOR} drains the Nexmark DataStream source into a discarding
 * sink: the rate of the generator alone, the ceiling of q0.
 *
 * <p><b>Latency mode</b> ({@link Settings#latency()}): the source is rate-limited to R events/s of
 * wall time ({@code 'rate.limited' = 'true'}: event k is due {@code wallClockOffsetMillis(k)} after
 * the start of the source's schedule) and the sink is {@code 'nexmark-latency'} ({@link
 * LatencyTableFactory}), which records for each result row (each +I/+U change record of an
 * updating result; retractions repeat an old row and are not measured) {@code now - due(t)}, t
 * being the event time the row answers, chosen per query ({@link #latencyTimeOptions}):
 * <ul>
 *   <li>per-event results (q0, q1, q10, q13, q14) and per-key latest/top rows (q18, q19): the
 *       row's {@code dateTime}: the path from the source to the sink;
 *   <li>joins with both times in the row (q9, q20): the later of the two;
 *   <li>window results: the window end (q8: stime + 10 s; q11: endtime). A window fires only once
 *       the watermark (max event time - 4 s) passes its end, so <b>the 4 s watermark delay is part
 *       of the measured latency</b>; q12's processing-time windows are measured against their
 *       wall-clock end;
 *   <li>results without a time column (q2-q7, q15-q17, q21-q23): the record's event timestamp as
 *       the engine carries it (for q2/q21/q22 the bid's time; for joins and aggregations the
 *       time their operator gives the output record).
 * </ul>
 * Rows due after they arrived (windows fired early by the end of a bounded input) are not measured:
 * run for longer than the windows (events / rate well above 14 s) to measure window queries. Use
 * {@code --warmup-events}: a cold JVM falls behind the schedule at first and the backlog shows as
 * latency. Due times come from the earliest schedule start of the source readers, so a reader that
 * starts later adds its start delay to its events' latency.
 */
public final class NexmarkRunner {
  private static final Logger LOG = LoggerFactory.getLogger(NexmarkRunner.class);

  /** The pseudo-query that measures the bare generator. */
  public static final String GENERATOR = "generator";

  /**
   * The table options the Flink Nexmark tool runs its queries with (its {@code sql-client-defaults}),
   * given to both engines so that they are compared alike ({@link Settings#toolOptions()}):
   * mini-batch aggregation (a group aggregation folds up to 50,000 buffered rows per key before it
   * touches state and emits one change per key, at the latest every 2 s) and split distinct
   * aggregation (Weir has none and ignores that key).
   */
  public static final Map<String, String> TOOL_TABLE_OPTIONS = Map.of(
      "table.exec.mini-batch.enabled", "true",
      "table.exec.mini-batch.allow-latency", "2 s",
      "table.exec.mini-batch.size", "50000",
      "table.optimizer.distinct-agg.split.enabled", "true");

  /** How to run: the options of {@code weir nexmark run}. */
  public record Settings(
      long events,
      RuntimeExecutionMode mode,
      int parallelism,
      long rate,
      Duration checkpointInterval,
      Path output,
      long warmupEvents,
      boolean latency,
      boolean toolOptions) {

    public Settings {
      Objects.requireNonNull(mode, "mode");
      if (events <= 0) {
        throw new IllegalArgumentException("events must be positive, got " + events);
      }
      if (mode != RuntimeExecutionMode.STREAMING && mode != RuntimeExecutionMode.BATCH) {
        throw new IllegalArgumentException("mode must be STREAMING or BATCH, got " + mode);
      }
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      if (rate <= 0) {
        throw new IllegalArgumentException("rate must be positive, got " + rate);
      }
      if (checkpointInterval != null && mode != RuntimeExecutionMode.STREAMING) {
        throw new IllegalArgumentException("checkpoints apply to STREAMING mode only");
      }
      if (latency && mode != RuntimeExecutionMode.STREAMING) {
        throw new IllegalArgumentException("latency mode needs STREAMING mode");
      }
      if (warmupEvents < 0) {
        throw new IllegalArgumentException("warm-up events must be >= 0, got " + warmupEvents);
      }
    }

    /** Without {@code toolOptions}: see {@link #withLatency}. */
    public Settings(long events, RuntimeExecutionMode mode, int parallelism, long rate, Duration checkpointInterval,
        Path output, long warmupEvents, boolean latency) {
      this(events, mode, parallelism, rate, checkpointInterval, output, warmupEvents, latency, !latency);
    }

    public static Settings of(long events) {
      return new Settings(events, RuntimeExecutionMode.STREAMING, 1, 10_000, null, null, 0, false, true);
    }

    public Settings withMode(RuntimeExecutionMode m) {
      return new Settings(events, m, parallelism, rate, checkpointInterval, output, warmupEvents, latency, toolOptions);
    }

    public Settings withParallelism(int p) {
      return new Settings(events, mode, p, rate, checkpointInterval, output, warmupEvents, latency, toolOptions);
    }

    public Settings withRate(long r) {
      return new Settings(events, mode, parallelism, r, checkpointInterval, output, warmupEvents, latency, toolOptions);
    }

    public Settings withCheckpointInterval(Duration d) {
      return new Settings(events, mode, parallelism, rate, d, output, warmupEvents, latency, toolOptions);
    }

    public Settings withOutput(Path dir) {
      return new Settings(events, mode, parallelism, rate, checkpointInterval, dir, warmupEvents, latency, toolOptions);
    }

    public Settings withWarmupEvents(long n) {
      return new Settings(events, mode, parallelism, rate, checkpointInterval, output, n, latency, toolOptions);
    }

    /**
     * Also turns the {@linkplain #TOOL_TABLE_OPTIONS tool options} off in latency mode (on
     * otherwise): mini-batch holds rows back for up to 2 s, which would be measured as latency;
     * call {@link #withToolOptions} afterwards to choose otherwise.
     */
    public Settings withLatency(boolean on) {
      return new Settings(events, mode, parallelism, rate, checkpointInterval, output, warmupEvents, on, !on);
    }

    public Settings withToolOptions(boolean on) {
      return new Settings(events, mode, parallelism, rate, checkpointInterval, output, warmupEvents, latency, on);
    }
  }

  private final Workload workload;
  private final Settings settings;
  /** Configuration options set on every job after the tool options (e.g. a planner switch to compare). */
  private final Map<String, String> options = new LinkedHashMap<>();

  public NexmarkRunner(Workload workload, Settings settings) {
    this.workload = Objects.requireNonNull(workload, "workload");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Sets these configuration options on every job (after the tool options, so they win). */
  public NexmarkRunner withOptions(Map<String, String> jobOptions) {
    options.putAll(jobOptions);
    return this;
  }

  /**
   * Expands a {@code --query} value ({@code q5}, {@code q1,q2}, {@code all}, {@code generator},
   * combinations) into query names; an unknown name fails naming it and the known ones.
   */
  public static List<String> parseQueries(String spec, List<String> known) {
    List<String> out = new ArrayList<>();
    for (String raw : spec.split(",")) {
      String q = raw.strip().toLowerCase(Locale.ROOT);
      if (q.isEmpty()) {
        continue;
      }
      if (q.equals("all")) {
        out.addAll(known);
      } else if (q.equals(GENERATOR) || known.contains(q)) {
        out.add(q);
      } else if (known.contains("q" + q)) {
        out.add("q" + q);
      } else {
        throw new IllegalArgumentException("unknown query '" + raw.strip() + "' (expected q0 ... q"
            + (known.size() - 1) + ", " + GENERATOR + " or all, comma-separated)");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no query given (expected e.g. q5, q1,q2 or all)");
    }
    return out;
  }

  /** Runs one query (after its warm-up run, if any) and measures it. */
  public QueryResult run(String query) throws Exception {
    if (settings.warmupEvents() > 0) {
      LOG.info("Warming up {} with {} events", query, settings.warmupEvents());
      execute(query, settings.warmupEvents(), false);
    }
    return execute(query, settings.events(), true);
  }

  private QueryResult execute(String query, long events, boolean measured) throws Exception {
    Path checkpoints = settings.checkpointInterval() != null ? Files.createTempDirectory("weir-nexmark-checkpoints-") : null;
    try {
      Configuration conf = jobConfiguration(checkpoints);
      if (query.equals(GENERATOR)) {
        Map<String, String> options = connectorOptions(events, measured && settings.latency());
        collectGarbage();
        ResourceMeter meter = new ResourceMeter();
        meter.start();
        JobExecutionResult jr = workload.drainSource(conf, options);
        ResourceMeter.Measurement m = meter.stop();
        return result(query, events, jr, m, null);
      }
      return executeSql(query, events, measured, conf);
    } finally {
      deleteRecursively(checkpoints);
    }
  }

  private QueryResult executeSql(String name, long events, boolean measured, Configuration conf) throws Exception {
    boolean latency = measured && settings.latency();
    Path output = measured ? settings.output() : null;
    Path workDir = Files.createTempDirectory("weir-nexmark-" + name + "-");
    LatencySchedule schedule = null;
    try (LatencyRecorder recorder = latency ? LatencyRecorder.open() : null;
        ResultTableFactory.Collector collector = output != null ? ResultTableFactory.Collector.open() : null) {
      Workload.Query q = workload.load(name, workDir);
      TableEnvironment env = TableEnvironment.create(conf);
      Map<String, String> options = connectorOptions(events, latency);
      for (String ddl : workload.tableDdl(options)) {
        env.executeSql(ddl);
      }
      for (String setup : q.setupStatements()) {
        env.executeSql(setup);
      }
      // the query's own sink first: its schema tells which column to measure latency on
      env.executeSql(q.sinkDdl());
      CatalogTable sinkTable = env.getCatalog().getTable(q.sinkTableName())
          .orElseThrow(() -> new IllegalStateException(name + ": the sink DDL did not create table " + q.sinkTableName()));
      boolean keepOwnSink = false;
      Map<String, String> sinkOptions = null;
      if (latency) {
        sinkOptions = new LinkedHashMap<>();
        sinkOptions.put("connector", LatencyTableFactory.IDENTIFIER);
        sinkOptions.put(LatencyTableFactory.RECORDER.key(), recorder.id());
        sinkOptions.putAll(latencyTimeOptions(name, sinkTable.schema().physicalColumns()));
        schedule = workload.latencySchedule(options);
        recorder.schedule(schedule);
      } else if (output != null) {
        deleteRecursively(output.resolve(name));
        if (isFileSink(sinkTable)) {
          // q10 writes its own partitioned files into the work directory; they are copied out below
          keepOwnSink = true;
        } else {
          sinkOptions = new LinkedHashMap<>();
          sinkOptions.put("connector", "filesystem");
          sinkOptions.put("path", output.resolve(name).toAbsolutePath().toString());
          sinkOptions.put("format", "csv");
          sinkOptions.put("csv.header", "true");
        }
      } else if (isFileSink(sinkTable)) {
        keepOwnSink = true;
      }
      if (!keepOwnSink && sinkOptions == null) {
        sinkOptions = Map.of("connector", "blackhole");
      }
      if (sinkOptions != null) {
        replaceSink(env, q, sinkOptions);
      }
      TableResult insert;
      boolean materialized = false;
      ResourceMeter meter = new ResourceMeter();
      collectGarbage();
      meter.start();
      try {
        insert = env.executeStatement(q.insertSql());
      } catch (RuntimeException e) {
        if (output == null || !isUpdatesRejected(e)) {
          throw e;
        }
        // an updating result: the filesystem sink takes only inserts, so materialize it instead
        LOG.info("{} produces updates: writing its materialized final result", name);
        replaceSink(env, q, Map.of("connector", ResultTableFactory.IDENTIFIER,
            ResultTableFactory.COLLECTOR.key(), collector.id()));
        materialized = true;
        collectGarbage();
        meter.start();
        insert = env.executeStatement(q.insertSql());
      }
      ResourceMeter.Measurement m = meter.stop();
      if (materialized) {
        collector.writeCsv(output.resolve(name).resolve("result.csv"), sinkTable.schema().physicalNames());
      }
      JobExecutionResult jr = insert.jobClient().getJobExecutionResult().get();
      if (output != null && keepOwnSink) {
        copyRecursively(workDir.resolve(name), output.resolve(name));
      }
      LatencyStats stats = null;
      if (recorder != null) {
        stats = recorder.stats();
        if (recorder.skipped() > 0) {
          LOG.warn("{}: {} result rows carried no event time and were not measured", name, recorder.skipped());
        }
        if (recorder.early() > 0) {
          LOG.warn("{}: {} result rows were fired by the end of the input before their window's end was due and were"
              + " not measured", name, recorder.early());
        }
      }
      return result(name, events, jr, m, stats);
    } finally {
      if (schedule != null) {
        schedule.close();
      }
      deleteRecursively(workDir);
    }
  }

  private QueryResult result(String query, long events, JobExecutionResult jr, ResourceMeter.Measurement m,
      LatencyStats latency) {
    double wall = jr.netRuntime().toNanos() / 1e9;
    LOG.info("{}: job {} s, cpu {} s (planning thread {} s), peak heap {} MB", query, wall, m.cpuSeconds(),
        m.callerCpuSeconds(), m.peakHeapMb());
    long checkpoints = settings.checkpointInterval() != null ? jr.counter("checkpoints.completed") : -1;
    return new QueryResult(query, settings.mode().name().toLowerCase(Locale.ROOT), settings.parallelism(), events, wall,
        m.cpuSeconds(), m.peakHeapMb(), latency, checkpoints);
  }

  /** Visible for tests. */
  Configuration jobConfiguration(Path checkpoints) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.RUNTIME_MODE, settings.mode());
    conf.set(CoreOptions.DEFAULT_PARALLELISM, settings.parallelism());
    if (settings.toolOptions()) {
      TOOL_TABLE_OPTIONS.forEach(conf::setString);
    }
    options.forEach(conf::setString);
    if (checkpoints != null) {
      conf.set(CoreOptions.CHECKPOINT_INTERVAL, settings.checkpointInterval());
      conf.set(CoreOptions.CHECKPOINT_DIR, checkpoints.toAbsolutePath().toString());
    }
    return conf;
  }

  private Map<String, String> connectorOptions(long events, boolean rateLimited) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("events.num", Long.toString(events));
    options.put("first-event.rate", Long.toString(settings.rate()));
    if (rateLimited) {
      options.put("rate.limited", "true");
    }
    return options;
  }

  private static void replaceSink(TableEnvironment env, Workload.Query q, Map<String, String> options) {
    env.executeSql("DROP TABLE " + q.sinkTableName());
    env.executeSql(SinkDdl.withOptions(q.sinkDdl(), options));
  }

  private static boolean isFileSink(CatalogTable table) {
    return "filesystem".equals(table.options().get("connector"));
  }

  private static boolean isUpdatesRejected(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("cannot take updates")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Which event time a result row of each query answers (the {@code nexmark-latency} sink's time
   * options): {time-column(s), time-offset, time-domain}; null column = the record's timestamp.
   */
  private static final Map<String, String[]> LATENCY_TIME = Map.ofEntries(
      // one row per event: the event's own time
      Map.entry("q0", new String[] {"dateTime", null, null}),
      Map.entry("q1", new String[] {"dateTime", null, null}),
      Map.entry("q10", new String[] {"dateTime", null, null}),
      Map.entry("q13", new String[] {"dateTime", null, null}),
      Map.entry("q14", new String[] {"dateTime", null, null}),
      // the newest row per key / top 10 per auction: the bid that changed it
      Map.entry("q18", new String[] {"dateTime", null, null}),
      Map.entry("q19", new String[] {"dateTime", null, null}),
      // a join row answers the later of its two inputs
      Map.entry("q9", new String[] {"dateTime,bid_dateTime", null, null}),
      Map.entry("q20", new String[] {"bid_dateTime,auction_dateTime", null, null}),
      // windows fire at their end (plus the 4 s watermark delay)
      Map.entry("q8", new String[] {"stime", "10 s", null}),
      Map.entry("q11", new String[] {"endtime", null, null}),
      // processing-time windows: the end is a wall-clock instant
      Map.entry("q12", new String[] {"endtime", null, "processing"}));

  /**
   * The {@code nexmark-latency} sink options that say which event time a row of {@code query}
   * answers: the table above; for other queries a {@code dateTime} column if the result has one,
   * else the record's timestamp (q2, q21, q22: the bid's time; q3-q7, q15-q17, q23: whatever time
   * the engine's joins, aggregations and windows give their output records).
   */
  static Map<String, String> latencyTimeOptions(String query, List<Column> columns) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] spec = LATENCY_TIME.get(query);
    if (spec != null) {
      out.put(LatencyTableFactory.TIME_COLUMN.key(), spec[0]);
      if (spec[1] != null) {
        out.put(LatencyTableFactory.TIME_OFFSET.key(), spec[1]);
      }
      if (spec[2] != null) {
        out.put(LatencyTableFactory.TIME_DOMAIN.key(), spec[2]);
      }
      return out;
    }
    for (Column c : columns) {
      LogicalType.Kind k = c.type().kind();
      if (c.name().equalsIgnoreCase("dateTime") && (k == LogicalType.Kind.TIMESTAMP || k == LogicalType.Kind.TIMESTAMP_LTZ)) {
        out.put(LatencyTableFactory.TIME_COLUMN.key(), c.name());
        break;
      }
    }
    return out;
  }

  private static void collectGarbage() {
    System.gc();
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    if (!Files.exists(from)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
