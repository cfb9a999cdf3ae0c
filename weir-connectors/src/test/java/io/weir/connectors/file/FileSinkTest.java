package io.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.sink.Committer;
import io.weir.core.sink.PrecommittingSinkWriter;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.types.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSinkTest {
  @TempDir Path dir;

  enum Color { RED, GREEN }

  record Item(long id, String name, Double price, BigDecimal amount, LocalDate day, Instant at, Color color,
      boolean flag) {}

  private static final SinkWriter.Context CTX = new SinkWriter.Context() {
    @Override
    public Long timestamp() {
      return null;
    }

    @Override
    public long currentWatermark() {
      return Long.MIN_VALUE;
    }
  };

  private static SinkContext subtask(int index) {
    return new SinkContext() {
      @Override
      public int getIndexOfSubtask() {
        return index;
      }

      @Override
      public int getNumberOfParallelSubtasks() {
        return 2;
      }

      @Override
      public int getAttemptNumber() {
        return 0;
      }

      @Override
      public String getJobId() {
        return "job";
      }
    };
  }

  private List<String> listNames(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile).map(p -> d.relativize(p).toString()).sorted().toList();
    }
  }

  private List<String> visible(Path d) throws IOException {
    return listNames(d).stream().filter(n -> !FileDiscovery.isHidden(d, d.resolve(n))).toList();
  }

  private static String randomText(Random rnd) {
    String alphabet = "ab ,\"\n\r;xé\t'{}[]:\\";
    int len = rnd.nextInt(8);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static Item randomItem(Random rnd, long id) {
    return new Item(id,
        rnd.nextInt(5) == 0 ? null : randomText(rnd),
        rnd.nextInt(4) == 0 ? null : rnd.nextDouble() * 100,
        rnd.nextInt(4) == 0 ? null : BigDecimal.valueOf(rnd.nextLong(), rnd.nextInt(5)),
        rnd.nextInt(4) == 0 ? null : LocalDate.ofEpochDay(rnd.nextInt(40000)),
        rnd.nextInt(4) == 0 ? null : Instant.ofEpochMilli(rnd.nextLong() % 4_000_000_000_000L),
        rnd.nextInt(3) == 0 ? null : Color.values()[rnd.nextInt(2)],
        rnd.nextBoolean());
  }

  @Test
  void publishesOnlyCommittedFiles() throws Exception {
    FileSink<Item> sink = FileSink.forFormat(dir, CsvWriterFormat.forType(Item.class)).build();
    PrecommittingSinkWriter<Item, FileSinkCommittable> w = sink.createWriter(subtask(1));
    Random rnd = new Random(1);
    List<Item> first = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      first.add(randomItem(rnd, i));
      w.write(first.get(i), CTX);
    }
    w.flush(false);
    assertThat(visible(dir)).isEmpty();
    assertThat(listNames(dir)).singleElement().asString().matches("\\.part-1-0-[0-9a-f-]+\\.inprogress");

    Collection<FileSinkCommittable> c1 = w.prepareCommit();
    assertThat(c1).hasSize(1);
    assertThat(visible(dir)).isEmpty(); // pre-committed is not published
    assertThat(listNames(dir)).singleElement().asString().endsWith(".pending");

    w.write(randomItem(rnd, 10), CTX);
    Committer<FileSinkCommittable> committer = sink.createCommitter();
    committer.commit(roundTrip(c1));
    assertThat(visible(dir)).containsExactly("part-1-0.csv");
    assertThat(FormatTestSupport.readRecords(CsvFormat.forType(Item.class), dir.resolve("part-1-0.csv")))
        .isEqualTo(first);

    // Committing the same committables again (restore after a commit) changes nothing.
    committer.commit(c1);
    assertThat(visible(dir)).containsExactly("part-1-0.csv");

    Collection<FileSinkCommittable> c2 = w.prepareCommit();
    assertThat(w.prepareCommit()).isEmpty(); // nothing written since: no empty part
    committer.commit(c2);
    assertThat(visible(dir)).containsExactly("part-1-0.csv", "part-1-1.csv");
    w.close();
    assertThat(listNames(dir)).containsExactly("part-1-0.csv", "part-1-1.csv");
  }

  @Test
  void committingALostPendingFileFailsNamingIt() throws Exception {
    Committer<FileSinkCommittable> committer = new FileSinkCommitter();
    FileSinkCommittable c = new FileSinkCommittable(dir.resolve(".part-0-3-x.pending").toString(),
        dir.resolve("part-0-3.csv").toString());
    assertThatThrownBy(() -> committer.commit(List.of(c)))
        .isInstanceOf(IOException.class)
        .hasMessage("FileSink: cannot publish " + c.finalPath() + ": its pending file " + c.pendingPath()
            + " is gone (deleted outside the job?)");
  }

  @Test
  void newAttemptDeletesStaleInProgressFilesKeepsPendingOnesAndNeverReusesANumber() throws Exception {
    FileSink<Item> sink = FileSink.forFormat(dir, JsonLinesWriterFormat.forType(Item.class));
    Random rnd = new Random(2);
    PrecommittingSinkWriter<Item, FileSinkCommittable> w = sink.createWriter(subtask(0));
    w.write(randomItem(rnd, 1), CTX);
    Collection<FileSinkCommittable> committed = w.prepareCommit();
    sink.createCommitter().commit(committed); // part-0-0.json
    w.write(randomItem(rnd, 2), CTX);
    Collection<FileSinkCommittable> checkpointed = w.prepareCommit(); // pending part 1, in a checkpoint
    w.write(randomItem(rnd, 3), CTX);
    w.flush(false); // in-progress part 2: never pre-committed
    // Subtask 1 has an in-progress file too; subtask 0's restart must not touch it.
    PrecommittingSinkWriter<Item, FileSinkCommittable> other = sink.createWriter(subtask(1));
    other.write(randomItem(rnd, 4), CTX);
    other.flush(false);
    // The attempt dies without close().

    PrecommittingSinkWriter<Item, FileSinkCommittable> w2 = sink.createWriter(subtask(0));
    List<String> names = listNames(dir);
    assertThat(names).noneMatch(n -> n.startsWith(".part-0-") && n.endsWith(".inprogress"));
    assertThat(names).anyMatch(n -> n.startsWith(".part-0-1-") && n.endsWith(".pending"));
    assertThat(names).anyMatch(n -> n.startsWith(".part-1-0-") && n.endsWith(".inprogress"));
    sink.createCommitter().commit(checkpointed); // the restored checkpoint's committables
    w2.write(randomItem(rnd, 5), CTX);
    sink.createCommitter().commit(w2.prepareCommit());
    assertThat(visible(dir)).containsExactly("part-0-0.json", "part-0-1.json", "part-0-3.json");
  }

  @Test
  void rollsPartsBySize() throws Exception {
    FileSink<Item> sink = FileSink.forFormat(dir, CsvWriterFormat.forType(Item.class)).withMaxPartSize(300);
    PrecommittingSinkWriter<Item, FileSinkCommittable> w = sink.createWriter(subtask(0));
    Random rnd = new Random(3);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      items.add(randomItem(rnd, i));
      w.write(items.get(i), CTX);
    }
    Collection<FileSinkCommittable> c = w.prepareCommit();
    sink.createCommitter().commit(c);
    List<String> parts = visible(dir);
    assertThat(parts.size()).isGreaterThan(3).isEqualTo(c.size());
    List<Item> back = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Path p = dir.resolve("part-0-" + i + ".csv");
      // Rolled right after the record that crossed the limit.
      if (i < parts.size() - 1) {
        assertThat(Files.size(p)).isGreaterThanOrEqualTo(300).isLessThan(300 + 200);
      }
      back.addAll(FormatTestSupport.readRecords(CsvFormat.forType(Item.class), p));
    }
    assertThat(back).isEqualTo(items);
  }

  @Test
  void bucketsWriteIntoSubdirectories() throws Exception {
    FileSink<Item> sink = FileSink.forFormat(dir, JsonLinesWriterFormat.forType(Item.class))
        .withBucketAssigner(item -> item.id() % 2 == 0 ? "even" : "odd");
    PrecommittingSinkWriter<Item, FileSinkCommittable> w = sink.createWriter(subtask(0));
    Random rnd = new Random(4);
    for (int i = 0; i < 6; i++) {
      w.write(randomItem(rnd, i), CTX);
    }
    sink.createCommitter().commit(w.prepareCommit());
    assertThat(visible(dir)).containsExactly("even/part-0-0.json", "odd/part-0-1.json");
    assertThat(FormatTestSupport.readRecords(JsonLinesFormat.forType(Item.class), dir.resolve("odd/part-0-1.json")))
        .extracting(Item::id).containsExactly(1L, 3L, 5L);
    // A new attempt numbers after the parts in the buckets.
    PrecommittingSinkWriter<Item, FileSinkCommittable> w2 = sink.createWriter(subtask(0));
    w2.write(randomItem(rnd, 8), CTX);
    sink.createCommitter().commit(w2.prepareCommit());
    assertThat(visible(dir)).contains("even/part-0-2.json");

    FileSink<Item> escaping = FileSink.forFormat(dir, JsonLinesWriterFormat.forType(Item.class))
        .withBucketAssigner(item -> "../outside");
    PrecommittingSinkWriter<Item, FileSinkCommittable> bad = escaping.createWriter(subtask(0));
    assertThatThrownBy(() -> bad.write(randomItem(rnd, 9), CTX)).hasMessageContaining("outside the sink directory");
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void csvAndJsonOutputReadsBackToTheSameRecords(long seed) throws Exception {
    Random rnd = new Random(seed);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      items.add(randomItem(rnd, i));
    }
    for (FileWriterFormat<Item> fmt : List.of(CsvWriterFormat.forType(Item.class), JsonLinesWriterFormat.forType(Item.class))) {
      Path out = dir.resolve(fmt.getFileExtension() + seed);
      FileSink<Item> sink = FileSink.forFormat(out, fmt);
      PrecommittingSinkWriter<Item, FileSinkCommittable> w = sink.createWriter(subtask(0));
      for (Item it : items) {
        w.write(it, CTX);
      }
      w.flush(true);
      sink.createCommitter().commit(w.prepareCommit());
      Path part = out.resolve("part-0-0." + fmt.getFileExtension());
      FileFormat<Item> reader = fmt instanceof CsvWriterFormat
          ? CsvFormat.forType(Item.class) : JsonLinesFormat.forType(Item.class);
      assertThat(FormatTestSupport.readRecords(reader, part)).isEqualTo(items);
    }
  }

  @Test
  void rowsAreWrittenByColumnName() throws Exception {
    FileSink<Row> csv = FileSink.forFormat(dir.resolve("c"), CsvWriterFormat.forRows("id", "name").withDelimiter(';'));
    FileSink<Row> json = FileSink.forFormat(dir.resolve("j"), JsonLinesWriterFormat.forRows("id", "name"));
    for (FileSink<Row> sink : List.of(csv, json)) {
      PrecommittingSinkWriter<Row, FileSinkCommittable> w = sink.createWriter(subtask(0));
      w.write(Row.of(1L, "a;b"), CTX);
      w.write(Row.of(2L, null), CTX);
      sink.createCommitter().commit(w.prepareCommit());
    }
    assertThat(Files.readString(dir.resolve("c/part-0-0.csv"))).isEqualTo("id;name\n1;\"a;b\"\n2;\n");
    assertThat(Files.readString(dir.resolve("j/part-0-0.json")))
        .isEqualTo("{\"id\":1,\"name\":\"a;b\"}\n{\"id\":2,\"name\":null}\n");
  }

  @Test
  void csvWriterRejectsUnsupportedFieldTypesAtBuildTime() {
    record Bad(String a, List<String> tags) {}
    assertThatThrownBy(() -> CsvWriterFormat.forType(Bad.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'tags'");
  }

  private static Collection<FileSinkCommittable> roundTrip(Collection<FileSinkCommittable> cs) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (FileSinkCommittable c : cs) {
        FileSinkCommittable.Serializer.INSTANCE.serialize(c, out);
      }
    }
    List<FileSinkCommittable> back = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      for (int i = 0; i < cs.size(); i++) {
        back.add(FileSinkCommittable.Serializer.INSTANCE.deserialize(in));
      }
    }
    assertThat(back).containsExactlyElementsOf(cs);
    return back;
  }
}
