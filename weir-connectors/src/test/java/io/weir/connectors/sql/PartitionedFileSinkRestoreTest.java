package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.connectors.file.FileSinkCommittable;
import io.weir.core.sink.Committer;
import io.weir.core.sink.PrecommittingSinkWriter;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.sink.StatefulSinkWriter;
import io.weir.core.types.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partitions a {@link PartitionedFileSink} writer has not committed yet are checkpointed: a
 * writer restored from that state commits them (here at end of input, and when the watermark
 * passes their time), although it never sees their rows again.
 */
class PartitionedFileSinkRestoreTest {
  @TempDir
  Path dir;

  private static final SinkContext CONTEXT = new SinkContext() {
    @Override
    public int getIndexOfSubtask() {
      return 0;
    }

    @Override
    public int getNumberOfParallelSubtasks() {
      return 1;
    }

    @Override
    public int getAttemptNumber() {
      return 0;
    }

    @Override
    public String getJobId() {
      return "test";
    }
  };

  private PartitionedFileSink sink() {
    var format = new SqlRowWriterFormat(FileSystemTableFactory.Format.CSV, List.of("v", "dt"), ',', false, new int[] {0});
    var policy = new PartitionedFileSink.CommitPolicy(PartitionedFileSink.Trigger.PARTITION_TIME, Duration.ZERO, true,
        null, null);
    return new PartitionedFileSink(dir, format, List.of("dt"), new int[] {1}, policy);
  }

  private static SinkWriter.Context at(long watermark) {
    return new SinkWriter.Context() {
      @Override
      public Long timestamp() {
        return null;
      }

      @Override
      public long currentWatermark() {
        return watermark;
      }
    };
  }

  /** Flush, pre-commit and commit, as a completed checkpoint does. */
  private static void checkpoint(PrecommittingSinkWriter<Row, FileSinkCommittable> w, Committer<FileSinkCommittable> c,
      boolean end) throws Exception {
    w.flush(end);
    Collection<FileSinkCommittable> cs = w.prepareCommit();
    c.commit(cs == null ? List.of() : new ArrayList<>(cs));
  }

  @Test
  void pendingPartitionsSurviveARestore() throws Exception {
    PartitionedFileSink sink = sink();
    Committer<FileSinkCommittable> committer = sink.createCommitter();
    PrecommittingSinkWriter<Row, FileSinkCommittable> first = sink.createWriter(CONTEXT);
    first.write(Row.of("a", "2015-07-15"), at(Long.MIN_VALUE));
    first.write(Row.of("b", "2015-07-16"), at(Long.MIN_VALUE));
    checkpoint(first, committer, false);
    List<String> state = ((StatefulSinkWriter<Row, String>) first).snapshotState(1);
    assertThat(state).hasSize(2);
    Path p15 = dir.resolve("dt=2015-07-15");
    Path p16 = dir.resolve("dt=2015-07-16");
    // the files are published, the partitions not yet committed (the watermark is behind)
    assertThat(p15).isDirectory();
    assertThat(p15.resolve(PartitionedFileSink.SUCCESS_FILE)).doesNotExist();
    first.close(); // the failure

    @SuppressWarnings("unchecked")
    var restored = (PrecommittingSinkWriter<Row, FileSinkCommittable>) sink.restoreWriter(CONTEXT, state);
    // a row of a later partition whose watermark passes 2015-07-15 (but not 2015-07-16 + 0 s)
    long midday16 = java.time.LocalDateTime.parse("2015-07-16T12:00").toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    restored.write(Row.of("c", "2015-07-17"), at(midday16));
    checkpoint(restored, committer, false);
    assertThat(p15.resolve(PartitionedFileSink.SUCCESS_FILE)).exists();
    assertThat(p16.resolve(PartitionedFileSink.SUCCESS_FILE)).exists();
    assertThat(dir.resolve("dt=2015-07-17").resolve(PartitionedFileSink.SUCCESS_FILE)).doesNotExist();
    assertThat(((StatefulSinkWriter<Row, String>) restored).snapshotState(2)).hasSize(1)
        .allMatch(s -> s.endsWith("dt=2015-07-17"));
    checkpoint(restored, committer, true);
    assertThat(dir.resolve("dt=2015-07-17").resolve(PartitionedFileSink.SUCCESS_FILE)).exists();
    restored.close();
  }

  @Test
  void withoutTheStateARestoredWriterWouldNotKnowThePartitions() throws Exception {
    PartitionedFileSink sink = sink();
    Committer<FileSinkCommittable> committer = sink.createCommitter();
    PrecommittingSinkWriter<Row, FileSinkCommittable> first = sink.createWriter(CONTEXT);
    first.write(Row.of("a", "2015-07-15"), at(Long.MIN_VALUE));
    checkpoint(first, committer, false);
    first.close();
    // restored from an empty state: only what it writes itself gets committed at end of input
    @SuppressWarnings("unchecked")
    var restored = (PrecommittingSinkWriter<Row, FileSinkCommittable>) sink.restoreWriter(CONTEXT, List.of());
    checkpoint(restored, committer, true);
    assertThat(dir.resolve("dt=2015-07-15").resolve(PartitionedFileSink.SUCCESS_FILE)).doesNotExist();
    assertThat(Files.exists(dir.resolve("dt=2015-07-15"))).isTrue();
  }
}
