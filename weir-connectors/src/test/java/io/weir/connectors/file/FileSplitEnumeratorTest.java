package io.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.connectors.testutil.ReaderDriver;
import io.weir.connectors.testutil.TestEnumeratorContext;
import io.weir.connectors.testutil.TestReaderContext;
import io.weir.connectors.testutil.TestReaderOutput;
import io.weir.core.source.Boundedness;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SplitEnumerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSplitEnumeratorTest {
  @TempDir Path dir;

  record Line(long id, String text) {}

  private static final CsvFormat<Line> FORMAT = CsvFormat.forType(Line.class);

  private Path file(String name, long... ids) throws IOException {
    StringBuilder sb = new StringBuilder("id,text\n");
    for (long id : ids) {
      sb.append(id).append(",x\n");
    }
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, sb.toString());
    return p;
  }

  private static List<String> paths(List<FileSourceSplit> splits) {
    return splits.stream().map(FileSourceSplit::splitId).toList();
  }

  @Test
  void boundedHandsOneFilePerRequestThenSignalsTheEnd() throws Exception {
    Path a = file("a.csv", 1);
    Path b = file("b.csv", 2);
    Path c = file("c.csv", 3);
    TestEnumeratorContext<FileSourceSplit> ctx = new TestEnumeratorContext<>(2);
    SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> en =
        FileSource.forFormat(FORMAT, dir).build().createEnumerator(ctx);
    en.start();
    assertThat(ctx.asyncPeriods).isEmpty();
    en.handleSplitRequest(0);
    en.handleSplitRequest(1);
    en.handleSplitRequest(1);
    assertThat(paths(ctx.assignedTo(0))).containsExactly(a.toString());
    assertThat(paths(ctx.assignedTo(1))).containsExactly(b.toString(), c.toString());
    assertThat(ctx.noMoreSplits).isEmpty();
    en.handleSplitRequest(0);
    assertThat(ctx.noMoreSplits).containsExactly(0);

    // A split given back (its reader failed) goes to the next reader that asks.
    en.addSplitsBack(List.of(ctx.assignedTo(1).get(1)), 1);
    en.handleSplitRequest(1);
    assertThat(paths(ctx.assignedTo(1))).containsExactly(b.toString(), c.toString(), c.toString());
  }

  @Test
  void continuousDiscoveryAssignsOnlyNewFilesAlsoAfterRestore() throws Exception {
    Path a = file("in/a.csv", 1);
    FileSource<Line> source =
        FileSource.forFormat(FORMAT, dir.resolve("in")).monitorContinuously(Duration.ofMillis(50)).build();
    assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    TestEnumeratorContext<FileSourceSplit> ctx = new TestEnumeratorContext<>(1);
    SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> en = source.createEnumerator(ctx);
    en.start();
    assertThat(ctx.asyncPeriods).containsExactly(50L);
    en.handleSplitRequest(0);
    en.handleSplitRequest(0); // waits: nothing new yet, and never "no more splits"
    assertThat(paths(ctx.assignedTo(0))).containsExactly(a.toString());
    ctx.runAsyncCalls();
    assertThat(ctx.assignedTo(0)).hasSize(1);
    assertThat(ctx.noMoreSplits).isEmpty();

    file("in/.b.csv.tmp", 2); // hidden: still being written
    ctx.runAsyncCalls();
    assertThat(ctx.assignedTo(0)).hasSize(1);
    Files.move(dir.resolve("in/.b.csv.tmp"), dir.resolve("in/b.csv"));
    Path c = file("in/sub/c.csv", 3);
    ctx.runAsyncCalls();
    // The waiting reader gets the first new file at once; the second waits for the next request.
    assertThat(paths(ctx.assignedTo(0))).containsExactly(a.toString(), dir.resolve("in/b.csv").toString());

    PendingSplitsCheckpoint cp = roundTrip(en.snapshotState(7));
    assertThat(paths(cp.pendingSplits())).containsExactly(c.toString());
    assertThat(cp.processedPaths()).containsExactlyInAnyOrder(a.toString(), dir.resolve("in/b.csv").toString(), c.toString());

    TestEnumeratorContext<FileSourceSplit> ctx2 = new TestEnumeratorContext<>(1);
    SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> restored = source.restoreEnumerator(ctx2, cp);
    restored.start();
    Path d = file("in/d.csv", 4);
    ctx2.runAsyncCalls();
    restored.handleSplitRequest(0);
    restored.handleSplitRequest(0);
    restored.handleSplitRequest(0);
    assertThat(paths(ctx2.assignedTo(0))).containsExactly(c.toString(), d.toString());
  }

  @Test
  void continuousSourceToleratesAMissingDirectoryUntilItAppears() throws Exception {
    Path in = dir.resolve("later");
    FileSource<Line> source = FileSource.forFormat(FORMAT, in).monitorContinuously(Duration.ofSeconds(1)).build();
    TestEnumeratorContext<FileSourceSplit> ctx = new TestEnumeratorContext<>(1);
    SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> en = source.createEnumerator(ctx);
    en.start();
    en.handleSplitRequest(0);
    ctx.runAsyncCalls();
    assertThat(ctx.assignedTo(0)).isEmpty();
    Path f = file("later/x.csv", 9);
    ctx.runAsyncCalls();
    assertThat(paths(ctx.assignedTo(0))).containsExactly(f.toString());
  }

  /** Enumerator and reader together: a file added later is read, the reader never ends. */
  @Test
  void monitoredDirectoryFeedsAReaderFilesAddedLater() throws Exception {
    file("in/a.csv", 1, 2);
    FileSource<Line> source =
        FileSource.forFormat(FORMAT, dir.resolve("in")).monitorContinuously(Duration.ofMillis(10)).build();
    TestEnumeratorContext<FileSourceSplit> ectx = new TestEnumeratorContext<>(1);
    SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> en = source.createEnumerator(ectx);
    en.start();
    TestReaderContext rctx = new TestReaderContext();
    SourceReader<Line, FileSourceSplit> reader = source.createReader(rctx);
    reader.start();
    TestReaderOutput<Line> out = new TestReaderOutput<>();
    int[] served = {0};
    Runnable serve = () -> {
      while (served[0] < rctx.splitRequests.get()) {
        served[0]++;
        int before = ectx.assignedTo(0).size();
        en.handleSplitRequest(0);
        if (ectx.assignedTo(0).size() > before) {
          reader.addSplits(ectx.assignedTo(0).subList(before, ectx.assignedTo(0).size()));
        }
      }
    };
    serve.run();
    boolean ended = ReaderDriver.runUntil(reader, out, () -> { serve.run(); return out.records.size() == 2; },
        Duration.ofSeconds(10));
    assertThat(ended).isFalse();
    file("in/b.csv", 3);
    int before = ectx.assignedTo(0).size();
    ectx.runAsyncCalls(); // the periodic discovery
    assertThat(ectx.assignedTo(0).size()).isEqualTo(before + 1); // the reader was waiting
    reader.addSplits(ectx.assignedTo(0).subList(before, before + 1));
    ended = ReaderDriver.runUntil(reader, out, () -> out.records.size() == 3, Duration.ofSeconds(10));
    assertThat(ended).isFalse();
    assertThat(out.records).extracting(Line::id).containsExactly(1L, 2L, 3L);
    reader.close();
  }

  private static PendingSplitsCheckpoint roundTrip(PendingSplitsCheckpoint cp) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      PendingSplitsCheckpoint.Serializer.INSTANCE.serialize(cp, out);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      PendingSplitsCheckpoint back = PendingSplitsCheckpoint.Serializer.INSTANCE.deserialize(in);
      assertThat(back).isEqualTo(cp);
      return back;
    }
  }
}
