package io.weir.nexmark.flink;

import io.weir.nexmark.queries.CountChar;
import io.weir.nexmark.queries.NexmarkQuery;
import io.weir.nexmark.sql.NexmarkTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs Nexmark query files on Apache Flink in a local MiniCluster (one per job), STREAMING mode,
 * heap state backend, checkpoints (if any) into a temporary directory; table options as the
 * Flink Nexmark tool sets them (mini-batch 2 s / 50,000 rows, split distinct aggregation) unless
 * {@code toolOptions} is false.
 */
public final class FlinkEngine {
  /** Queries Flink SQL cannot run, with the reason. */
  public static final Map<String, String> UNSUPPORTED = Map.of(
      "q6", "OVER aggregation over the retracting top-1 is not supported by Flink SQL (FLINK-19059)");

  /** q13's side table: read by a processing-time lookup join, which Flink's filesystem connector cannot serve. */
  private static final Pattern SIDE_TABLE = Pattern.compile(
      "(?is)\\s*CREATE\\s+TABLE\\s+`?side_input`?\\s*\\(.*'connector'\\s*=\\s*'filesystem'.*");

  /** Weir UDF classes named in query files, and their Flink equivalents. */
  private static final Map<String, String> FUNCTIONS = Map.of(CountChar.class.getName(), FlinkCountChar.class.getName());

  private final int parallelism;
  private final Duration checkpointInterval;
  private final boolean toolOptions;

  public FlinkEngine(int parallelism, Duration checkpointInterval, boolean toolOptions) {
    this.parallelism = parallelism;
    this.checkpointInterval = checkpointInterval;
    this.toolOptions = toolOptions;
  }

  /**
   * Runs the query's INSERT into its sink (blackhole, or q10's files) and measures the job, after
   * an unmeasured run of {@code warmupEvents} events (for the JIT) if that is positive.
   */
  public Measurement run(String name, long events, long rate, long warmupEvents) throws Exception {
    if (warmupEvents > 0) {
      runOnce(name, CompareMain.connectorOptions(warmupEvents, rate), warmupEvents);
    }
    return runOnce(name, CompareMain.connectorOptions(events, rate), events);
  }

  private Measurement runOnce(String name, Map<String, String> connectorOptions, long events) throws Exception {
    Path work = Files.createTempDirectory("weir-flink-" + name + "-");
    try {
      NexmarkQuery q = NexmarkQuery.load(name, work);
      StreamTableEnvironment tEnv = tableEnvironment(work.resolve("checkpoints"));
      define(tEnv, q, connectorOptions);
      tEnv.executeSql(flinkStatement(q.sinkDdl()));
      System.gc();
      TableResult result = tEnv.executeSql(flinkStatement(q.insertSql()));
      // executeSql returns once the job is submitted: starting here leaves out planning and the
      // MiniCluster's start-up (other threads, so not subtractable like the caller's own CPU).
      CpuMeter cpu = CpuMeter.start();
      JobClient client = result.getJobClient().orElseThrow();
      JobExecutionResult jr = client.getJobExecutionResult().get();
      double cpuSeconds = cpu.stopSeconds();
      return new Measurement("flink", name, parallelism, events, jr.getNetRuntime() / 1000.0, cpuSeconds);
    } finally {
      deleteRecursively(work);
    }
  }

  /** The query's final result (its changelog applied), from the SELECT alone. */
  public ResultSet collect(String name, Map<String, String> connectorOptions) throws Exception {
    Path work = Files.createTempDirectory("weir-flink-" + name + "-");
    try {
      NexmarkQuery q = NexmarkQuery.load(name, work);
      StreamTableEnvironment tEnv = tableEnvironment(work.resolve("checkpoints"));
      define(tEnv, q, connectorOptions);
      ResultSet out = new ResultSet();
      try (CloseableIterator<Row> it = tEnv.sqlQuery(flinkStatement(q.selectSql())).execute().collect()) {
        while (it.hasNext()) {
          Row r = it.next();
          Object[] fields = new Object[r.getArity()];
          for (int i = 0; i < fields.length; i++) {
            fields[i] = r.getField(i);
          }
          RowKind k = r.getKind();
          out.apply(k == RowKind.UPDATE_BEFORE || k == RowKind.DELETE, fields);
        }
      }
      return out;
    } finally {
      deleteRecursively(work);
    }
  }

  private void define(StreamTableEnvironment tEnv, NexmarkQuery q, Map<String, String> connectorOptions) {
    for (String ddl : NexmarkTables.ddl(connectorOptions)) {
      tEnv.executeSql(flinkTableDdl(ddl));
    }
    for (String setup : q.setupStatements()) {
      tEnv.executeSql(flinkStatement(SIDE_TABLE.matcher(setup).matches()
          ? setup.replaceFirst("'connector'\\s*=\\s*'filesystem'", "'connector' = '" + SideInputTableFactory.IDENTIFIER + "'")
          : setup));
    }
  }

  /**
   * Flink's parser takes a bare {@code dateTime} as a keyword (the Flink Nexmark tool back-quotes it
   * everywhere); Weir's DDL and query files leave it bare.
   */
  static String flinkTableDdl(String ddl) {
    return BARE_DATETIME.matcher(ddl).replaceAll("`dateTime`");
  }

  private static final Pattern BARE_DATETIME = Pattern.compile("(?<![`\\w])dateTime(?![`\\w])");

  /**
   * Swaps Weir UDF class names for their Flink versions and back-quotes {@code dateTime}, which
   * Flink 2.x parses as a keyword wherever it stands bare; everything else is run as written.
   */
  static String flinkStatement(String sql) {
    String out = flinkTableDdl(sql);
    for (Map.Entry<String, String> f : FUNCTIONS.entrySet()) {
      out = out.replace("'" + f.getKey() + "'", "'" + f.getValue() + "'");
    }
    return out;
  }

  private StreamTableEnvironment tableEnvironment(Path checkpointDir) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("execution.runtime-mode", "STREAMING");
    conf.put("parallelism.default", Integer.toString(parallelism));
    conf.put("state.backend.type", "hashmap");
    conf.put("table.local-time-zone", "UTC");
    if (checkpointInterval != null) {
      conf.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
      conf.put("execution.checkpointing.storage", "filesystem");
      conf.put("execution.checkpointing.dir", checkpointDir.toUri().toString());
    }
    if (toolOptions) {
      conf.putAll(io.weir.nexmark.bench.NexmarkRunner.TOOL_TABLE_OPTIONS);
    }
    Configuration configuration = Configuration.fromMap(conf);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, configuration);
    return StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().inStreamingMode()
        .withConfiguration(configuration).build());
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
