package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A changelog must reach the result in order: every -U/-D after the row it retracts. The join of a
 * global (parallelism 1) aggregate with a table once fed a parallelism-2 Calc through a rebalance,
 * so -U and +U of one row could race on different channels; repeated because the race is timing
 * dependent.
 */
class ChangelogOrderTest {
  private static final String DDL = """
      CREATE TABLE a (id INT, v INT) WITH ('connector' = 'values',
        'rows' = '(1, 10), (2, 20), (3, 30), (4, 40), (5, NULL), (6, 35), (7, 5), (8, 38)')
      """;

  @RepeatedTest(15)
  void retractionsNeverOvertakeTheirRows() {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    TableEnvironment env = TableEnvironment.create(conf);
    env.executeSql(DDL);
    TableResult r = env.executeStatement("SELECT id, (SELECT MAX(v) FROM a) - v FROM a");
    assertThat(r.isChangelog()).isTrue();
    List<Row> changelog = r.collectAll();
    assertThat(changelog).anyMatch(row -> row.getKind() != RowKind.INSERT);
    // materialize fails on a retraction of a row not (yet) in the result
    List<Row> rows = TableResult.materialize(changelog);
    assertThat(rows).containsExactlyInAnyOrder(Row.of(1, 30), Row.of(2, 20), Row.of(3, 10), Row.of(4, 0),
        Row.of(5, null), Row.of(6, 5), Row.of(7, 35), Row.of(8, 2));
  }
}
