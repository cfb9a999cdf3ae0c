package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.runtime.operators.WatermarkAssignerOperator;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WATERMARK step fused with the Calcs below (computed columns) and above it (the query's
 * projection and filter) into one operator: the same rows (and so the same late-row decisions of
 * event-time windows) as one operator per step, on seeded random input with out-of-order and NULL
 * rowtimes; the same EXPLAIN; one operator instead of a chain.
 */
class WatermarkCalcFusionTest {
  private static final String DDL = """
      CREATE TABLE events (id INT, kind INT, v BIGINT, s STRING, ts TIMESTAMP(3),
        t AS CASE WHEN kind = 0 THEN ts ELSE ts + INTERVAL '1' SECOND END,
        WATERMARK FOR t AS t - INTERVAL '2' SECOND) WITH ('connector' = 'values', 'data-id' = 'fusion-events');
      CREATE TABLE plain (id INT, v BIGINT, ts TIMESTAMP(3),
        WATERMARK FOR ts AS CASE WHEN v > 50 THEN ts ELSE ts - INTERVAL '3' SECOND END)
        WITH ('connector' = 'values', 'data-id' = 'fusion-plain');
      """;

  @BeforeAll
  static void data() {
    Random rnd = new Random(2026);
    List<Row> events = new ArrayList<>();
    List<Row> plain = new ArrayList<>();
    LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0);
    String[] words = {"ab", "Cd", "", null};
    for (int i = 0; i < 600; i++) {
      // roughly ascending with up to 3 s of disorder: some rows are behind the watermark
      LocalDateTime ts = rnd.nextInt(20) == 0 ? null : base.plusNanos((i * 100L - rnd.nextInt(3000)) * 1_000_000L);
      Long v = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(100);
      events.add(Row.of(i, rnd.nextInt(3), v, words[rnd.nextInt(words.length)], ts));
      plain.add(Row.of(i, v, ts));
    }
    ValuesData.register("fusion-events", events);
    ValuesData.register("fusion-plain", plain);
  }

  private static TableEnvironment env(String mode, boolean fuse) {
    TableEnvironment env = TableEnvironment.create();
    env.executeSql(DDL + "SET 'execution.runtime-mode' = '" + mode + "';"
        + "SET '" + LogicalWatermarkAssigner.FUSION_ENABLED + "' = '" + fuse + "';");
    return env;
  }

  static Stream<Arguments> queries() {
    List<String> qs = List.of(
        "SELECT id, v, t FROM events WHERE v > 10",
        "SELECT * FROM events",
        "SELECT id, UPPER(s), t, t, ts FROM events WHERE kind <> 1 OR s IS NULL",
        "SELECT window_start, window_end, COUNT(*), SUM(v) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(t), "
            + "INTERVAL '5' SECOND)) GROUP BY window_start, window_end",
        "SELECT window_start, COUNT(*), MAX(v) FROM TABLE(TUMBLE(TABLE plain, DESCRIPTOR(ts), INTERVAL '4' SECOND)) "
            + "WHERE v < 90 GROUP BY window_start, window_end",
        "SELECT id, ts FROM plain WHERE MOD(id, 3) = 0");
    List<Arguments> out = new ArrayList<>();
    for (String q : qs) {
      out.add(Arguments.of("streaming", q));
    }
    // BATCH has no late rows; two shapes suffice there
    out.add(Arguments.of("batch", qs.get(0)));
    out.add(Arguments.of("batch", qs.get(4)));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("queries")
  void fusedAndSeparateStepsGiveTheSameRows(String mode, String query) {
    List<Row> fused = env(mode, true).executeStatement(query).materialize();
    List<Row> separate = env(mode, false).executeStatement(query).materialize();
    assertThat(fused).as(query).isNotEmpty().containsExactlyInAnyOrderElementsOf(separate);
  }

  @ParameterizedTest
  @MethodSource("queries")
  void explainIsUnchanged(String mode, String query) {
    assertThat(env(mode, true).explainSql(query)).isEqualTo(env(mode, false).explainSql(query));
  }

  /** The operator names from the root down to the source. */
  private static List<String> chain(String query, boolean fuse) {
    TableEnvironment env = env("streaming", fuse);
    Configuration config = env.getConfig();
    SqlPlanner planner = new SqlPlanner(env.getCatalog());
    var planned = planner.plan(new SourcePos(query, 0, query.length()));
    PhysicalNode root = new PhysicalPlanner(config, false, WatermarkCalcFusionTest.class.getClassLoader())
        .translate(PhysicalPlanner.toCalc(planned.optimized()));
    List<String> names = new ArrayList<>();
    for (Transformation<?> t = root.transformation(); ; t = t.getInputs().get(0)) {
      names.add(t.getName());
      if (t.getInputs().isEmpty()) {
        return names;
      }
      if (fuse && t instanceof OneInputTransformation<?, ?> one) {
        assertThat(one.getOperator()).isInstanceOf(WatermarkAssignerOperator.class);
      }
    }
  }

  @Test
  void oneOperatorBetweenSourceAndSink() {
    String query = "SELECT id, UPPER(s), t FROM events WHERE v > 10";
    assertThat(chain(query, true)).containsExactly("WatermarkAssigner", "TableSourceScan(events)");
    List<String> separate = chain(query, false);
    assertThat(separate).hasSizeGreaterThanOrEqualTo(4).contains("WatermarkAssigner");
    assertThat(separate.stream().filter(n -> n.startsWith("Calc")).count()).isGreaterThanOrEqualTo(2);
  }
}
