package io.weir.benchmarks;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.Types;
import io.weir.datastream.sinks.DiscardingSink;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.operators.sink.SinkWriterOperator;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.planner.PhysicalNode;
import io.weir.sql.planner.PhysicalPlanner;
import io.weir.sql.planner.SqlPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmarked SQL work, apart from the JMH classes so that {@code SqlJobsSmokeTest} runs
 * every body on tiny inputs in {@code mvn verify}.
 */
public final class SqlJobs {
  private SqlJobs() {}

  static TableEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return TableEnvironment.create(c);
  }

  static final String BLACKHOLE = "'connector' = 'blackhole'";

  // ---------------------------------------------------------------- 10-way join planning

  static final int JOIN_TABLES = 10;

  /**
   * A session with tables {@code t0..t9 (id INT, next_id INT, v BIGINT, name STRING)}, each a
   * {@code values} table of {@code rowsPerTable} rows (the row count does not matter to the
   * planner, it has no statistics).
   */
  public static TableEnvironment joinChainSession(RuntimeExecutionMode mode, int rowsPerTable) {
    TableEnvironment env = env(mode, 1);
    Random random = new Random(42);
    for (int t = 0; t < JOIN_TABLES; t++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < rowsPerTable; i++) {
        rows.add(Row.of(i, random.nextInt(rowsPerTable), (long) random.nextInt(100), "n" + (i % 7)));
      }
      String id = ValuesData.register(rows);
      env.executeSql("CREATE TABLE t" + t + " (id INT, next_id INT, v BIGINT, name STRING) "
          + "WITH ('connector' = 'values', 'data-id' = '" + id + "')");
    }
    return env;
  }

  /** t0 ⋈ t1 ⋈ ... ⋈ t9 along next_id = id, a filter on two tables and a grouped aggregate on top. */
  public static String joinChainQuery() {
    StringBuilder sb = new StringBuilder("SELECT t0.name, COUNT(*) AS c, SUM(t9.v) AS s, MAX(t4.v) AS m FROM t0");
    for (int t = 1; t < JOIN_TABLES; t++) {
      sb.append(" JOIN t").append(t).append(" ON t").append(t - 1).append(".next_id = t").append(t).append(".id");
    }
    sb.append(" WHERE t0.v > 10 AND t5.name <> 'n3' GROUP BY t0.name");
    return sb.toString();
  }

  /**
   * Parse, validate, optimize and translate to the physical operators, then wrap the result in
   * the StreamGraph a job would be submitted with (a discarding sink on top): what the session
   * does before it runs a query, minus running it. Generated classes are compiled lazily when
   * the job starts, so Janino is not in this figure.
   */
  public static StreamGraph planToStreamGraph(TableEnvironment env, String sql) {
    SqlPlanner planner = new SqlPlanner(env.getCatalog());
    SqlPlanner.PlannedQuery planned = planner.plan(new SourcePos(sql, 0, sql.length()));
    var calc = PhysicalPlanner.toCalc(planned.optimized());
    ClassLoader cl = SqlJobs.class.getClassLoader();
    boolean batch = PhysicalPlanner.isBatch(env.getConfig(), new PhysicalPlanner(env.getConfig(), false, cl).allBounded(calc));
    PhysicalNode root = new PhysicalPlanner(env.getConfig(), batch, cl).translate(calc);
    Configuration jobConfig = new Configuration(env.getConfig());
    jobConfig.set(CoreOptions.RUNTIME_MODE, batch ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
    Transformation<?> sink = new OneInputTransformation<>(root.transformation(), "Discard",
        new SinkWriterOperator<>(new DiscardingSink<Row>()), Types.VOID, 1);
    return new StreamGraph("plan", jobConfig, List.of(sink));
  }

  // ---------------------------------------------------------------- 10 M row jobs

  /**
   * {@code src (k BIGINT, v BIGINT)}: {@code rows} datagen rows, k uniform in [0, keys), v in
   * [0, 1000], fixed seed.
   */
  static String sourceDdl(String name, long rows, int keys) {
    return "CREATE TABLE " + name + " (k BIGINT, v BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '" + rows
        + "', 'seed' = '7', 'fields.k.min' = '0', 'fields.k.max' = '" + (keys - 1)
        + "', 'fields.v.min' = '0', 'fields.v.max' = '1000')";
  }

  /**
   * {@code INSERT INTO sink SELECT k, COUNT(*), SUM(v) FROM src GROUP BY k}. {@code sinkOptions}
   * is the WITH clause of the sink (blackhole in the benchmark, a values sink in the smoke test).
   */
  public static void groupedAggregation(RuntimeExecutionMode mode, int parallelism, long rows, int keys,
      String sinkOptions) {
    TableEnvironment env = env(mode, parallelism);
    env.executeSql(sourceDdl("src", rows, keys) + ";\n"
        + "CREATE TABLE sink (k BIGINT, c BIGINT, s BIGINT) WITH (" + sinkOptions + ");\n"
        + "INSERT INTO sink SELECT k, COUNT(*), SUM(v) FROM src GROUP BY k;");
  }

  /**
   * {@code src} (rows) joined on k with {@code dim (k BIGINT, name STRING)} of {@code keys} rows
   * (k = 0..keys-1, so every source row finds exactly one partner):
   * {@code INSERT INTO sink SELECT s.k, d.name, s.v FROM src s JOIN dim d ON s.k = d.k}.
   */
  public static void equiJoin(RuntimeExecutionMode mode, int parallelism, long rows, int keys, String sinkOptions) {
    TableEnvironment env = env(mode, parallelism);
    env.executeSql(sourceDdl("src", rows, keys) + ";\n"
        + "CREATE TABLE dim (k BIGINT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '" + keys
        + "', 'fields.k.kind' = 'sequence', 'fields.k.start' = '0', 'fields.k.end' = '" + (keys - 1)
        + "', 'fields.name.length' = '8', 'seed' = '3');\n"
        + "CREATE TABLE sink (k BIGINT, name STRING, v BIGINT) WITH (" + sinkOptions + ");\n"
        + "INSERT INTO sink SELECT s.k, d.name, s.v FROM src s JOIN dim d ON s.k = d.k;");
  }

  /** The EXPLAIN text of the benchmarked job queries (recorded next to the figures). */
  public static String explainJobs(RuntimeExecutionMode mode, int keys) {
    TableEnvironment env = env(mode, 1);
    env.executeSql(sourceDdl("src", 1000, keys) + ";\n"
        + "CREATE TABLE dim (k BIGINT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '" + keys
        + "', 'fields.k.kind' = 'sequence', 'fields.k.start' = '0', 'fields.k.end' = '" + (keys - 1) + "');");
    return env.explainSql("SELECT k, COUNT(*), SUM(v) FROM src GROUP BY k") + "\n"
        + env.explainSql("SELECT s.k, d.name, s.v FROM src s JOIN dim d ON s.k = d.k");
  }
}
