package io.weir.connectors.file;

import io.weir.core.source.Boundedness;
import io.weir.core.source.Source;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Reads files (CSV, JSON lines) as a bounded source, or monitors directories as an unbounded one.
 * Each file is a split; a checkpoint holds, per file being read, the exact position after the
 * last record emitted.
 *
 * <pre>{@code
 * FileSource<Order> source = FileSource.forFormat(CsvFormat.forType(Order.class), Path.of("in/"))
 *     .onBadRecord(BadRecordPolicy.SKIP)
 *     .build();
 * DataStream<Order> orders = env.fromSource(source, WatermarkStrategy.noWatermarks(), "orders");
 * }</pre>
 *
 * Directories are read recursively in sorted order; hidden entries (names starting with '.' or
 * '_') are ignored. With {@link Builder#monitorContinuously} the source never ends and picks up
 * files added later; files are read once, when discovered, so write them under a hidden name and
 * rename them when complete (as {@link FileSink} does).
 */
public final class FileSource<T> implements Source<T, FileSourceSplit, PendingSplitsCheckpoint> {
  private static final long serialVersionUID = 1L;

  private final FileFormat<T> format;
  private final String[] paths;
  private final long discoveryIntervalMs;
  private final BadRecordPolicy badRecordPolicy;

  private FileSource(FileFormat<T> format, String[] paths, long discoveryIntervalMs, BadRecordPolicy policy) {
    this.format = format;
    this.paths = paths;
    this.discoveryIntervalMs = discoveryIntervalMs;
    this.badRecordPolicy = policy;
  }

  /** A builder reading {@code paths} (files or directories) with {@code format}. */
  public static <T> Builder<T> forFormat(FileFormat<T> format, Path... paths) {
    return new Builder<>(format, paths);
  }

  @Override
  public Boundedness getBoundedness() {
    return discoveryIntervalMs > 0 ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return format.getProducedType();
  }

  public FileFormat<T> getFormat() {
    return format;
  }

  public BadRecordPolicy getBadRecordPolicy() {
    return badRecordPolicy;
  }

  @Override
  public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> createEnumerator(
      SplitEnumeratorContext<FileSourceSplit> context) throws Exception {
    boolean continuous = discoveryIntervalMs > 0;
    List<String> files = FileDiscovery.listFiles(paths, !continuous);
    List<FileSourceSplit> splits = new ArrayList<>(files.size());
    for (String f : files) {
      splits.add(new FileSourceSplit(f, 0, 0));
    }
    return new FileSplitEnumerator(context, paths, discoveryIntervalMs, splits, new LinkedHashSet<>(files));
  }

  @Override
  public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> restoreEnumerator(
      SplitEnumeratorContext<FileSourceSplit> context, PendingSplitsCheckpoint checkpoint) {
    return new FileSplitEnumerator(
        context, paths, discoveryIntervalMs, checkpoint.pendingSplits(), checkpoint.processedPaths());
  }

  @Override
  public SourceReader<T, FileSourceSplit> createReader(SourceReaderContext context) {
    return new FileSourceReader<>(format, badRecordPolicy, context);
  }

  @Override
  public TypeSerializer<FileSourceSplit> getSplitSerializer() {
    return FileSourceSplit.Serializer.INSTANCE;
  }

  @Override
  public TypeSerializer<PendingSplitsCheckpoint> getEnumeratorCheckpointSerializer() {
    return PendingSplitsCheckpoint.Serializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "FileSource(" + format + ", " + String.join(", ", paths)
        + (discoveryIntervalMs > 0 ? ", monitoring every " + discoveryIntervalMs + " ms" : "") + ")";
  }

  /** Configures a {@link FileSource}. */
  public static final class Builder<T> {
    private final FileFormat<T> format;
    private final String[] paths;
    private long discoveryIntervalMs;
    private BadRecordPolicy policy = BadRecordPolicy.FAIL;

    private Builder(FileFormat<T> format, Path[] paths) {
      this.format = Objects.requireNonNull(format, "format");
      if (paths == null || paths.length == 0) {
        throw new IllegalArgumentException("FileSource.forFormat: give at least one file or directory");
      }
      this.paths = Arrays.stream(paths).map(p -> Objects.requireNonNull(p, "path").toString()).toArray(String[]::new);
    }

    /**
     * Makes the source unbounded: the paths are listed again every {@code discoveryInterval} and
     * new files are read. Without this the source reads the files present at start and ends.
     */
    public Builder<T> monitorContinuously(Duration discoveryInterval) {
      if (discoveryInterval == null || discoveryInterval.toMillis() <= 0) {
        throw new IllegalArgumentException(
            "FileSource.monitorContinuously: the discovery interval must be at least 1 ms but is " + discoveryInterval);
      }
      this.discoveryIntervalMs = discoveryInterval.toMillis();
      return this;
    }

    /** FAIL (default) stops the job at the first malformed record; SKIP drops and counts them. */
    public Builder<T> onBadRecord(BadRecordPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public FileSource<T> build() {
      return new FileSource<>(format, paths.clone(), discoveryIntervalMs, policy);
    }
  }
}
