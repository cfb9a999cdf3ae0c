package io.weir.benchmarks;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.graph.StreamGraph;
import io.weir.sql.api.TableEnvironment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning time of a 10-way chain join with a filter and a grouped aggregate, from SQL text to
 * the StreamGraph (no job runs). Score = ms per planned query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
public class SqlPlanningBenchmark {
  @Param({"STREAMING", "BATCH"})
  public RuntimeExecutionMode mode;

  private TableEnvironment env;
  private final String query = SqlJobs.joinChainQuery();

  @Setup
  public void setup() {
    env = SqlJobs.joinChainSession(mode, 100);
  }

  @Benchmark
  public StreamGraph planJoin10() {
    return SqlJobs.planToStreamGraph(env, query);
  }

  /** The same through the public API ({@code EXPLAIN}: planning plus the plan's text). */
  @Benchmark
  public String explainJoin10() {
    return env.explainSql(query);
  }
}
