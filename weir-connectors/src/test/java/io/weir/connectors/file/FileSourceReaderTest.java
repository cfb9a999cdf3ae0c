package io.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.connectors.testutil.ReaderDriver;
import io.weir.connectors.testutil.TestEnumeratorContext;
import io.weir.connectors.testutil.TestReaderContext;
import io.weir.connectors.testutil.TestReaderOutput;
import io.weir.core.source.Boundedness;
import io.weir.core.source.InputStatus;
import io.weir.core.source.SplitEnumerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSourceReaderTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  record Line(long id, String text) {}

  private static final CsvFormat<Line> FORMAT = CsvFormat.forType(Line.class);

  private Path writeLines(Path file, int from, int to) throws IOException {
    StringBuilder sb = new StringBuilder("id,text\n");
    for (int i = from; i < to; i++) {
      // Every 5th record spans two physical lines, so line and byte positions diverge.
      sb.append(i).append(',').append(i % 5 == 0 ? "\"multi\nline " + i + "\"" : "t" + i).append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb.toString());
    return file;
  }

  private static List<Long> ids(List<Line> lines) {
    return lines.stream().map(Line::id).toList();
  }

  private static List<Long> range(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> (long) i).toList();
  }

  /** Runs a whole source with one reader: enumerator and reader talk through the test contexts. */
  private <T> List<T> readWithSource(FileSource<T> source, TestReaderContext rctx) throws Exception {
    TestEnumeratorContext<FileSourceSplit> ectx = new TestEnumeratorContext<>(1);
    SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint> en = source.createEnumerator(ectx);
    en.start();
    TestReaderOutput<T> out = new TestReaderOutput<>();
    try (var reader = source.createReader(rctx)) {
      reader.start();
      int served = 0;
      while (true) {
        // Serve split requests as the engine would.
        while (served < rctx.splitRequests.get()) {
          served++;
          int before = ectx.assignedTo(0).size();
          en.handleSplitRequest(0);
          List<FileSourceSplit> now = ectx.assignedTo(0);
          if (now.size() > before) {
            reader.addSplits(now.subList(before, now.size()));
          }
          if (ectx.noMoreSplits.contains(0)) {
            reader.notifyNoMoreSplits();
          }
        }
        InputStatus st = reader.pollNext(out);
        if (st == InputStatus.END_OF_INPUT) {
          break;
        }
        if (st == InputStatus.NOTHING_AVAILABLE && served == rctx.splitRequests.get()) {
          reader.isAvailable().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      }
    }
    return out.records;
  }

  @Test
  void readsDirectoriesRecursivelyInSortedOrderSkippingHiddenFiles() throws Exception {
    writeLines(dir.resolve("b/2.csv"), 20, 30);
    writeLines(dir.resolve("a/1.csv"), 10, 20);
    writeLines(dir.resolve("0.csv"), 0, 10);
    writeLines(dir.resolve(".hidden.csv"), 100, 110);
    writeLines(dir.resolve("_SUCCESS"), 200, 201);
    writeLines(dir.resolve("_tmp/x.csv"), 300, 310);
    writeLines(dir.resolve("c/.part-0-0-x.inprogress"), 400, 410);
    FileSource<Line> source = FileSource.forFormat(FORMAT, dir).build();
    assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    TestReaderContext ctx = new TestReaderContext();
    assertThat(ids(readWithSource(source, ctx))).isEqualTo(range(0, 30));
  }

  @Test
  void explicitFilesAreReadInTheGivenOrder() throws Exception {
    Path x = writeLines(dir.resolve("x.csv"), 5, 8);
    Path y = writeLines(dir.resolve("y.csv"), 0, 2);
    FileSource<Line> source = FileSource.forFormat(FORMAT, y, x).build();
    assertThat(ids(readWithSource(source, new TestReaderContext()))).containsExactly(0L, 1L, 5L, 6L, 7L);
  }

  @Test
  void missingInputPathFailsWhenTheJobStarts() {
    Path missing = dir.resolve("nope");
    FileSource<Line> source = FileSource.forFormat(FORMAT, missing).build();
    assertThatThrownBy(() -> source.createEnumerator(new TestEnumeratorContext<>(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void skipModeCountsBadRecordsAndKeepsAllGoodOnes() throws Exception {
    StringBuilder sb = new StringBuilder("id,text\n");
    List<Long> good = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      if (i % 97 == 3) {
        sb.append("bad").append(i).append(",x\n");
      } else {
        sb.append(i).append(",ok\n");
        good.add((long) i);
      }
    }
    Path f = dir.resolve("mixed.csv");
    Files.writeString(f, sb.toString());
    TestReaderContext ctx = new TestReaderContext();
    FileSource<Line> source = FileSource.forFormat(FORMAT, f).onBadRecord(BadRecordPolicy.SKIP).build();
    assertThat(ids(readWithSource(source, ctx))).isEqualTo(good);
    assertThat(ctx.skipped).hasSize(2000 - good.size());
    assertThat(ctx.skipped.get(0)).isEqualTo(f + ":5: column 1 'id': cannot parse 'bad3' as LONG");
  }

  @Test
  void failModeEmitsTheRecordsBeforeTheBadOneThenFailsWithItsMessage() throws Exception {
    Path f = dir.resolve("orders.csv");
    Files.writeString(f, "id,text\n1,a\n2,b\nthree,c\n4,d\n");
    FileSource<Line> source = FileSource.forFormat(FORMAT, f).build();
    TestReaderOutput<Line> out = new TestReaderOutput<>();
    FileSourceReader<Line> reader = new FileSourceReader<>(FORMAT, BadRecordPolicy.FAIL, new TestReaderContext());
    reader.start();
    reader.addSplits(List.of(new FileSourceSplit(f.toString(), 0, 0)));
    reader.notifyNoMoreSplits();
    assertThatThrownBy(() -> ReaderDriver.runToEnd(reader, out, TIMEOUT))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage(f + ":4: column 1 'id': cannot parse 'three' as LONG");
    assertThat(ids(out.records)).containsExactly(1L, 2L);
    reader.close();
    assertThat(source.getBadRecordPolicy()).isEqualTo(BadRecordPolicy.FAIL);
  }

  @Test
  void fileVanishingBeforeItIsReadFailsNamingIt() throws Exception {
    Path f = dir.resolve("gone.csv");
    FileSourceReader<Line> reader = new FileSourceReader<>(FORMAT, BadRecordPolicy.SKIP, new TestReaderContext());
    reader.start();
    reader.addSplits(List.of(new FileSourceSplit(f.toString(), 0, 0)));
    assertThatThrownBy(() -> ReaderDriver.runToEnd(reader, new TestReaderOutput<>(), TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("FileSource: cannot read " + f);
    reader.close();
  }

  /**
   * Snapshots a reader after a random number of polls (tiny batches, so mid-file), restores the
   * splits into a fresh reader, and checks the two readers together emit every record once.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void restoredReaderResumesAtTheRecordAfterTheLastOneEmitted(long seed) throws Exception {
    Random rnd = new Random(seed);
    writeLines(dir.resolve("f1.csv"), 0, 37);
    writeLines(dir.resolve("f2.csv"), 37, 40);
    writeLines(dir.resolve("f3.csv"), 40, 101);
    List<FileSourceSplit> splits = List.of(
        new FileSourceSplit(dir.resolve("f1.csv").toString(), 0, 0),
        new FileSourceSplit(dir.resolve("f2.csv").toString(), 0, 0),
        new FileSourceSplit(dir.resolve("f3.csv").toString(), 0, 0));
    int batch = 1 + rnd.nextInt(6);
    int capacity = 1 + rnd.nextInt(3);
    int stopAfter = rnd.nextInt(101);

    FileSourceReader<Line> first = new FileSourceReader<>(FORMAT, BadRecordPolicy.FAIL, new TestReaderContext(), batch, capacity);
    TestReaderOutput<Line> out1 = new TestReaderOutput<>();
    first.addSplits(splits);
    first.start();
    first.notifyNoMoreSplits();
    ReaderDriver.runUntil(first, out1, () -> out1.records.size() >= stopAfter, TIMEOUT);
    List<FileSourceSplit> state = first.snapshotState(1);
    first.close();

    // Through the serializer, as a checkpoint would.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream dos = new DataOutputStream(bytes)) {
      for (FileSourceSplit s : state) {
        FileSourceSplit.Serializer.INSTANCE.serialize(s, dos);
      }
    }
    List<FileSourceSplit> restored = new ArrayList<>();
    try (DataInputStream dis = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      for (int i = 0; i < state.size(); i++) {
        restored.add(FileSourceSplit.Serializer.INSTANCE.deserialize(dis));
      }
    }
    assertThat(restored).isEqualTo(state);

    FileSourceReader<Line> second = new FileSourceReader<>(FORMAT, BadRecordPolicy.FAIL, new TestReaderContext(), batch, capacity);
    TestReaderOutput<Line> out2 = new TestReaderOutput<>();
    second.addSplits(restored);
    second.start();
    second.notifyNoMoreSplits();
    ReaderDriver.runToEnd(second, out2, TIMEOUT);
    second.close();

    List<Long> all = new ArrayList<>(ids(out1.records));
    all.addAll(ids(out2.records));
    assertThat(all).isEqualTo(range(0, 101));
    assertThat(out1.records.size()).isGreaterThanOrEqualTo(stopAfter);
  }

  @Test
  void fetcherBlocksWhenTheQueueIsFull() throws Exception {
    Path f = writeLines(dir.resolve("big.csv"), 0, 5000);
    AtomicLong parsed = new AtomicLong();
    FileFormat<Line> counting = new FileFormat<>() {
      @Override
      public io.weir.core.types.TypeInfo<Line> getProducedType() {
        throw new UnsupportedOperationException();
      }

      @Override
      public FileRecordReader<Line> createReader(Path file, long offset, long lineNumber) throws IOException {
        FileRecordReader<Line> inner = FORMAT.createReader(file, offset, lineNumber);
        return new FileRecordReader<>() {
          @Override
          public Line read() throws IOException {
            Line l = inner.read();
            if (l != null) {
              parsed.incrementAndGet();
            }
            return l;
          }

          @Override
          public long offset() {
            return inner.offset();
          }

          @Override
          public long lineNumber() {
            return inner.lineNumber();
          }

          @Override
          public void close() throws IOException {
            inner.close();
          }
        };
      }
    };
    FileSourceReader<Line> reader = new FileSourceReader<>(counting, BadRecordPolicy.FAIL, new TestReaderContext(), 10, 2);
    reader.addSplits(List.of(new FileSourceSplit(f.toString(), 0, 0)));
    reader.start();
    reader.isAvailable().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Thread.sleep(200);
    // Two queued batches plus the one the fetcher is blocked handing over.
    assertThat(parsed.get()).isBetween(20L, 30L);
    TestReaderOutput<Line> out = new TestReaderOutput<>();
    reader.notifyNoMoreSplits();
    ReaderDriver.runToEnd(reader, out, TIMEOUT);
    assertThat(ids(out.records)).isEqualTo(range(0, 5000));
    assertThat(out.releasedSplits).containsExactly(f.toString());
    reader.close();
  }

  @Test
  void pollNextNeverBlocksWhileTheFetcherWorks() throws Exception {
    Path f = writeLines(dir.resolve("p.csv"), 0, 3);
    FileSourceReader<Line> reader = new FileSourceReader<>(FORMAT, BadRecordPolicy.FAIL, new TestReaderContext());
    reader.start();
    TestReaderOutput<Line> out = new TestReaderOutput<>();
    long t0 = System.nanoTime();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE); // no split yet
    assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    assertThat(reader.isAvailable()).isNotDone();
    reader.addSplits(List.of(new FileSourceSplit(f.toString(), 0, 0)));
    reader.isAvailable().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    reader.notifyNoMoreSplits();
    ReaderDriver.runToEnd(reader, out, TIMEOUT);
    assertThat(ids(out.records)).containsExactly(0L, 1L, 2L);
    reader.close();
  }

  @Test
  void readerAsksForTheNextSplitWhenItsFileIsDone() throws Exception {
    Path f = writeLines(dir.resolve("s.csv"), 0, 2);
    TestReaderContext ctx = new TestReaderContext();
    FileSourceReader<Line> reader = new FileSourceReader<>(FORMAT, BadRecordPolicy.FAIL, ctx);
    reader.start();
    assertThat(ctx.splitRequests.get()).isEqualTo(1);
    reader.addSplits(List.of(new FileSourceSplit(f.toString(), 0, 0)));
    TestReaderOutput<Line> out = new TestReaderOutput<>();
    ReaderDriver.runUntil(reader, out, () -> ctx.splitRequests.get() == 2, TIMEOUT);
    assertThat(ids(out.records)).containsExactly(0L, 1L);
    assertThat(reader.snapshotState(1)).isEmpty();
    reader.close();
  }
}
