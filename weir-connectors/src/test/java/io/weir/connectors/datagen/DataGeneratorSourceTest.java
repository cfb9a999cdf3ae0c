package io.weir.connectors.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.connectors.testutil.ReaderDriver;
import io.weir.connectors.testutil.TestEnumeratorContext;
import io.weir.connectors.testutil.TestReaderContext;
import io.weir.connectors.testutil.TestReaderOutput;
import io.weir.core.source.Boundedness;
import io.weir.core.source.InputStatus;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.types.TypeInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataGeneratorSourceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** A stand-in type: the source only hands it through. */
  @SuppressWarnings("unchecked")
  private static final TypeInfo<String> STRING_TYPE = new TypeInfo<>() {
    @Override
    public Class<String> getTypeClass() {
      return String.class;
    }

    @Override
    public io.weir.core.types.TypeSerializer<String> createSerializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
      return "String";
    }
  };

  private static DataGeneratorSource<String> source(long count, RateLimiterStrategy rate) {
    return new DataGeneratorSource<>(i -> "r" + i, count, rate, STRING_TYPE);
  }

  /** Runs enumerator + {@code parallelism} readers one after another; returns each reader's output. */
  private static List<List<String>> runAll(DataGeneratorSource<String> src, int parallelism) throws Exception {
    TestEnumeratorContext<GeneratorSplit> ectx = new TestEnumeratorContext<>(parallelism);
    SplitEnumerator<GeneratorSplit, List<GeneratorSplit>> en = src.createEnumerator(ectx);
    en.start();
    List<List<String>> outputs = new ArrayList<>();
    for (int p = 0; p < parallelism; p++) {
      TestReaderContext rctx = new TestReaderContext(p, parallelism);
      SourceReader<String, GeneratorSplit> reader = src.createReader(rctx);
      TestReaderOutput<String> out = new TestReaderOutput<>();
      reader.start();
      int served = 0;
      while (true) {
        while (served < rctx.splitRequests.get()) {
          served++;
          int before = ectx.assignedTo(p).size();
          en.handleSplitRequest(p);
          if (ectx.assignedTo(p).size() > before) {
            reader.addSplits(ectx.assignedTo(p).subList(before, ectx.assignedTo(p).size()));
          } else if (ectx.noMoreSplits.contains(p)) {
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
      reader.close();
      outputs.add(out.records);
    }
    return outputs;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7})
  void boundedCountIsGeneratedExactlyOnceAcrossReaders(int parallelism) throws Exception {
    long count = 5000 + parallelism;
    DataGeneratorSource<String> src = source(count, RateLimiterStrategy.noLimit());
    assertThat(src.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    List<List<String>> outs = runAll(src, parallelism);
    List<String> all = outs.stream().flatMap(List::stream).sorted().toList();
    assertThat(all).isEqualTo(LongStream.range(0, count).mapToObj(i -> "r" + i).sorted().toList());
    // Even shares.
    assertThat(outs).allSatisfy(o -> assertThat(o.size()).isBetween((int) (count / parallelism), (int) (count / parallelism) + 1));
  }

  @Test
  void zeroCountEndsAtOnce() throws Exception {
    assertThat(runAll(source(0, RateLimiterStrategy.noLimit()), 2)).containsExactly(List.of(), List.of());
  }

  @Test
  void unboundedCountMakesAnUnboundedSource() {
    assertThat(source(Long.MAX_VALUE, RateLimiterStrategy.noLimit()).getBoundedness())
        .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    List<GeneratorSplit> splits = GeneratorSplitEnumerator.split(Long.MAX_VALUE, 3);
    assertThat(splits.stream().mapToLong(GeneratorSplit::remaining).sum()).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> source(-1, RateLimiterStrategy.noLimit())).hasMessageContaining("count must be >= 0");
    assertThatThrownBy(() -> RateLimiterStrategy.perSecond(0)).hasMessageContaining("positive");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void restoredReaderContinuesAtTheCheckpointedIndex(long seed) throws Exception {
    Random rnd = new Random(seed);
    long count = 3000;
    DataGeneratorSource<String> src = source(count, RateLimiterStrategy.noLimit());
    TestReaderContext ctx = new TestReaderContext();
    SourceReader<String, GeneratorSplit> first = src.createReader(ctx);
    first.addSplits(GeneratorSplitEnumerator.split(count, 1 + rnd.nextInt(3)));
    first.start();
    first.notifyNoMoreSplits();
    TestReaderOutput<String> out1 = new TestReaderOutput<>();
    int polls = rnd.nextInt(4);
    for (int i = 0; i < polls; i++) {
      first.pollNext(out1);
    }
    List<GeneratorSplit> state = first.snapshotState(1);
    first.close();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream o = new DataOutputStream(bytes)) {
      GeneratorSplit.ListSerializer.INSTANCE.serialize(state, o);
    }
    List<GeneratorSplit> restored;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = GeneratorSplit.ListSerializer.INSTANCE.deserialize(in);
    }
    assertThat(restored).isEqualTo(state);

    SourceReader<String, GeneratorSplit> second = src.createReader(new TestReaderContext());
    second.addSplits(restored);
    second.start();
    second.notifyNoMoreSplits();
    TestReaderOutput<String> out2 = new TestReaderOutput<>();
    ReaderDriver.runToEnd(second, out2, TIMEOUT);
    List<String> all = new ArrayList<>(out1.records);
    all.addAll(out2.records);
    assertThat(all).isEqualTo(LongStream.range(0, count).mapToObj(i -> "r" + i).toList());
  }

  @Test
  void rateLimitedReaderWaitsWithoutBlockingAndKeepsTheRate() throws Exception {
    // 200 records at 100/s shared by 2 readers: each gets 50/s and 100 records, >= ~1.98 s.
    DataGeneratorSource<String> src = source(200, RateLimiterStrategy.perSecond(100));
    TestReaderContext ctx = new TestReaderContext(0, 2);
    SourceReader<String, GeneratorSplit> reader = src.createReader(ctx);
    reader.addSplits(List.of(GeneratorSplitEnumerator.split(200, 2).get(0)));
    reader.start();
    reader.notifyNoMoreSplits();
    TestReaderOutput<String> out = new TestReaderOutput<>();
    long start = System.nanoTime();
    long longestPoll = 0;
    int idlePolls = 0;
    while (true) {
      long t = System.nanoTime();
      InputStatus st = reader.pollNext(out);
      longestPoll = Math.max(longestPoll, System.nanoTime() - t);
      if (st == InputStatus.END_OF_INPUT) {
        break;
      }
      if (st == InputStatus.NOTHING_AVAILABLE) {
        idlePolls++;
        reader.isAvailable().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(out.records).hasSize(100);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(1500);
    assertThat(idlePolls).isGreaterThan(50); // it waited through isAvailable, not inside pollNext
    assertThat(TimeUnit.NANOSECONDS.toMillis(longestPoll)).isLessThan(100);
    reader.close();
  }

  @Test
  void readerWithoutSplitsWaitsForThem() throws Exception {
    DataGeneratorSource<String> src = source(10, RateLimiterStrategy.noLimit());
    TestReaderContext ctx = new TestReaderContext();
    SourceReader<String, GeneratorSplit> reader = src.createReader(ctx);
    reader.start();
    assertThat(ctx.splitRequests.get()).isEqualTo(1);
    TestReaderOutput<String> out = new TestReaderOutput<>();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(reader.isAvailable()).isNotDone();
    reader.addSplits(GeneratorSplitEnumerator.split(10, 1));
    assertThat(reader.isAvailable()).isDone();
    ReaderDriver.runUntil(reader, out, () -> out.records.size() == 10, TIMEOUT);
    assertThat(ctx.splitRequests.get()).isEqualTo(2); // asks for more once its range is done
    reader.notifyNoMoreSplits();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    reader.close();
  }

  @Test
  void exhaustedSplitIsFinishedWithoutWaiting() throws Exception {
    SourceReader<String, GeneratorSplit> reader = source(5, RateLimiterStrategy.perSecond(1)).createReader(new TestReaderContext());
    reader.addSplits(List.of(new GeneratorSplit("range-0", 5, 5), new GeneratorSplit("range-1", 7, 8)));
    reader.start();
    reader.notifyNoMoreSplits();
    TestReaderOutput<String> out = new TestReaderOutput<>();
    ReaderDriver.runToEnd(reader, out, Duration.ofSeconds(5));
    assertThat(out.records).containsExactly("r7");
    reader.close();
  }
}
