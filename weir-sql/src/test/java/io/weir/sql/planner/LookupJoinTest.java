package io.weir.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.parser.SqlErrorException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Processing-time lookup joins: PROCTIME(), the plan, and what the planner rejects. */
class LookupJoinTest {
  private TableEnvironment env;

  @BeforeEach
  void setUp() {
    env = TableEnvironment.create(new Configuration());
    env.executeSql("CREATE TABLE orders (id INT, cust INT, pt AS PROCTIME(), ts TIMESTAMP(3)) WITH ("
        + "'connector' = 'values', 'rows' = '(1, 10, TIMESTAMP ''2024-01-01 00:00:00''), (2, 20, NULL)')");
    env.executeSql("CREATE TABLE customers (cid INT, name STRING, PRIMARY KEY (cid) NOT ENFORCED) WITH ("
        + "'connector' = 'values', 'rows' = '(10, ''ann'')')");
  }

  @Test
  void proctimeIsTheCurrentTime() {
    Instant before = Instant.now();
    List<Row> rows = env.executeStatement("SELECT id, pt FROM orders").collectAll();
    Instant after = Instant.now();
    assertThat(rows).hasSize(2);
    for (Row r : rows) {
      assertThat((Instant) r.getField(1)).isBetween(before.minusMillis(1), after.plusMillis(1));
    }
  }

  @Test
  void planUsesLookupJoinWithoutScanningTheDimensionTable() {
    String plan = env.explainSql(
        "SELECT o.id, c.name FROM orders AS o JOIN customers FOR SYSTEM_TIME AS OF o.pt AS c ON o.cust = c.cid");
    assertThat(plan).contains("LookupJoin(table=[customers], joinType=[INNER]");
    assertThat(plan).doesNotContain("TableSourceScan(table=[customers]");
  }

  @Test
  void dimensionTableWithoutLookupIsRejected() {
    env.executeSql("CREATE TABLE scan_only (cid INT, name STRING, PRIMARY KEY (cid) NOT ENFORCED) WITH ('connector' = 'scan-only')");
    assertThatThrownBy(() -> env.executeStatement(
        "SELECT o.id, c.name FROM orders AS o JOIN scan_only FOR SYSTEM_TIME AS OF o.pt AS c ON o.cust = c.cid").collectAll())
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("table scan_only (connector 'scan-only') does not support lookups");
  }

  @Test
  void asOfAColumnThatIsNoTimeAttributeIsRejected() {
    assertThatThrownBy(() -> env.executeStatement(
        "SELECT o.id, c.name FROM orders AS o JOIN customers FOR SYSTEM_TIME AS OF o.ts AS c ON o.cust = c.cid").collectAll())
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("FOR SYSTEM_TIME AS OF ts: needs a time attribute");
  }

  @Test
  void lookupWithoutEqualityIsRejected() {
    assertThatThrownBy(() -> env.executeStatement(
        "SELECT o.id, c.name FROM orders AS o JOIN customers FOR SYSTEM_TIME AS OF o.pt AS c ON o.cust > c.cid").collectAll())
        .isInstanceOf(SqlErrorException.class)
        .hasMessageContaining("lookup join on customers needs an equality");
  }
}
