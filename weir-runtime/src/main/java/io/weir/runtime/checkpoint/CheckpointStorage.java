package io.weir.runtime.checkpoint;

import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.runtime.state.OperatorSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completed checkpoints in a local directory, one sub-directory {@code chk-<id>/} each:
 * <ul>
 *   <li>one file per operator subtask ({@code op-<operator>-<subtask>.state}) and per source
 *       coordinator ({@code coord-<n>.state}), each {@code int magic, byte version, int length,
 *       long crc32, payload} and fsync'd;
 *   <li>then {@code _metadata} (id, timestamp, which file holds which uid/subtask, and each file's
 *       length and checksum, then the operators' names by uid; itself checksummed), written to a
 *       temporary name, fsync'd and atomically renamed. A directory without a valid
 *       {@code _metadata} is never used.
 * </ul>
 * {@link #latest()} returns the newest checkpoint whose metadata and files all verify, skipping
 * (with a WARN) incomplete or corrupt ones. After each store, complete checkpoints beyond the
 * newest {@code retained} and incomplete ones older than the newest complete one are deleted.
 * I/O failures surface as {@link UncheckedIOException}.
 */
public final class CheckpointStorage {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStorage.class);

  public static final String METADATA = "_metadata";
  private static final int FILE_MAGIC = 0x57454952; // "WEIR"
  private static final int METADATA_MAGIC = 0x5745494D; // "WEIM"
  private static final byte VERSION = 1;
  private static final Pattern CHK = Pattern.compile("chk-(\\d+)");

  private final Path dir;
  private final int retained;

  public CheckpointStorage(Path dir, int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("state.checkpoints.num-retained must be >= 1, was " + retained);
    }
    this.dir = java.util.Objects.requireNonNull(dir, "checkpoint directory");
    this.retained = retained;
  }

  public Path directory() {
    return dir;
  }

  public Path checkpointDir(long checkpointId) {
    return dir.resolve("chk-" + checkpointId);
  }

  // ---------------------------------------------------------------- store

  public void store(CompletedCheckpoint checkpoint) {
    Path chk = checkpointDir(checkpoint.checkpointId());
    try {
      Files.createDirectories(dir);
      if (Files.exists(chk)) {
        // Leftover of an attempt that never completed (or a re-used id): start clean.
        deleteRecursively(chk);
      }
      Files.createDirectories(chk);
      ByteArrayDataOutput meta = new ByteArrayDataOutput(1024);
      meta.writeLong(checkpoint.checkpointId());
      meta.writeLong(checkpoint.timestamp());
      meta.writeInt(checkpoint.operatorStates().size());
      int op = 0;
      for (Map.Entry<String, List<OperatorSnapshot>> e : checkpoint.operatorStates().entrySet()) {
        meta.writeUTF(e.getKey());
        meta.writeInt(e.getValue().size());
        for (int subtask = 0; subtask < e.getValue().size(); subtask++) {
          OperatorSnapshot s = e.getValue().get(subtask);
          if (s == null) {
            meta.writeBoolean(false);
            continue;
          }
          meta.writeBoolean(true);
          String name = "op-" + op + "-" + subtask + ".state";
          writeFileEntry(meta, chk, name, OperatorSnapshotSerializer.serialize(s));
        }
        op++;
      }
      meta.writeInt(checkpoint.coordinatorStates().size());
      int coord = 0;
      for (Map.Entry<String, byte[]> e : checkpoint.coordinatorStates().entrySet()) {
        meta.writeUTF(e.getKey());
        if (e.getValue() == null) {
          meta.writeBoolean(false);
        } else {
          meta.writeBoolean(true);
          writeFileEntry(meta, chk, "coord-" + coord++ + ".state", e.getValue());
        }
      }
      // Optional trailing section (absent in older checkpoints): names only serve error messages.
      meta.writeInt(checkpoint.operatorNames().size());
      for (Map.Entry<String, String> e : checkpoint.operatorNames().entrySet()) {
        meta.writeUTF(e.getKey());
        meta.writeUTF(e.getValue());
      }
      Path tmp = chk.resolve(METADATA + ".inprogress");
      writeChecksummed(tmp, METADATA_MAGIC, meta.toByteArray());
      try {
        Files.move(tmp, chk.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + chk + " cannot rename atomically", e);
      }
      syncDirectory(chk);
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write checkpoint " + checkpoint.checkpointId() + " to " + chk + ": " + e.getMessage(), e);
    }
    LOG.debug("Stored checkpoint {} in {}", checkpoint.checkpointId(), chk);
    prune();
  }

  private static void writeFileEntry(ByteArrayDataOutput meta, Path chk, String name, byte[] payload) throws IOException {
    long crc = writeChecksummed(chk.resolve(name), FILE_MAGIC, payload);
    meta.writeUTF(name);
    meta.writeInt(payload.length);
    meta.writeLong(crc);
  }

  /** Writes {@code magic, version, length, crc, payload} and forces it to disk; returns the crc. */
  private static long writeChecksummed(Path file, int magic, byte[] payload) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(payload);
    ByteBuffer header = ByteBuffer.allocate(17);
    header.putInt(magic).put(VERSION).putInt(payload.length).putLong(crc.getValue()).flip();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer body = ByteBuffer.wrap(payload);
      while (header.hasRemaining() || body.hasRemaining()) {
        ch.write(new ByteBuffer[] {header, body});
      }
      ch.force(true);
    }
    return crc.getValue();
  }

  private static void syncDirectory(Path d) {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory for fsync; the rename is still atomic.
      LOG.debug("Could not fsync directory {}: {}", d, e.toString());
    }
  }

  // ---------------------------------------------------------------- load

  /** The newest checkpoint that verifies completely, if any. */
  public Optional<CompletedCheckpoint> latest() {
    for (Map.Entry<Long, Path> e : checkpointDirsNewestFirst()) {
      Path chk = e.getValue();
      if (!Files.exists(chk.resolve(METADATA))) {
        LOG.warn("Skipping incomplete checkpoint {}: no {} marker", chk, METADATA);
        continue;
      }
      try {
        return Optional.of(load(chk));
      } catch (UncheckedIOException | IllegalStateException ex) {
        LOG.warn("Skipping corrupt checkpoint {}: {}", chk, ex.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Reads and verifies one checkpoint directory; fails if anything is missing or corrupt. */
  public CompletedCheckpoint load(Path checkpointDir) {
    try {
      ByteArrayDataInput meta = new ByteArrayDataInput(readChecksummed(checkpointDir.resolve(METADATA), METADATA_MAGIC, -1, -1));
      long id = meta.readLong();
      long timestamp = meta.readLong();
      Map<String, List<OperatorSnapshot>> ops = new LinkedHashMap<>();
      int operators = meta.readInt();
      for (int i = 0; i < operators; i++) {
        String uid = meta.readUTF();
        int subtasks = meta.readInt();
        List<OperatorSnapshot> list = new ArrayList<>(subtasks);
        for (int s = 0; s < subtasks; s++) {
          if (!meta.readBoolean()) {
            list.add(null);
            continue;
          }
          byte[] payload = readFileEntry(meta, checkpointDir);
          try {
            list.add(OperatorSnapshotSerializer.deserialize(payload));
          } catch (IOException e) {
            throw new IOException("state of operator '" + uid + "' subtask " + s + " is unreadable: " + e.getMessage(), e);
          }
        }
        ops.put(uid, list);
      }
      Map<String, byte[]> coords = new LinkedHashMap<>();
      int coordinators = meta.readInt();
      for (int i = 0; i < coordinators; i++) {
        String uid = meta.readUTF();
        coords.put(uid, meta.readBoolean() ? readFileEntry(meta, checkpointDir) : null);
      }
      Map<String, String> names = new LinkedHashMap<>();
      if (meta.available() != 0) {
        int n = meta.readInt();
        for (int i = 0; i < n; i++) {
          names.put(meta.readUTF(), meta.readUTF());
        }
      }
      if (meta.available() != 0) {
        throw new IOException("unexpected trailing bytes in " + METADATA);
      }
      return new CompletedCheckpoint(id, timestamp, ops, coords, names);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Checkpoint " + checkpointDir + " is incomplete or corrupt: " + e.getMessage(), e);
    }
  }

  private static byte[] readFileEntry(ByteArrayDataInput meta, Path chk) throws IOException {
    String name = meta.readUTF();
    if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      throw new IOException("invalid file name in metadata: " + name);
    }
    int length = meta.readInt();
    long crc = meta.readLong();
    return readChecksummed(chk.resolve(name), FILE_MAGIC, length, crc);
  }

  private static byte[] readChecksummed(Path file, int magic, int expectedLength, long expectedCrc) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("missing file " + file.getFileName());
    }
    if (all.length < 17) {
      throw new IOException(file.getFileName() + " is truncated (" + all.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    if (b.getInt() != magic) {
      throw new IOException(file.getFileName() + " has a wrong magic number");
    }
    byte version = b.get();
    if (version != VERSION) {
      throw new IOException(file.getFileName() + " has unknown format version " + version);
    }
    int length = b.getInt();
    long crc = b.getLong();
    if (length != all.length - 17 || (expectedLength >= 0 && length != expectedLength)) {
      throw new IOException(file.getFileName() + " has " + (all.length - 17) + " payload bytes, expected "
          + (expectedLength >= 0 ? expectedLength : length));
    }
    CRC32 actual = new CRC32();
    actual.update(all, 17, length);
    if (actual.getValue() != crc || (expectedLength >= 0 && crc != expectedCrc)) {
      throw new IOException(file.getFileName() + " fails its CRC32 checksum");
    }
    return java.util.Arrays.copyOfRange(all, 17, all.length);
  }

  // ---------------------------------------------------------------- retention

  private List<Map.Entry<Long, Path>> checkpointDirsNewestFirst() {
    List<Map.Entry<Long, Path>> result = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return result;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        Matcher m = CHK.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p)) {
          try {
            result.add(Map.entry(Long.parseLong(m.group(1)), p));
          } catch (NumberFormatException ignored) {
            // not one of ours
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    result.sort(Map.Entry.<Long, Path>comparingByKey().reversed());
    return result;
  }

  private void prune() {
    int complete = 0;
    for (Map.Entry<Long, Path> e : checkpointDirsNewestFirst()) {
      boolean hasMarker = Files.exists(e.getValue().resolve(METADATA));
      boolean keep = hasMarker ? ++complete <= retained : complete == 0;
      if (!keep) {
        try {
          deleteRecursively(e.getValue());
          LOG.debug("Deleted {} checkpoint {}", hasMarker ? "old" : "abandoned", e.getValue());
        } catch (IOException ex) {
          LOG.warn("Could not delete old checkpoint {}: {}", e.getValue(), ex.toString());
        }
      }
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
