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
 * its share of {@code execution.batch.memory-budget} (BatchMemoryShares), or a quarter of it. The
 * spill directory is created lazily under the first {@code io.tmp.dirs} entry and deleted on
 * {@link #close()}.
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

  /** A new accounting of an operator's in-memory data against this budget, see {@link Reservation}. */
  public Reservation reservation() {
    return new Reservation(memory);
  }

  /**
   * What a batch operator's hash table holds, taken from the budget in chunks so the (atomic)
   * manager is not called per row or group: chunk = budget / 16, at most 1 MB and at least 64 bytes,
   * so a table still overflows once it holds about its budget (tests with a few KB spill too).
   */
  public static final class Reservation {
    private final MemoryManager memory;
    private final long chunk;
    private long reserved;
    private long used;

    Reservation(MemoryManager memory) {
      this.memory = memory;
      this.chunk = Math.max(64, Math.min(1 << 20, memory.budget() / 16));
    }

    /** Accounts {@code bytes} more; false (nothing accounted) when the budget cannot provide them. */
    public boolean tryUse(long bytes) {
      if (used + bytes <= reserved) {
        used += bytes;
        return true;
      }
      long want = Math.max(chunk, used + bytes - reserved);
      if (memory.tryReserve(want)) {
        reserved += want;
        used += bytes;
        return true;
      }
      return false;
    }

    /** Gives back {@code bytes} the operator no longer holds; whole spare chunks return to the budget. */
    public void free(long bytes) {
      used -= Math.min(used, bytes);
      long spare = reserved - used - chunk;
      if (spare >= chunk) {
        long back = spare / chunk * chunk;
        memory.release(back);
        reserved -= back;
      }
    }

    /** The table was emptied (emitted or spilled): everything goes back to the budget. */
    public void freeAll() {
      if (reserved > 0) {
        memory.release(reserved);
      }
      reserved = 0;
      used = 0;
    }

    /** Bytes accounted for what the operator holds. */
    public long used() {
      return used;
    }
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
