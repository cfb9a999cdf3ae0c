package io.weir.sql.runtime.util;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.runtime.memory.MemoryManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Memory budget and spill directory of one batch SQL operator subtask. Operators do not see the
 * task's shared sort memory, so each takes a budget of its own: the value given to its constructor,
 * or a quarter of {@code execution.batch.memory-budget}. The spill directory is created lazily
 * under the first {@code io.tmp.dirs} entry and deleted on {@link #close()}.
 */
public final class SpillSupport implements AutoCloseable {
  private final MemoryManager memory;
  private final Path root;
  private final String prefix;
  private Path dir;

  public SpillSupport(Configuration config, long budgetBytes, String prefix) {
    long budget = budgetBytes > 0 ? budgetBytes : config.get(CoreOptions.BATCH_MEMORY_BUDGET).bytes() / 4;
    this.memory = new MemoryManager(budget);
    String dirs = config.get(CoreOptions.TMP_DIRS);
    String first = dirs == null ? "" : dirs.split("[,:" + java.io.File.pathSeparator + "]")[0].trim();
    this.root = Paths.get(first.isEmpty() ? System.getProperty("java.io.tmpdir") : first);
    this.prefix = prefix;
  }

  public MemoryManager memory() {
    return memory;
  }

  public Path spillDir() {
    if (dir == null) {
      try {
        Files.createDirectories(root);
        dir = Files.createTempDirectory(root, "weir-sql-" + prefix + "-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a spill directory under " + root + ": " + e.getMessage(), e);
      }
    }
    return dir;
  }

  @Override
  public void close() {
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort: the job's tmp cleanup removes leftovers
      }
      dir = null;
    }
  }
}
