package io.weir.connectors.file;

import io.weir.core.sink.Committer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes part files by an atomic rename from the hidden pending name to the final name.
 * Idempotent: a committable whose pending file is gone and whose final file exists was committed
 * before (e.g. the job restarted after committing but before noting it).
 */
final class FileSinkCommitter implements Committer<FileSinkCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSinkCommitter.class);

  @Override
  public void commit(Collection<FileSinkCommittable> committables) throws IOException {
    Set<Path> dirs = new HashSet<>();
    for (FileSinkCommittable c : committables) {
      Path pending = Path.of(c.pendingPath());
      Path fin = Path.of(c.finalPath());
      if (Files.exists(pending)) {
        Files.move(pending, fin, StandardCopyOption.ATOMIC_MOVE);
        dirs.add(fin.toAbsolutePath().getParent());
        LOG.debug("FileSink: published {}", fin);
      } else if (Files.exists(fin)) {
        LOG.debug("FileSink: {} was already published", fin);
      } else {
        throw new IOException(
            "FileSink: cannot publish " + fin + ": its pending file " + pending + " is gone (deleted outside the job?)");
      }
    }
    for (Path d : dirs) {
      syncDirectory(d);
    }
  }

  /** Makes the renames durable; not every platform can open a directory, so best effort. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      LOG.trace("FileSink: cannot fsync directory {}", dir, e);
    }
  }
}
