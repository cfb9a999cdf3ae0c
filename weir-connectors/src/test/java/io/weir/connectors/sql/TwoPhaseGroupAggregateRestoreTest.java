package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.sql.api.TableEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A STREAMING GROUP BY with mini-batch runs in two phases (LocalGroupAggregate, which keeps no
 * state, and GlobalGroupAggregate): a checkpoint of it restores into the same query, and the
 * restored groups go on from their counts (updates, never a fresh insert of a known key).
 */
class TwoPhaseGroupAggregateRestoreTest {
  private static final String GEN = "CREATE TABLE gen (k INT, v BIGINT) WITH ('connector' = 'datagen', "
      + "'rows-per-second' = '5000', 'seed' = '7', 'fields.k.min' = '0', 'fields.k.max' = '4')";
  private static final String QUERY = "SELECT k, COUNT(*) AS c, SUM(v) AS s FROM gen GROUP BY k";

  private static TableEnvironment env(Configuration extra) {
    Configuration conf = new Configuration(extra);
    conf.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    conf.set(CoreOptions.WORKER_THREADS, 2);
    conf.setString("parallelism.default", "2");
    conf.setString("table.exec.mini-batch.enabled", "true");
    conf.setString("table.exec.mini-batch.size", "500");
    conf.setString("table.exec.mini-batch.allow-latency", "50 ms");
    TableEnvironment env = TableEnvironment.create(conf);
    env.executeSql(GEN);
    return env;
  }

  /** chk-N directories with a _metadata file; tolerates the job deleting older ones meanwhile. */
  private static List<Path> completeCheckpoints(Path root) {
    List<Path> out = new java.util.ArrayList<>();
    java.io.File[] jobs = root.toFile().listFiles();
    for (java.io.File job : jobs == null ? new java.io.File[0] : jobs) {
      java.io.File[] chks = job.listFiles();
      for (java.io.File chk : chks == null ? new java.io.File[0] : chks) {
        if (new java.io.File(chk, "_metadata").exists()) {
          out.add(chk.toPath());
        }
      }
    }
    return out;
  }

  private static long id(Path chk) {
    return Long.parseLong(chk.getFileName().toString().replaceAll("\\D", ""));
  }

  private static long newestId(Path root) throws Exception {
    return completeCheckpoints(root).stream().mapToLong(TwoPhaseGroupAggregateRestoreTest::id).max().orElse(0);
  }

  @Test
  void restoredGroupsContinueTheirCounts(@TempDir Path root) throws Exception {
    Path cp = root.resolve("cp");
    Configuration conf = new Configuration();
    conf.set(CoreOptions.CHECKPOINT_DIR, cp.toString());
    conf.set(CoreOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(50));
    TableEnvironment first = env(conf);
    assertThat(first.explainSql(QUERY)).contains("LocalGroupAggregate").contains("GlobalGroupAggregate");
    long deadline = System.currentTimeMillis() + 30_000;
    try (CloseableIterator<Row> it = first.executeStatement(QUERY).collect()) {
      // every key is in the global state once it has been emitted; a checkpoint triggered after
      // that holds all of them (ids rise every 50 ms: a few ids later is surely triggered later)
      java.util.Set<Object> seen = new java.util.HashSet<>();
      while (seen.size() < 5) {
        assertThat(it.hasNext()).isTrue();
        seen.add(it.next().getField(0));
      }
      long after = newestId(cp) + 3;
      while (newestId(cp) < after) {
        assertThat(System.currentTimeMillis()).as("checkpoints complete").isLessThan(deadline);
        assertThat(it.hasNext()).isTrue();
        it.next();
      }
    }
    // the newest one (older ones are dropped as newer ones complete)
    Path restoreFrom = completeCheckpoints(cp).stream()
        .max(java.util.Comparator.comparingLong(TwoPhaseGroupAggregateRestoreTest::id)).orElseThrow();
    Configuration restore = new Configuration();
    restore.set(CoreOptions.SAVEPOINT_PATH, restoreFrom.toString());
    Map<Object, RowKind> firstChange = new HashMap<>();
    try (CloseableIterator<Row> it = env(restore).executeStatement(QUERY).collect()) {
      while (firstChange.size() < 5) {
        assertThat(it.hasNext()).isTrue();
        Row r = it.next();
        firstChange.putIfAbsent(r.getField(0), r.getKind());
        if (r.getKind() == RowKind.UPDATE_AFTER) {
          assertThat((Long) r.getField(1)).isGreaterThan(1L);
        }
      }
    }
    // every key had rows before the checkpoint: its first change after the restore retracts the old row
    assertThat(firstChange.values()).containsOnly(RowKind.UPDATE_BEFORE);
  }
}
