package io.weir.connectors.file;

import io.weir.core.sink.PrecommittingSinkWriter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to hidden in-progress part files, one per bucket; at each pre-commit closes
 * them (fsync) and renames them to a hidden pending name, returning committables.
 *
 * <p>File names of subtask {@code s}: in progress {@code .part-s-N-<uuid>.inprogress}, pending
 * {@code .part-s-N-<uuid>.pending}, published {@code part-s-N.<ext>}. The two hidden stages
 * matter after a failure: an in-progress file was never pre-committed, so no checkpoint refers to
 * it and a new writer deletes it; a pending file may belong to the checkpoint being restored, so
 * it is left for the committer. A new writer continues numbering after the highest N found in any
 * stage, so it never reuses a published name.
 */
final class FileSinkWriter<T> implements PrecommittingSinkWriter<T, FileSinkCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSinkWriter.class);

  private final Path dir;
  private final int subtask;
  private final String extension;
  private final FileWriterFormat.Encoder<T> encoder;
  private final long maxPartSize;
  private final BucketAssigner<T> bucketAssigner;
  private final Map<String, Part> openParts = new LinkedHashMap<>();
  private final List<FileSinkCommittable> rolled = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final Pattern ownFile;
  private long nextCounter;

  FileSinkWriter(
      Path dir, int subtask, FileWriterFormat<T> format, long maxPartSize, BucketAssigner<T> bucketAssigner)
      throws IOException {
    this.dir = dir;
    this.subtask = subtask;
    this.extension = format.getFileExtension();
    this.encoder = format.createEncoder();
    this.maxPartSize = maxPartSize;
    this.bucketAssigner = bucketAssigner;
    this.ownFile = Pattern.compile(
        "(?:part-" + subtask + "-(\\d+)\\..*)|(?:\\.part-" + subtask + "-(\\d+)-[^.]+\\.(inprogress|pending))");
    Files.createDirectories(dir);
    this.nextCounter = cleanUpAndFindNextCounter(dir);
  }

  /** Deletes this subtask's stale in-progress files and returns the next free part number. */
  private long cleanUpAndFindNextCounter(Path d) throws IOException {
    long next = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
      for (Path p : entries) {
        if (Files.isDirectory(p)) {
          if (bucketAssigner != null) {
            next = Math.max(next, cleanUpAndFindNextCounter(p));
          }
          continue;
        }
        Matcher m = ownFile.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long n = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
        next = Math.max(next, n + 1);
        if ("inprogress".equals(m.group(3))) {
          LOG.info("FileSink: deleting {} left by an earlier attempt (never committed)", p);
          Files.deleteIfExists(p);
        }
      }
    } catch (NoSuchFileException e) {
      // a bucket directory removed concurrently: nothing of ours in it
    }
    return next;
  }

  @Override
  public void write(T element, Context context) throws IOException {
    String bucket = "";
    if (bucketAssigner != null) {
      bucket = bucketAssigner.getBucketId(element);
      bucket = bucket == null ? "" : bucket;
    }
    Part part = openParts.get(bucket);
    if (part == null) {
      part = open(bucket);
      openParts.put(bucket, part);
    }
    text.setLength(0);
    encoder.encode(element, text);
    part.write(text);
    if (part.size >= maxPartSize) {
      openParts.remove(bucket);
      rolled.add(part.closeAndMarkPending());
    }
  }

  private Part open(String bucket) throws IOException {
    Path target = dir;
    if (!bucket.isEmpty()) {
      target = dir.resolve(bucket).normalize();
      if (!target.startsWith(dir.normalize())) {
        throw new IOException("FileSink: bucket id '" + bucket + "' points outside the sink directory " + dir);
      }
      Files.createDirectories(target);
    }
    long counter = nextCounter++;
    String base = ".part-" + subtask + "-" + counter + "-" + UUID.randomUUID();
    Part part = new Part(
        target.resolve(base + ".inprogress"),
        target.resolve(base + ".pending"),
        target.resolve("part-" + subtask + "-" + counter + "." + extension));
    String header = encoder.header();
    if (header != null) {
      part.write(header);
    }
    return part;
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    for (Part p : openParts.values()) {
      p.out.flush();
    }
  }

  @Override
  public Collection<FileSinkCommittable> prepareCommit() throws IOException {
    List<FileSinkCommittable> result = new ArrayList<>(rolled);
    rolled.clear();
    for (Part p : openParts.values()) {
      result.add(p.closeAndMarkPending());
    }
    openParts.clear();
    return result;
  }

  @Override
  public void close() throws IOException {
    // Parts still open here were not pre-committed (failure or cancel): they are garbage.
    for (Part p : openParts.values()) {
      try {
        p.out.close();
      } catch (IOException e) {
        LOG.debug("FileSink: closing {} failed", p.inProgress, e);
      }
      Files.deleteIfExists(p.inProgress);
    }
    openParts.clear();
  }

  private static final class Part {
    final Path inProgress;
    final Path pending;
    final Path published;
    final FileOutputStream file;
    final BufferedOutputStream out;
    long size;

    Part(Path inProgress, Path pending, Path published) throws IOException {
      this.inProgress = inProgress;
      this.pending = pending;
      this.published = published;
      this.file = new FileOutputStream(inProgress.toFile());
      this.out = new BufferedOutputStream(file, 64 * 1024);
    }

    /** Reused for ASCII text, the common case, which is its own UTF-8 (no String and byte[] per row). */
    private byte[] ascii = new byte[256];

    void write(CharSequence s) throws IOException {
      int n = s.length();
      if (ascii.length < n) {
        ascii = new byte[Math.max(n, ascii.length * 2)];
      }
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
          out.write(b);
          size += b.length;
          return;
        }
        ascii[i] = (byte) c;
      }
      out.write(ascii, 0, n);
      size += n;
    }

    FileSinkCommittable closeAndMarkPending() throws IOException {
      out.flush();
      file.getChannel().force(true);
      out.close();
      Files.move(inProgress, pending, StandardCopyOption.ATOMIC_MOVE);
      return new FileSinkCommittable(pending.toString(), published.toString());
    }
  }
}
