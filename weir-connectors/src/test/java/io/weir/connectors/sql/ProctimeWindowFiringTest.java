package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.sql.api.TableEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A STREAMING window on a PROCTIME() attribute fires on the wall clock: its result arrives while
 * the source is still waiting to emit the rest of its rows (no later row pushes it out).
 */
class ProctimeWindowFiringTest {
  @Test
  void aProcessingTimeWindowFiresBeforeLaterRowsArrive() throws Exception {
    GatedTableFactory.GATE.set(false);
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    c.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    TableEnvironment env = TableEnvironment.create(c);
    env.executeSql("CREATE TABLE g (id BIGINT, pt AS PROCTIME()) WITH ('connector' = 'gated', 'first' = '5', 'total' = '12')");
    var result = env.executeStatement("SELECT window_start, COUNT(*) AS n, MAX(id) AS m "
        + "FROM TABLE(TUMBLE(TABLE g, DESCRIPTOR(pt), INTERVAL '1' SECOND)) GROUP BY window_start, window_end");
    // a safety net only: if no window fires on its own, open the gate so the job (and the test) ends
    AtomicBoolean openedByWatchdog = new AtomicBoolean();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    watchdog.schedule(() -> {
      openedByWatchdog.set(true);
      GatedTableFactory.GATE.set(true);
    }, 30, TimeUnit.SECONDS);
    List<Row> rows = new ArrayList<>();
    boolean firstBeforeGate;
    try (CloseableIterator<Row> it = result.collect()) {
      assertThat(it.hasNext()).isTrue();
      rows.add(it.next());
      firstBeforeGate = !GatedTableFactory.GATE.get();
      GatedTableFactory.GATE.set(true);
      it.forEachRemaining(rows::add);
    } finally {
      watchdog.shutdownNow();
      GatedTableFactory.GATE.set(false);
    }
    assertThat(openedByWatchdog).isFalse();
    assertThat(firstBeforeGate).isTrue();
    // the first result holds only rows from before the gate
    assertThat(((Number) rows.get(0).getField(2)).longValue()).isLessThan(5);
    long total = rows.stream().mapToLong(r -> ((Number) r.getField(1)).longValue()).sum();
    assertThat(total).isEqualTo(12);
  }
}
