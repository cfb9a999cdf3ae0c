package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.sql.api.TableEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQL query started from a checkpoint of another query ({@code execution.savepoint.path}):
 * the planner's operator uids differ, so the state cannot be placed and the start is refused.
 */
class SqlSavepointRestoreTest {
  private static final String GEN = "CREATE TABLE gen (k INT, v BIGINT) WITH ('connector' = 'datagen', "
      + "'rows-per-second' = '5000', 'seed' = '7', 'fields.k.min' = '0', 'fields.k.max' = '9')";

  private static TableEnvironment env(Configuration extra) {
    Configuration conf = new Configuration(extra);
    conf.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    conf.set(CoreOptions.WORKER_THREADS, 2);
    TableEnvironment env = TableEnvironment.create(conf);
    env.executeSql(GEN);
    return env;
  }

  /** Runs the query until its job has a complete checkpoint; returns the job's checkpoint directory. */
  private static Path checkpointOf(String query, Path root) throws Exception {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.CHECKPOINT_DIR, root.toString());
    conf.set(CoreOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(50));
    long deadline = System.currentTimeMillis() + 30_000;
    try (CloseableIterator<Row> it = env(conf).executeStatement(query).collect()) {
      while (completeCheckpoints(root).isEmpty()) {
        assertThat(System.currentTimeMillis()).as("a checkpoint completes").isLessThan(deadline);
        assertThat(it.hasNext()).isTrue();
        it.next();
      }
    }
    return completeCheckpoints(root).get(0).getParent();
  }

  private static List<Path> completeCheckpoints(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata")).map(Path::getParent).toList();
    }
  }

  @Test
  void changedQueryIsRefusedAndTheSameQueryRestores(@TempDir Path root) throws Exception {
    Path jobDir = checkpointOf("SELECT k, COUNT(*) AS c FROM gen GROUP BY k", root.resolve("cp"));
    Configuration restore = new Configuration();
    restore.set(CoreOptions.SAVEPOINT_PATH, jobDir.toString());

    TableEnvironment changed = env(restore);
    assertThatThrownBy(() -> changed.executeStatement("SELECT k, MAX(v) AS m FROM gen WHERE v > 0 GROUP BY k").collect())
        .hasMessageContaining("cannot start from checkpoint")
        .hasMessageContaining(jobDir.toString())
        .hasMessageContaining("keyed state")
        .hasMessageContaining("execution.savepoint.ignore-unclaimed-state=true");

    // the unchanged query finds every piece of its state
    try (CloseableIterator<Row> it = env(restore).executeStatement("SELECT k, COUNT(*) AS c FROM gen GROUP BY k").collect()) {
      assertThat(it.hasNext()).isTrue();
      it.next();
    }
  }
}
