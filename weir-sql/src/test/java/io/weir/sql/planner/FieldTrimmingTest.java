package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.connector.builtin.ValuesData;
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
 * Unused-field trimming ({@link FieldTrimmer}): a join under a narrow aggregate carries only the
 * columns the query reads (EXPLAIN), and queries of every shape trimming touches (joins,
 * aggregates, window TVFs, OVER, Top-N, UNION ALL, VALUES, sub-queries) return the same rows with
 * trimming on and off, on seeded random input, in both modes.
 */
class FieldTrimmingTest {
  private static final String DDL = """
      CREATE TABLE orders (id INT, cust INT, amount BIGINT, note STRING, pad STRING, ts TIMESTAMP(3),
        WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'values', 'data-id' = 'trim-orders');
      CREATE TABLE customers (cid INT, name STRING, region STRING, blob STRING)
        WITH ('connector' = 'values', 'data-id' = 'trim-customers');
      """;

  @BeforeAll
  static void data() {
    Random rnd = new Random(4242);
    List<Row> orders = new ArrayList<>();
    LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0);
    String[] notes = {"x", "gift", "", null};
    for (int i = 0; i < 400; i++) {
      // ascending with less disorder than the watermark delay: no row is late, so the results do
      // not depend on when watermarks travel
      LocalDateTime ts = base.plusNanos((i * 50L - rnd.nextInt(1500)) * 1_000_000L);
      Long amount = rnd.nextInt(12) == 0 ? null : (long) rnd.nextInt(100);
      orders.add(Row.of(i, rnd.nextInt(15), amount, notes[rnd.nextInt(notes.length)], "pad-" + rnd.nextInt(1000), ts));
    }
    List<Row> customers = new ArrayList<>();
    String[] regions = {"north", "south", "east", null};
    for (int c = 0; c < 12; c++) {
      customers.add(Row.of(c, "c" + c, regions[rnd.nextInt(regions.length)], "blob-" + rnd.nextInt(1000)));
    }
    ValuesData.register("trim-orders", orders);
    ValuesData.register("trim-customers", customers);
  }

  private static TableEnvironment env(String mode, boolean trim) {
    TableEnvironment env = TableEnvironment.create();
    env.executeSql(DDL + "SET 'execution.runtime-mode' = '" + mode + "';"
        + "SET '" + TableConfigOptions.TRIM_UNUSED_FIELDS + "' = '" + trim + "';");
    return env;
  }

  private static final String HOP = "TABLE(HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND))";

  static Stream<Arguments> queries() {
    List<String> qs = List.of(
        "SELECT c.region, MAX(o.amount), COUNT(*) FROM orders o JOIN customers c ON o.cust = c.cid GROUP BY c.region",
        // Nexmark q4's shape: an interval-like condition and an aggregate over an aggregate
        "SELECT region, AVG(m) FROM (SELECT o.cust, c.region, MAX(o.amount) AS m FROM orders o JOIN customers c"
            + " ON o.cust = c.cid WHERE o.note <> 'x' GROUP BY o.cust, c.region) GROUP BY region",
        "SELECT a.id, b.amount FROM orders a JOIN orders b ON a.cust = b.cust"
            + " AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts",
        "SELECT window_start, cust, SUM(amount) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '2' SECOND))"
            + " GROUP BY window_start, window_end, cust",
        // Nexmark q5's shape: one HOP aggregate twice (subplan reuse), its window columns joined
        "SELECT a.cust, a.n FROM (SELECT cust, COUNT(*) AS n, window_start, window_end FROM " + HOP
            + " GROUP BY cust, window_start, window_end) a JOIN (SELECT MAX(n) AS mx, window_start, window_end FROM"
            + " (SELECT COUNT(*) AS n, window_start, window_end FROM " + HOP + " GROUP BY cust, window_start, window_end)"
            + " GROUP BY window_start, window_end) b ON a.window_start = b.window_start AND a.window_end = b.window_end"
            + " AND a.n >= b.mx",
        "SELECT id, cust FROM (SELECT id, cust, note, ROW_NUMBER() OVER (PARTITION BY cust ORDER BY amount DESC, id) AS rn"
            + " FROM orders) WHERE rn <= 2",
        "SELECT id, SUM(amount) OVER (PARTITION BY cust ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders",
        "SELECT k, COUNT(*) FROM (SELECT cust AS k, note FROM orders UNION ALL SELECT cid, name FROM customers) GROUP BY k",
        "SELECT COUNT(*) FROM orders o JOIN customers c ON o.cust = c.cid",
        "SELECT v.k, COUNT(o.id) FROM (VALUES (1, 'a'), (2, 'b'), (99, 'z')) AS v(k, s) LEFT JOIN orders o ON o.cust = v.k"
            + " GROUP BY v.k",
        "SELECT c.region, COUNT(*) FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.cust = c.cid"
            + " AND o.amount > 50) GROUP BY c.region",
        "SELECT c.name, o.amount, o.id FROM orders o JOIN customers c ON o.cust = c.cid ORDER BY o.amount DESC, o.id"
            + " LIMIT 5");
    List<Arguments> out = new ArrayList<>();
    for (String q : qs) {
      out.add(Arguments.of("streaming", q));
    }
    // BATCH plans the same logical tree with other operators; the join, aggregate, reuse, UNION ALL,
    // VALUES and sort shapes suffice there
    for (int i : new int[] {0, 1, 4, 7, 9, 11}) {
      out.add(Arguments.of("batch", qs.get(i)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("queries")
  void sameRowsTrimmedAndUntrimmed(String mode, String query) {
    List<String> trimmed = sorted(env(mode, true).executeStatement(query).materialize());
    List<String> untrimmed = sorted(env(mode, false).executeStatement(query).materialize());
    assertThat(trimmed).isNotEmpty().isEqualTo(untrimmed);
  }

  @Test
  void joinUnderNarrowAggregateCarriesOnlyUsedColumns() {
    String q = "SELECT c.region, MAX(o.amount) FROM orders o JOIN customers c ON o.cust = c.cid GROUP BY c.region";
    for (String mode : List.of("streaming", "batch")) {
      List<List<String>> inputs = joinInputColumns(env(mode, true).explainSql(q));
      // the rowtime goes along (the watermark assigner stamps it) only when the input keeps it
      assertThat(inputs.get(0)).as(mode).containsExactlyInAnyOrder("cust", "amount");
      assertThat(inputs.get(1)).as(mode).containsExactlyInAnyOrder("cid", "region");
      List<List<String>> untrimmed = joinInputColumns(env(mode, false).explainSql(q));
      assertThat(untrimmed.get(0)).as(mode).contains("note", "pad");
      assertThat(untrimmed.get(1)).as(mode).contains("blob");
    }
  }

  @Test
  void windowTvfKeepsTimeColumnAndWindowColumns() {
    String q = "SELECT a.id, b.id FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' SECOND)) a"
        + " JOIN TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' SECOND)) b"
        + " ON a.cust = b.cust AND a.window_start = b.window_start AND a.window_end = b.window_end";
    String plan = env("streaming", true).explainSql(q);
    assertThat(plan).contains("WindowJoin(");
    // the other input is the same subplan, reused
    assertThat(joinInputColumns(plan).get(0)).contains("id", "cust", "ts", "window_start", "window_end")
        .doesNotContain("note", "pad", "amount");
    assertThat(sorted(env("streaming", true).executeStatement(q).materialize()))
        .isNotEmpty().isEqualTo(sorted(env("streaming", false).executeStatement(q).materialize()));
  }

  /** The output columns of the two inputs of the first (Window)Join of the physical plan. */
  private static List<List<String>> joinInputColumns(String explain) {
    String[] lines = explain.substring(explain.indexOf("== Physical Plan")).split("\n");
    int join = -1;
    for (int i = 0; i < lines.length && join < 0; i++) {
      String t = lines[i].trim();
      if (t.startsWith("Join(") || t.startsWith("WindowJoin(") || t.contains("HashJoin(") || t.startsWith("SortMergeJoin(")
          || t.startsWith("NestedLoopJoin(")) {
        join = i;
      }
    }
    assertThat(join).as("a join in\n" + explain).isGreaterThanOrEqualTo(0);
    int indent = indent(lines[join]) + 2;
    List<List<String>> out = new ArrayList<>();
    for (int i = join + 1; i < lines.length && indent(lines[i]) >= indent; i++) {
      if (indent(lines[i]) == indent) {
        out.add(columns(lines, i));
      }
    }
    assertThat(out).as(explain).hasSize(2);
    return out;
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  /** Output names of node {@code i}: a Calc ({@code e AS name, ..}), a scan ({@code fields=[..]}), or a watermark assigner or window TVF over such a node. */
  private static List<String> columns(String[] lines, int i) {
    String node = lines[i].trim();
    List<String> out = new ArrayList<>();
    if (node.startsWith("Calc(select=[")) {
      String list = node.substring("Calc(select=[".length(), node.indexOf("]", node.lastIndexOf(" AS ")));
      for (String item : list.split(", (?![^(\\[]*[)\\]])")) {
        out.add(item.substring(item.lastIndexOf(" AS ") + 4));
      }
    } else if (node.contains("fields=[")) {
      int s = node.indexOf("fields=[") + "fields=[".length();
      out.addAll(List.of(node.substring(s, node.indexOf(']', s)).split(", ")));
    } else if (node.startsWith("WatermarkAssigner(")) {
      out.addAll(columns(lines, i + 1));
      out.remove("$weir_wm");
    } else if (node.startsWith("WindowTableFunction(")) {
      out.addAll(columns(lines, i + 1));
      out.addAll(List.of("window_start", "window_end", "window_time"));
    } else {
      out.add(node); // unknown node: the assertion shows it
    }
    return out;
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
