package io.weir.connectors.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the files under the source paths: a file is taken as is; a directory is walked
 * recursively in sorted order, skipping hidden entries (names starting with '.' or '_'), which is
 * where writers such as {@link FileSink} keep files that are not complete yet.
 */
final class FileDiscovery {
  private FileDiscovery() {}

  /**
   * @param mustExist whether a missing path is an error (bounded reads) or just empty
   *     (continuous monitoring of a directory that will appear later)
   */
  static List<String> listFiles(String[] roots, boolean mustExist) throws IOException {
    List<String> out = new ArrayList<>();
    for (String r : roots) {
      Path root = Path.of(r);
      if (Files.isRegularFile(root)) {
        out.add(root.toString());
      } else if (Files.isDirectory(root)) {
        try (Stream<Path> s = Files.walk(root)) {
          s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(p))
              .filter(p -> !isHidden(root, p))
              .map(Path::toString)
              .sorted()
              .forEach(out::add);
        } catch (UncheckedIOException e) {
          // A file vanished during the walk (e.g. an in-progress file renamed); list again next time.
          if (!(e.getCause() instanceof NoSuchFileException) || mustExist) {
            throw e.getCause();
          }
        }
      } else if (mustExist) {
        throw new NoSuchFileException(r, null, "FileSource: input path does not exist");
      }
    }
    return out;
  }

  /** Whether any path element below the root is hidden. */
  static boolean isHidden(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      String n = part.toString();
      if (n.startsWith(".") || n.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
