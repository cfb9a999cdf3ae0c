package io.weir.nexmark.flink;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.nexmark.bench.NexmarkRunner;
import io.weir.nexmark.bench.NexmarkWorkload;
import io.weir.nexmark.bench.QueryResult;
import io.weir.nexmark.queries.NexmarkQuery;
import io.weir.nexmark.sql.NexmarkTables;
import io.weir.sql.api.TableEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs Nexmark query files on Weir in STREAMING mode (measure, or collect the final result). */
public final class WeirEngine {
  private final int parallelism;
  private final Duration checkpointInterval;

  public WeirEngine(int parallelism, Duration checkpointInterval) {
    this.parallelism = parallelism;
    this.checkpointInterval = checkpointInterval;
  }

  /**
   * Measures the query exactly as {@code weir nexmark run} does ({@link NexmarkRunner}: the query's
   * INSERT into a blackhole sink, or q10's files; job runtime and process CPU), after an unmeasured
   * run of {@code warmupEvents} events if that is positive.
   */
  public Measurement run(String name, long events, long rate, long warmupEvents) throws Exception {
    NexmarkRunner.Settings settings = NexmarkRunner.Settings.of(events).withMode(RuntimeExecutionMode.STREAMING)
        .withParallelism(parallelism).withRate(rate).withCheckpointInterval(checkpointInterval)
        .withWarmupEvents(warmupEvents);
    QueryResult r = new NexmarkRunner(new NexmarkWorkload(), settings).run(name);
    return new Measurement("weir", name, parallelism, r.events(), r.wallSeconds(), r.cpuSeconds());
  }

  /** The query's final result (changelog applied), from the SELECT alone. */
  public ResultSet collect(String name, Map<String, String> connectorOptions) throws Exception {
    Path work = Files.createTempDirectory("weir-weir-" + name + "-");
    try {
      NexmarkQuery q = NexmarkQuery.load(name, work);
      TableEnvironment env = TableEnvironment.create(configuration(work.resolve("checkpoints")));
      define(env, q, connectorOptions);
      ResultSet out = new ResultSet();
      for (Row r : env.executeStatement(q.selectSql()).collectAll()) {
        Object[] fields = new Object[r.getArity()];
        for (int i = 0; i < fields.length; i++) {
          fields[i] = r.getField(i);
        }
        out.apply(r.getKind() == RowKind.UPDATE_BEFORE || r.getKind() == RowKind.DELETE, fields);
      }
      return out;
    } finally {
      FlinkEngine.deleteRecursively(work);
    }
  }

  private static void define(TableEnvironment env, NexmarkQuery q, Map<String, String> connectorOptions) {
    for (String ddl : NexmarkTables.ddl(connectorOptions)) {
      env.executeSql(ddl);
    }
    for (String setup : q.setupStatements()) {
      env.executeSql(setup);
    }
  }

  private Configuration configuration(Path checkpoints) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    if (checkpointInterval != null) {
      conf.set(CoreOptions.CHECKPOINT_INTERVAL, checkpointInterval);
      conf.set(CoreOptions.CHECKPOINT_DIR, checkpoints.toAbsolutePath().toString());
    }
    return conf;
  }
}
