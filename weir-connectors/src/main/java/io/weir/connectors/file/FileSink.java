package io.weir.connectors.file;

import io.weir.core.sink.Committer;
import io.weir.core.sink.PrecommittingSinkWriter;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.TwoPhaseCommittingSink;
import io.weir.core.types.TypeSerializer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes CSV or JSON lines files into a directory, exactly once: each subtask appends to hidden
 * part files; at every checkpoint (and at the end of the input) the parts are closed and fsynced,
 * and once the checkpoint completes they are published by an atomic rename to
 * {@code part-<subtask>-<n>.<ext>}. Readers of the directory (including {@link FileSource}, which
 * ignores hidden files) never see partial or uncommitted data. Parts with no records are not
 * created. After a failure, in-progress files from the failed attempt are deleted.
 *
 * <pre>{@code
 * stream.sinkTo(FileSink.forFormat(Path.of("out"), CsvWriterFormat.forType(Order.class))
 *     .withMaxPartSize(64 << 20)
 *     .build());
 * }</pre>
 *
 * In STREAMING mode data becomes visible only with completed checkpoints, so enable
 * checkpointing for an unbounded job; a bounded job publishes its remaining data at the end.
 * Give each sink a directory of its own: file names are per subtask, and a starting writer
 * removes the in-progress files of its subtask number that it finds there.
 *
 * <p>Known limit: a part pre-committed for a checkpoint that never completed (the job failed
 * in between) stays behind as a hidden {@code .pending} file; its records are written again
 * after the restore, so the published data is still exactly once.
 */
public final class FileSink<T> implements TwoPhaseCommittingSink<T, FileSinkCommittable> {
  private static final long serialVersionUID = 1L;
  /** Default size at which a part file is closed and a new one started. */
  public static final long DEFAULT_MAX_PART_SIZE = 128L << 20;

  private final String dir;
  private final FileWriterFormat<T> format;
  private final long maxPartSize;
  private final BucketAssigner<T> bucketAssigner;

  private FileSink(String dir, FileWriterFormat<T> format, long maxPartSize, BucketAssigner<T> bucketAssigner) {
    this.dir = dir;
    this.format = format;
    this.maxPartSize = maxPartSize;
    this.bucketAssigner = bucketAssigner;
  }

  /** A sink writing into {@code dir} (created if missing) with {@code format}. */
  public static <T> FileSink<T> forFormat(Path dir, FileWriterFormat<T> format) {
    return new FileSink<>(
        Objects.requireNonNull(dir, "dir").toString(), Objects.requireNonNull(format, "format"),
        DEFAULT_MAX_PART_SIZE, null);
  }

  /** Starts a new part file once the current one has reached {@code bytes} (default 128 MiB). */
  public FileSink<T> withMaxPartSize(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("FileSink.withMaxPartSize: the size must be positive but is " + bytes);
    }
    return new FileSink<>(dir, format, bytes, bucketAssigner);
  }

  /** Writes each record into the subdirectory named by {@code assigner}. */
  public FileSink<T> withBucketAssigner(BucketAssigner<T> assigner) {
    return new FileSink<>(dir, format, maxPartSize, Objects.requireNonNull(assigner, "assigner"));
  }

  /** For builder-style code: the sink is already complete. */
  public FileSink<T> build() {
    return this;
  }

  public Path getDirectory() {
    return Path.of(dir);
  }

  @Override
  public PrecommittingSinkWriter<T, FileSinkCommittable> createWriter(SinkContext context) throws Exception {
    return new FileSinkWriter<>(Path.of(dir), context.getIndexOfSubtask(), format, maxPartSize, bucketAssigner);
  }

  @Override
  public Committer<FileSinkCommittable> createCommitter() {
    return new FileSinkCommitter();
  }

  @Override
  public TypeSerializer<FileSinkCommittable> getCommittableSerializer() {
    return FileSinkCommittable.Serializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "FileSink(" + dir + ", " + format.getFileExtension() + ")";
  }
}
