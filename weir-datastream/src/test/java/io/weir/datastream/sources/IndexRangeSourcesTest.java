package io.weir.datastream.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.source.InputStatus;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.core.util.InstantiationUtil;
import io.weir.datastream.sources.SourceTestSupport.EnumContext;
import io.weir.datastream.sources.SourceTestSupport.ListOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexRangeSourcesTest {
  /** A POJO that is not java.io.Serializable: the collection source stores it with its TypeInfo serializer. */
  public static class Reading {
    public String sensor;
    public double value;

    public Reading() {}

    Reading(String sensor, double value) {
      this.sensor = sensor;
      this.value = value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reading r && r.sensor.equals(sensor) && r.value == value;
    }

    @Override
    public int hashCode() {
      return sensor.hashCode();
    }
  }

  @Test
  void splitsCoverTheRangeContiguouslyAndEvenly() {
    List<IndexRangeSplit> splits = IndexRangeSplit.split(10, 3);
    assertThat(splits).extracting(IndexRangeSplit::size).containsExactly(4L, 3L, 3L);
    assertThat(splits.get(0).from()).isZero();
    assertThat(splits.get(2).to()).isEqualTo(10);
    for (int i = 1; i < splits.size(); i++) {
      assertThat(splits.get(i).from()).isEqualTo(splits.get(i - 1).to());
    }
    assertThat(IndexRangeSplit.split(2, 5)).hasSize(2);
    assertThat(IndexRangeSplit.split(0, 5)).isEmpty();
  }

  @Test
  void splitSerializersRoundTrip() throws Exception {
    List<IndexRangeSplit> splits = List.of(new IndexRangeSplit(3, 17, 40), new IndexRangeSplit(0, 0, 1));
    ByteArrayDataOutput out = new ByteArrayDataOutput(64);
    IndexRangeSplit.LIST_SERIALIZER.serialize(splits, out);
    assertThat(IndexRangeSplit.LIST_SERIALIZER.deserialize(new ByteArrayDataInput(out.toByteArray()))).isEqualTo(splits);
  }

  /** Random sizes, parallelism and checkpoint points: every number comes out exactly once, each reader in order. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void sequenceReadsEveryNumberOnceAcrossReadersAndRestores(long seed) throws Exception {
    Random random = new Random(seed);
    long from = random.nextInt(1000) - 500;
    long count = random.nextInt(3000);
    int parallelism = 1 + random.nextInt(4);
    NumberSequenceSource source = InstantiationUtil.clone(new NumberSequenceSource(from, from + count - 1 + (count == 0 ? 1 : 0)), "source");
    long expectedCount = count == 0 ? 1 : count;

    EnumContext ctx = new EnumContext(parallelism);
    ctx.enumerator = source.createEnumerator(ctx);
    List<Long> all = new ArrayList<>();
    for (int subtask = 0; subtask < parallelism; subtask++) {
      SourceReader<Long, IndexRangeSplit> reader = source.createReader(ctx.readerContext(subtask));
      ctx.readers.put(subtask, reader);
    }
    for (int subtask = 0; subtask < parallelism; subtask++) {
      SourceReader<Long, IndexRangeSplit> reader = ctx.reader(subtask);
      reader.start();
      ListOutput<Long> out = new ListOutput<>();
      // read a random number of batches, then "fail" and restore a fresh reader from the snapshot
      int batchesBeforeCheckpoint = random.nextInt(3);
      for (int i = 0; i < batchesBeforeCheckpoint; i++) {
        if (reader.pollNext(out) == InputStatus.END_OF_INPUT) {
          break;
        }
      }
      List<IndexRangeSplit> snapshot = reader.snapshotState(1);
      List<Long> beforeCheckpoint = new ArrayList<>(out.records);
      SourceReader<Long, IndexRangeSplit> restored = source.createReader(ctx.readerContext(subtask));
      ctx.readers.put(subtask, restored);
      restored.addSplits(snapshot);
      restored.start();
      ListOutput<Long> rest = new ListOutput<>();
      SourceTestSupport.drain(restored, rest);
      List<Long> mine = new ArrayList<>(beforeCheckpoint);
      mine.addAll(rest.records);
      assertThat(mine).isSorted();
      all.addAll(mine);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(
        LongStream.range(from, from + expectedCount).boxed().collect(Collectors.toList()));
  }

  @Test
  void enumeratorCheckpointKeepsUnassignedSplits() throws Exception {
    NumberSequenceSource source = new NumberSequenceSource(0, 99);
    EnumContext ctx = new EnumContext(4);
    SplitEnumerator<IndexRangeSplit, List<IndexRangeSplit>> e = source.createEnumerator(ctx);
    ctx.enumerator = e;
    ListOutput<Long> out = new ListOutput<>();
    SourceReader<Long, IndexRangeSplit> reader = source.createReader(ctx.readerContext(0));
    ctx.readers.put(0, reader);
    reader.start(); // takes the first split
    List<IndexRangeSplit> remaining = e.snapshotState(1);
    assertThat(remaining).hasSize(3);

    // restore the enumerator; a single reader then drains everything that was not assigned, plus its own split
    EnumContext ctx2 = new EnumContext(1);
    ctx2.enumerator = source.restoreEnumerator(ctx2, IndexRangeSplit.LIST_SERIALIZER.copy(remaining));
    SourceReader<Long, IndexRangeSplit> r2 = source.createReader(ctx2.readerContext(0));
    ctx2.readers.put(0, r2);
    r2.addSplits(reader.snapshotState(1));
    r2.start();
    SourceTestSupport.drain(r2, out);
    assertThat(out.records).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 100).boxed().toList());
  }

  @Test
  void readerWithoutSplitsWaitsUntilOneArrives() throws Exception {
    NumberSequenceSource source = new NumberSequenceSource(1, 3);
    SourceTestSupport.ReaderContext quiet = new SourceTestSupport.ReaderContext(new EnumContext(1), 0) {
      @Override
      public void sendSplitRequest() {
        requests++;
      }
    };
    SourceReader<Long, IndexRangeSplit> reader = source.createReader(quiet);
    reader.start();
    ListOutput<Long> out = new ListOutput<>();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    CompletableFuture<Void> available = reader.isAvailable();
    assertThat(available).isNotDone();
    reader.addSplits(List.of(new IndexRangeSplit(0, 0, 3)));
    assertThat(available).isDone();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(out.records).containsExactly(1L, 2L, 3L);
    assertThat(quiet.requests).isEqualTo(2); // at start and when the split was done
    reader.notifyNoMoreSplits();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
  }

  @Test
  void collectionSourceKeepsOrderWithinSplitsAndHandlesNonSerializablePojos() throws Exception {
    List<Reading> readings = IntStream.range(0, 1500).mapToObj(i -> new Reading("s" + (i % 7), i * 0.5)).toList();
    CollectionSource<Reading> source = InstantiationUtil.clone(
        new CollectionSource<>(readings, TypeInfo.of(Reading.class)), "collection source");
    EnumContext ctx = new EnumContext(2);
    ctx.enumerator = source.createEnumerator(ctx);
    List<Reading> all = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      ctx.readers.put(s, source.createReader(ctx.readerContext(s)));
    }
    for (int s = 0; s < 2; s++) {
      ListOutput<Reading> out = new ListOutput<>();
      SourceReader<Reading, IndexRangeSplit> r = ctx.reader(s);
      r.start();
      SourceTestSupport.drain(r, out);
      all.addAll(out.records);
    }
    assertThat(all).containsExactlyElementsOf(readings); // subtask 0 got the first half, 1 the second
    assertThat(all.get(0)).isNotSameAs(readings.get(0));
  }

  @Test
  void collectionSourceRejectsNullElements() {
    List<String> withNull = new ArrayList<>(List.of("a"));
    withNull.add(null);
    assertThatThrownBy(() -> new CollectionSource<>(withNull, Types.STRING)).hasMessageContaining("element 1 is null");
  }
}
