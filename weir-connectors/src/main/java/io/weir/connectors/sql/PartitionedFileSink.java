package io.weir.connectors.sql;

import io.weir.connectors.file.FileSink;
import io.weir.connectors.file.FileSinkCommittable;
import io.weir.core.sink.Committer;
import io.weir.core.sink.PrecommittingSinkWriter;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.StatefulSink;
import io.weir.core.sink.StatefulSinkWriter;
import io.weir.core.sink.TwoPhaseCommittingSink;
import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filesystem sink of a {@code PARTITIONED BY} table: rows go to {@code k1=v1/k2=v2/} directories
 * (Flink's layout and escaping; the partition columns are not repeated inside the files), and
 * with {@code 'sink.partition-commit.policy.kind' = 'success-file'} a committed partition gets an
 * empty {@code _SUCCESS} file.
 *
 * <p>A partition is committed like in Flink: with the {@code partition-time} trigger once the
 * watermark passes the time extracted from its values plus the delay, with {@code process-time}
 * once the delay has passed since its first row, and always when the input ends. Only the
 * partitions a subtask has written to are committed by it, after the checkpoint that holds their
 * files completes (the success marker travels with the checkpoint's committables, so a restore
 * commits it again, idempotently). The partitions written but not yet committed are the writer's
 * checkpointed state ({@code time<TAB>path} strings), so after a restore they are still committed.
 */
final class PartitionedFileSink implements TwoPhaseCommittingSink<Row, FileSinkCommittable>,
    StatefulSink<Row, String> {
  private static final long serialVersionUID = 1L;
  /** A committable with no pending file is a request to mark {@code finalPath}'s directory committed. */
  private static final String SUCCESS_MARKER = "";
  static final String SUCCESS_FILE = "_SUCCESS";

  enum Trigger { PARTITION_TIME, PROCESS_TIME }

  /** How partitions are committed; {@code successFile} false means files are published without markers. */
  record CommitPolicy(Trigger trigger, Duration delay, boolean successFile, String timestampPattern,
      String timestampFormatter) implements Serializable {}

  private final FileSink<Row> files;
  private final List<String> partitionNames;
  private final int[] partitionIndexes;
  private final CommitPolicy policy;

  PartitionedFileSink(Path dir, SqlRowWriterFormat format, List<String> partitionNames, int[] partitionIndexes,
      CommitPolicy policy) {
    this.partitionNames = List.copyOf(partitionNames);
    this.partitionIndexes = partitionIndexes.clone();
    this.policy = policy;
    int[] idx = this.partitionIndexes;
    List<String> names = this.partitionNames;
    this.files = FileSink.forFormat(dir, format).withBucketAssigner(new PartitionAssigner(names, idx)).build();
  }

  /** The partition path of a row; consecutive rows of one partition reuse the last path. */
  static final class PartitionAssigner implements io.weir.connectors.file.BucketAssigner<Row> {
    private static final long serialVersionUID = 1L;
    private final List<String> names;
    private final int[] indexes;
    private transient Object[] lastValues;
    private transient String lastPath;

    PartitionAssigner(List<String> names, int[] indexes) {
      this.names = names;
      this.indexes = indexes;
    }

    @Override
    public String getBucketId(Row row) {
      if (lastValues == null) {
        lastValues = new Object[indexes.length];
      } else if (lastPath != null) {
        boolean same = true;
        for (int i = 0; i < indexes.length && same; i++) {
          same = java.util.Objects.equals(lastValues[i], row.getField(indexes[i]));
        }
        if (same) {
          return lastPath;
        }
      }
      for (int i = 0; i < indexes.length; i++) {
        lastValues[i] = row.getField(indexes[i]);
      }
      lastPath = partitionPath(names, indexes, row);
      return lastPath;
    }
  }

  /** {@code k1=v1/k2=v2} with Flink's escaping of path characters. */
  static String partitionPath(List<String> names, int[] indexes, Row row) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < indexes.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      Object v = row.getField(indexes[i]);
      // Flink's default partition name for NULL and the empty string
      String s = v == null ? null : SqlValueFormat.format(v);
      sb.append(escape(names.get(i))).append('=')
          .append(s == null || s.isEmpty() ? "__DEFAULT_PARTITION__" : escape(s));
    }
    return sb.toString();
  }

  private static final String ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

  static String escape(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < ' ' || ESCAPED.indexOf(c) >= 0) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        sb.append('%').append(String.format("%02X", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  @Override
  public PrecommittingSinkWriter<Row, FileSinkCommittable> createWriter(SinkContext context) throws Exception {
    return new Writer(files.createWriter(context));
  }

  @Override
  public PrecommittingSinkWriter<Row, FileSinkCommittable> restoreWriter(SinkContext context,
      Collection<String> recoveredState) throws Exception {
    Writer w = new Writer(files.createWriter(context));
    for (String s : recoveredState) {
      int tab = s.indexOf('\t');
      w.open.putIfAbsent(s.substring(tab + 1), Long.parseLong(s.substring(0, tab)));
    }
    return w;
  }

  @Override
  public TypeInfo<String> getWriterStateType() {
    return Types.STRING;
  }

  @Override
  public Committer<FileSinkCommittable> createCommitter() throws Exception {
    Committer<FileSinkCommittable> inner = files.createCommitter();
    Path root = files.getDirectory();
    return new Committer<>() {
      @Override
      public void commit(Collection<FileSinkCommittable> committables) throws Exception {
        List<FileSinkCommittable> data = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        for (FileSinkCommittable c : committables) {
          if (c.pendingPath().equals(SUCCESS_MARKER)) {
            markers.add(c.finalPath());
          } else {
            data.add(c);
          }
        }
        if (!data.isEmpty()) {
          inner.commit(data);
        }
        for (String partition : markers) {
          Path dir = root.resolve(partition);
          Files.createDirectories(dir);
          Path success = dir.resolve(SUCCESS_FILE);
          if (!Files.exists(success)) {
            Files.createFile(success);
          }
        }
      }

      @Override
      public void close() throws Exception {
        inner.close();
      }
    };
  }

  @Override
  public TypeSerializer<FileSinkCommittable> getCommittableSerializer() {
    return files.getCommittableSerializer();
  }

  @Override
  public String toString() {
    return "PartitionedFileSink" + partitionNames + " -> " + files.getDirectory();
  }

  private final class Writer implements PrecommittingSinkWriter<Row, FileSinkCommittable>,
      StatefulSinkWriter<Row, String> {
    private final PrecommittingSinkWriter<Row, FileSinkCommittable> inner;
    private final PartitionAssigner assigner = new PartitionAssigner(partitionNames, partitionIndexes);
    /** Partitions written and not yet committed: path → partition time (or first-row wall time). */
    private final Map<String, Long> open = new LinkedHashMap<>();
    private final Set<String> committed = new HashSet<>();
    private long watermark = Long.MIN_VALUE;
    private boolean ended;

    Writer(PrecommittingSinkWriter<Row, FileSinkCommittable> inner) {
      this.inner = inner;
    }

    @Override
    public void write(Row element, Context context) throws Exception {
      inner.write(element, context);
      watermark = Math.max(watermark, context.currentWatermark());
      if (policy.successFile()) {
        String p = assigner.getBucketId(element);
        if (!open.containsKey(p) && !committed.contains(p)) {
          open.put(p, policy.trigger() == Trigger.PARTITION_TIME ? partitionTime(element) : System.currentTimeMillis());
        }
      }
    }

    @Override
    public void flush(boolean endOfInput) throws Exception {
      inner.flush(endOfInput);
      ended |= endOfInput;
    }

    @Override
    public Collection<FileSinkCommittable> prepareCommit() throws Exception {
      Collection<FileSinkCommittable> out = inner.prepareCommit();
      if (open.isEmpty()) {
        return out;
      }
      List<FileSinkCommittable> all = new ArrayList<>(out == null ? List.of() : out);
      long now = policy.trigger() == Trigger.PARTITION_TIME ? watermark : System.currentTimeMillis();
      long delay = policy.delay().toMillis();
      var it = open.entrySet().iterator();
      while (it.hasNext()) {
        var e = it.next();
        if (ended || (e.getValue() != Long.MIN_VALUE && e.getValue() + delay <= now)) {
          all.add(new FileSinkCommittable(SUCCESS_MARKER, e.getKey()));
          committed.add(e.getKey());
          it.remove();
        }
      }
      return all;
    }

    @Override
    public List<String> snapshotState(long checkpointId) {
      List<String> out = new ArrayList<>(open.size());
      open.forEach((path, time) -> out.add(time + "\t" + path));
      return out;
    }

    /** The partition's time from its values (timestamp-pattern); MIN_VALUE (commit at end) if it does not parse. */
    private long partitionTime(Row row) {
      String text = policy.timestampPattern();
      if (text == null) {
        // Flink's default extractor: the first partition value is a timestamp or a date
        text = "$" + partitionNames.get(0);
      }
      for (int i = 0; i < partitionNames.size(); i++) {
        Object v = row.getField(partitionIndexes[i]);
        text = text.replace("$" + partitionNames.get(i), v == null ? "" : SqlValueFormat.format(v));
      }
      try {
        LocalDateTime t;
        if (policy.timestampFormatter() != null) {
          t = LocalDateTime.parse(text, DateTimeFormatter.ofPattern(policy.timestampFormatter()));
        } else if (text.length() == 10) {
          t = java.time.LocalDate.parse(text).atStartOfDay();
        } else {
          t = LocalDateTime.parse(text.replace(' ', 'T'));
        }
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (RuntimeException e) {
        return Long.MIN_VALUE;
      }
    }

    @Override
    public void close() throws Exception {
      inner.close();
    }
  }
}
