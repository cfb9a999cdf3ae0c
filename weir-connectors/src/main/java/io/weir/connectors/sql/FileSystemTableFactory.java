package io.weir.connectors.sql;

import io.weir.connectors.file.BadRecordPolicy;
import io.weir.connectors.file.CsvFormat;
import io.weir.connectors.file.FileFormat;
import io.weir.connectors.file.FileSink;
import io.weir.connectors.file.FileSource;
import io.weir.connectors.file.JsonLinesFormat;
import io.weir.core.config.ConfigOption;
import io.weir.core.sink.Sink;
import io.weir.core.source.Source;
import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.DynamicTableSink;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.connector.TableOptionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code 'connector' = 'filesystem'}: CSV or JSON-lines files.
 *
 * <ul>
 *   <li>{@code 'path'} (required): a file or a directory (all visible files in it, recursively).
 *   <li>{@code 'format'} (required): {@code csv} or {@code json}.
 *   <li>{@code 'csv.field-delimiter'} (default {@code ,}), {@code 'csv.header'} (default false:
 *       columns by position, no header written; true: the first line names the columns, matched by
 *       name when reading and written at the top of each part file).
 *   <li>{@code 'csv.ignore-parse-errors'} / {@code 'json.ignore-parse-errors'}: skip (and count)
 *       malformed lines instead of failing the job.
 *   <li>{@code 'source.monitor-interval'}: keep watching the path for new files (the table becomes
 *       unbounded); without it the source reads the files present at start and ends.
 * </ul>
 * Values are read and written in {@link io.weir.sql.connector.builtin.SqlValueFormat} text form
 * (JSON numbers and booleans as such). As a sink it writes part files into the directory {@code
 * path}, exactly once (published on checkpoints and at the end of the input); it accepts only
 * INSERT rows.
 */
public final class FileSystemTableFactory implements DynamicTableFactory {
  /** The file formats. */
  public enum Format { CSV, JSON }

  public static final ConfigOption<String> PATH = ConfigOption.of("path", String.class, null, "File or directory");
  public static final ConfigOption<Format> FORMAT = ConfigOption.of("format", Format.class, null, "csv or json");
  public static final ConfigOption<String> CSV_DELIMITER =
      ConfigOption.of("csv.field-delimiter", String.class, ",", "CSV field delimiter (one character)");
  public static final ConfigOption<Boolean> CSV_HEADER =
      ConfigOption.of("csv.header", Boolean.class, false, "Whether CSV files start with a header line");
  public static final ConfigOption<Boolean> CSV_IGNORE_PARSE_ERRORS =
      ConfigOption.of("csv.ignore-parse-errors", Boolean.class, false, "Skip malformed CSV lines");
  public static final ConfigOption<Boolean> JSON_IGNORE_PARSE_ERRORS =
      ConfigOption.of("json.ignore-parse-errors", Boolean.class, false, "Skip malformed JSON lines");
  public static final ConfigOption<Duration> MONITOR_INTERVAL =
      ConfigOption.of("source.monitor-interval", Duration.class, null, "Watch the path for new files at this interval");

  public static final ConfigOption<String> PARTITION_COMMIT_TRIGGER = ConfigOption.of("sink.partition-commit.trigger",
      String.class, "process-time", "When a partition is committed: process-time or partition-time");
  public static final ConfigOption<Duration> PARTITION_COMMIT_DELAY = ConfigOption.of("sink.partition-commit.delay",
      Duration.class, Duration.ZERO, "How long after its time a partition is committed");
  public static final ConfigOption<String> PARTITION_COMMIT_POLICY = ConfigOption.of(
      "sink.partition-commit.policy.kind", String.class, null, "success-file: write _SUCCESS into committed partitions");
  public static final ConfigOption<String> PARTITION_TIMESTAMP_PATTERN = ConfigOption.of(
      "partition.time-extractor.timestamp-pattern", String.class, null,
      "How partition values form a timestamp, e.g. '$dt $hm:00'");
  public static final ConfigOption<String> PARTITION_TIMESTAMP_FORMATTER = ConfigOption.of(
      "partition.time-extractor.timestamp-formatter", String.class, null,
      "java.time pattern of the extracted timestamp (default yyyy-MM-dd HH:mm:ss)");
  // accepted for Flink compatibility: part files roll at each checkpoint and at the end of input
  public static final ConfigOption<Duration> ROLLOVER_INTERVAL = ConfigOption.of("sink.rolling-policy.rollover-interval",
      Duration.class, null, "Accepted for Flink compatibility; parts roll at checkpoints");
  public static final ConfigOption<Duration> ROLLING_CHECK_INTERVAL = ConfigOption.of(
      "sink.rolling-policy.check-interval", Duration.class, null, "Accepted for Flink compatibility");

  @Override
  public String identifier() {
    return "filesystem";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(PATH, FORMAT);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(CSV_DELIMITER, CSV_HEADER, CSV_IGNORE_PARSE_ERRORS, JSON_IGNORE_PARSE_ERRORS, MONITOR_INTERVAL,
        PARTITION_COMMIT_TRIGGER, PARTITION_COMMIT_DELAY, PARTITION_COMMIT_POLICY, PARTITION_TIMESTAMP_PATTERN,
        PARTITION_TIMESTAMP_FORMATTER, ROLLOVER_INTERVAL, ROLLING_CHECK_INTERVAL,
        io.weir.sql.connector.LookupTableSource.CACHE_MAX_ROWS, io.weir.sql.connector.LookupTableSource.CACHE_TTL);
  }

  @Override
  public ScanTableSource createSource(TableFactoryContext context) {
    if (!context.partitionKeys().isEmpty()) {
      throw new TableOptionException("table " + context.tableName()
          + ": reading a PARTITIONED BY filesystem table is not supported (only writing)");
    }
    Settings s = settings(context);
    FileFormat<Row> delegate;
    TypeInfo<?>[] strings = new TypeInfo<?>[s.names.size()];
    Arrays.fill(strings, Types.STRING);
    String[] names = s.names.toArray(String[]::new);
    if (s.format == Format.CSV) {
      delegate = CsvFormat.forRows(names, strings).withDelimiter(s.delimiter).withHeader(s.header);
    } else {
      delegate = JsonLinesFormat.forRows(names, strings);
    }
    boolean skip = s.format == Format.CSV ? context.get(CSV_IGNORE_PARSE_ERRORS) : context.get(JSON_IGNORE_PARSE_ERRORS);
    Duration monitor = context.get(MONITOR_INTERVAL);
    return new FileScan(s, new SqlRowFileFormat(delegate, s.names, s.types), skip, monitor);
  }

  /** Reads the files; projection push-down narrows the rows at the reader. */
  private record FileScan(Settings s, SqlRowFileFormat format, boolean skip, Duration monitor)
      implements ScanTableSource, io.weir.sql.connector.LookupTableSource {
    @Override
    public io.weir.sql.runtime.functions.LookupFunction createLookupFunction(int[] keyFields) {
      return new FileLookupFunction(s.path, format, keyFields, skip);
    }

    @Override
    public Source<Row, ?, ?> createSource() {
      FileSource.Builder<Row> b = FileSource.forFormat(format, Path.of(s.path))
          .onBadRecord(skip ? BadRecordPolicy.SKIP : BadRecordPolicy.FAIL);
      if (monitor != null) {
        b.monitorContinuously(monitor);
      }
      return b.build();
    }

    @Override
    public boolean isBounded() {
      return monitor == null;
    }

    @Override
    public ScanTableSource applyProjection(int[] fields) {
      return new FileScan(s, format.project(fields), skip, monitor);
    }

    @Override
    public String describe() {
      return "filesystem " + s.format.name().toLowerCase(Locale.ROOT) + " '" + s.path + "'";
    }
  }

  @Override
  public DynamicTableSink createSink(TableFactoryContext context) {
    Settings s = settings(context);
    List<String> partitions = context.partitionKeys();
    int[] dataFields = java.util.stream.IntStream.range(0, s.names.size())
        .filter(i -> !partitions.contains(s.names.get(i))).toArray();
    int[] partitionFields = partitions.stream().mapToInt(s.names::indexOf).toArray();
    SqlRowWriterFormat format = new SqlRowWriterFormat(s.format, s.names, s.delimiter, s.header, dataFields);
    PartitionedFileSink.CommitPolicy policy = partitions.isEmpty() ? null : commitPolicy(context);
    return new DynamicTableSink() {
      @Override
      public Sink<Row> createSink() {
        if (!partitions.isEmpty()) {
          return new PartitionedFileSink(Path.of(s.path), format, partitions, partitionFields, policy);
        }
        return FileSink.forFormat(Path.of(s.path), format).build();
      }

      @Override
      public boolean acceptsUpdates() {
        return false;
      }

      @Override
      public String describe() {
        return "filesystem " + s.format.name().toLowerCase(Locale.ROOT) + " '" + s.path + "'";
      }
    };
  }

  private static PartitionedFileSink.CommitPolicy commitPolicy(TableFactoryContext context) {
    String table = context.tableName();
    String trigger = context.get(PARTITION_COMMIT_TRIGGER).trim().toLowerCase(Locale.ROOT);
    PartitionedFileSink.Trigger t = switch (trigger) {
      case "partition-time" -> PartitionedFileSink.Trigger.PARTITION_TIME;
      case "process-time" -> PartitionedFileSink.Trigger.PROCESS_TIME;
      default -> throw new TableOptionException("table " + table + ": option 'sink.partition-commit.trigger' expects "
          + "process-time or partition-time but was '" + trigger + "'");
    };
    boolean success = false;
    String kinds = context.get(PARTITION_COMMIT_POLICY);
    if (kinds != null) {
      for (String k : kinds.split(",")) {
        switch (k.trim().toLowerCase(Locale.ROOT)) {
          case "success-file" -> success = true;
          default -> throw new TableOptionException("table " + table + ": option 'sink.partition-commit.policy.kind' "
              + "supports only success-file but was '" + kinds + "'");
        }
      }
    }
    return new PartitionedFileSink.CommitPolicy(t, context.get(PARTITION_COMMIT_DELAY), success,
        context.get(PARTITION_TIMESTAMP_PATTERN), context.get(PARTITION_TIMESTAMP_FORMATTER));
  }

  private record Settings(String path, Format format, List<String> names, List<LogicalType> types, char delimiter,
      boolean header) {}

  private static Settings settings(TableFactoryContext context) {
    String table = context.tableName();
    String path = context.get(PATH);
    if (path.isBlank()) {
      throw new TableOptionException("table " + table + ": option 'path' must not be empty");
    }
    String delim = context.get(CSV_DELIMITER);
    String d = delim.equals("\\t") ? "\t" : delim;
    if (d.length() != 1) {
      throw new TableOptionException("table " + table + ": option 'csv.field-delimiter' expects one character but was '"
          + delim + "'");
    }
    List<String> names = context.schema().physicalNames();
    List<LogicalType> types = context.schema().physicalTypes();
    for (int i = 0; i < types.size(); i++) {
      switch (types.get(i).kind()) {
        case ARRAY, MAP, ROW, NULL -> throw new TableOptionException("table " + table + ": column '" + names.get(i)
            + "' has type " + types.get(i).asSummaryString() + ", which the filesystem connector cannot store");
        default -> {}
      }
    }
    return new Settings(path, context.get(FORMAT), names, types, d.charAt(0), context.get(CSV_HEADER));
  }
}
