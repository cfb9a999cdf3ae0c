package io.weir.nexmark.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.sql.api.TableEnvironment;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BATCH join planning over the Nexmark views: the row estimate sees the {@code event_type = k}
 * filter pushed into the one nexmark table (auctions are 3 and bids 46 of every 50 events), so a
 * hash join builds on, or broadcasts, the auctions whichever side of the join they are written on.
 */
class NexmarkJoinEstimateTest {
  private static TableEnvironment env(long events, String broadcastThreshold) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    c.setString("table.optimizer.join.broadcast-threshold", broadcastThreshold);
    TableEnvironment env = TableEnvironment.create(c);
    for (String ddl : NexmarkTables.ddl(Map.of("events.num", String.valueOf(events)))) {
      env.executeSql(ddl);
    }
    return env;
  }

  private static String joinLine(TableEnvironment env, String sql) {
    String plan = env.explainSql(sql);
    String physical = plan.substring(plan.indexOf("== Physical Plan"));
    return physical.lines().filter(l -> l.contains("Join(")).findFirst().orElseThrow().trim();
  }

  @ParameterizedTest
  @CsvSource({
      // q9's join: auction on the left
      "'SELECT * FROM auction A JOIN bid B ON A.id = B.auction', 10000000, -1, 'HashJoin(', 'build=[left]'",
      // the same join written the other way round
      "'SELECT * FROM bid B JOIN auction A ON A.id = B.auction', 10000000, -1, 'HashJoin(', 'build=[right]'",
      // q20: a further filter on the auctions keeps them the smaller side
      "'SELECT * FROM bid B JOIN auction A ON B.auction = A.id WHERE A.category = 10', 10000000, -1, 'HashJoin(', 'build=[right]'",
      // q23's persons (1 in 50) against bids
      "'SELECT * FROM bid B JOIN person P ON B.bidder = P.id', 10000000, -1, 'HashJoin(', 'build=[right]'",
      // 100,000 events: 6,000 auctions fit the threshold, 92,000 bids do not
      "'SELECT * FROM auction A JOIN bid B ON A.id = B.auction', 100000, 10000, 'BroadcastHashJoin(', 'broadcast=[left]'",
      // 1,000,000 events: 60,000 auctions do not fit it either
      "'SELECT * FROM auction A JOIN bid B ON A.id = B.auction', 1000000, 10000, 'HashJoin(', 'build=[left]'",
  })
  void buildsOnTheSmallerNexmarkView(String sql, long events, String threshold, String strategy, String side) {
    String line = joinLine(env(events, threshold), sql);
    assertThat(line).startsWith(strategy).endsWith(side + ")");
  }
}
