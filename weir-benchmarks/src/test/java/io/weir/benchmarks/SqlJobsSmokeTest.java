package io.weir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.runtime.graph.StreamGraph;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.runtime.functions.RowProjection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every SQL benchmark body still runs, on tiny inputs, and computes what it claims to. */
class SqlJobsSmokeTest {

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
  void tenWayJoinPlansToAStreamGraphInTheRequestedMode(RuntimeExecutionMode mode) {
    TableEnvironment env = SqlJobs.joinChainSession(mode, 10);
    StreamGraph graph = SqlJobs.planToStreamGraph(env, SqlJobs.joinChainQuery());
    assertThat(graph.getSinks()).hasSize(1);
    assertThat(graph.getConfiguration().get(io.weir.core.config.CoreOptions.RUNTIME_MODE)).isEqualTo(mode);
    String explain = env.explainSql(SqlJobs.joinChainQuery());
    String physical = explain.substring(explain.indexOf("== Physical Plan"));
    assertThat(physical.split("Join\\(", -1)).hasSize(SqlJobs.JOIN_TABLES); // 9 joins
  }

  @Test
  void generatedAndInterpretedProjectionsAgreeRowByRow() {
    ExprEval.Projection p = ExprEval.plan();
    RowProjection generated = p.generated();
    RowProjection interpreted = p.interpreted();
    int nonNull = 0;
    for (Row in : ExprEval.rows(2_000, 99)) {
      Row g = generated.apply(in);
      assertThat(interpreted.apply(in)).as("row %s", in).isEqualTo(g);
      nonNull += g.getField(1) != null ? 1 : 0;
    }
    assertThat(nonNull).isGreaterThan(1_000);
  }

  @ParameterizedTest(name = "{0} p={1}")
  @CsvSource({"STREAMING,1", "BATCH,1", "STREAMING,2", "BATCH,2"})
  void aggregationAndJoinJobsProduceTheirResult(RuntimeExecutionMode mode, int parallelism) {
    long rows = 5_000;
    int keys = 50;
    String agg = "agg-" + UUID.randomUUID();
    SqlJobs.groupedAggregation(mode, parallelism, rows, keys, "'connector' = 'values', 'data-id' = '" + agg + "'");
    Map<Object, Row> groups = net(ValuesData.sinkRows(agg));
    assertThat(groups).isNotEmpty().hasSizeLessThanOrEqualTo(keys);
    assertThat(groups.values().stream().mapToLong(r -> (Long) r.getField(1)).sum()).isEqualTo(rows);

    String join = "join-" + UUID.randomUUID();
    SqlJobs.equiJoin(mode, parallelism, rows, keys, "'connector' = 'values', 'data-id' = '" + join + "'");
    List<Row> joined = ValuesData.sinkRows(join);
    assertThat(joined).hasSize((int) rows).allMatch(r -> r.getKind() == RowKind.INSERT && r.getField(1) != null);

    // the benchmark's own sink
    SqlJobs.groupedAggregation(mode, parallelism, rows, keys, SqlJobs.BLACKHOLE);
    SqlJobs.equiJoin(mode, parallelism, rows, keys, SqlJobs.BLACKHOLE);
    ValuesData.clear(agg);
    ValuesData.clear(join);
  }

  /** The final table of a changelog keyed by its first column. */
  private static Map<Object, Row> net(List<Row> changelog) {
    Map<Object, Row> table = new HashMap<>();
    for (Row r : changelog) {
      switch (r.getKind()) {
        case INSERT, UPDATE_AFTER -> table.put(r.getField(0), r);
        case UPDATE_BEFORE, DELETE -> table.remove(r.getField(0));
      }
    }
    return table;
  }
}
