package io.weir.nexmark.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.source.Boundedness;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.types.TypeSerializer;
import io.weir.datastream.StreamExecutionEnvironment;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NexmarkSourceTest {
  private static List<Event> expected(NexmarkConfig config) {
    NexmarkGenerator g = new NexmarkGenerator(config);
    List<Event> all = new ArrayList<>();
    for (long i = 0; i < config.eventsNum(); i++) {
      all.add(g.eventAt(i));
    }
    return all;
  }

  /** Runs the enumerator and every reader to the end; returns each reader's output. */
  private static List<SourceTestSupport.Output<Event>> runAll(NexmarkSource source, int parallelism) throws Exception {
    SourceTestSupport.EnumeratorContext<NexmarkSplit> ectx = new SourceTestSupport.EnumeratorContext<>(parallelism);
    SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> en = source.createEnumerator(ectx);
    en.start();
    List<SourceTestSupport.Output<Event>> outs = new ArrayList<>();
    for (int s = 0; s < parallelism; s++) {
      SourceReader<Event, NexmarkSplit> reader = source.createReader(new SourceTestSupport.ReaderContext(s, parallelism));
      reader.start();
      en.handleSplitRequest(s);
      reader.addSplits(ectx.assigned.getOrDefault(s, List.of()));
      en.handleSplitRequest(s);
      assertThat(ectx.noMoreSplits).contains(s);
      reader.notifyNoMoreSplits();
      SourceTestSupport.Output<Event> out = new SourceTestSupport.Output<>();
      SourceTestSupport.run(reader, out, Long.MAX_VALUE);
      outs.add(out);
    }
    return outs;
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 0", "3, 0", "3, 5", "4, 11"})
  void theUnionOfAllReadersIsTheGlobalSequence(int parallelism, long seed) throws Exception {
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(10_007).seed(seed).build();
    List<Event> all = new ArrayList<>();
    for (SourceTestSupport.Output<Event> out : runAll(new NexmarkSource(config), parallelism)) {
      // each reader's share is in event-time order and carries the event time as record timestamp
      for (int i = 0; i < out.records.size(); i++) {
        assertThat(out.timestamps.get(i)).isEqualTo(out.records.get(i).timestamp());
        if (i > 0) {
          assertThat(out.records.get(i).timestamp()).isGreaterThanOrEqualTo(out.records.get(i - 1).timestamp());
        }
      }
      // interleaved splits: every reader spans the whole event-time range
      assertThat(out.records.get(out.records.size() - 1).timestamp() - out.records.get(0).timestamp())
          .isGreaterThanOrEqualTo(999);
      all.addAll(out.records);
    }
    all.sort(Comparator.comparingLong(Event::timestamp)); // stable: keeps equal-time order per reader
    assertThat(all).hasSize(10_007).containsExactlyInAnyOrderElementsOf(expected(config));
  }

  @Test
  void sameConfigurationSameEventsDifferentSeedDifferentValues() {
    NexmarkConfig a = NexmarkConfig.builder().eventsNum(500).seed(1).build();
    assertThat(expected(a)).isEqualTo(expected(NexmarkConfig.builder().eventsNum(500).seed(1).build()));
    List<Event> other = expected(a.toBuilder().seed(2).build());
    assertThat(other).isNotEqualTo(expected(a));
    // the skeleton does not depend on the seed
    assertThat(other).extracting(Event::type).isEqualTo(expected(a).stream().map(Event::type).toList());
    assertThat(other).extracting(Event::timestamp).isEqualTo(expected(a).stream().map(Event::timestamp).toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void aRestoredReaderContinuesAtItsCheckpointedPosition(int parallelism) throws Exception {
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(5_000).build();
    NexmarkSource source = new NexmarkSource(config);
    SourceTestSupport.EnumeratorContext<NexmarkSplit> ectx = new SourceTestSupport.EnumeratorContext<>(parallelism);
    SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> en = source.createEnumerator(ectx);
    en.handleSplitRequest(0);
    // the enumerator's checkpoint holds the other readers' splits and restores them
    List<NexmarkSplit> pending = en.snapshotState(1);
    assertThat(pending).hasSize(parallelism - 1);
    List<NexmarkSplit> pendingCopy = roundTrip(source.getEnumeratorCheckpointSerializer(), pending);
    assertThat(pendingCopy).isEqualTo(pending);

    SourceReader<Event, NexmarkSplit> reader = source.createReader(new SourceTestSupport.ReaderContext(0, parallelism));
    reader.start();
    reader.addSplits(ectx.assigned.get(0));
    SourceTestSupport.Output<Event> before = new SourceTestSupport.Output<>();
    SourceTestSupport.run(reader, before, 1500);
    List<NexmarkSplit> state = reader.snapshotState(7);
    assertThat(state).hasSize(1);
    NexmarkSplit restoredSplit = roundTrip(source.getSplitSerializer(), state.get(0));
    assertThat(restoredSplit).isEqualTo(state.get(0));
    assertThat(restoredSplit.next()).isEqualTo((long) before.records.size() * parallelism);
    // events emitted after the checkpoint are replayed by the restored reader; the part before
    // plus the restored reader's output is the reader's whole share, exactly once
    SourceReader<Event, NexmarkSplit> restored =
        source.createReader(new SourceTestSupport.ReaderContext(0, parallelism));
    restored.start();
    restored.addSplits(List.of(restoredSplit));
    restored.notifyNoMoreSplits();
    SourceTestSupport.Output<Event> after = new SourceTestSupport.Output<>();
    SourceTestSupport.run(restored, after, Long.MAX_VALUE);
    assertThat(restored.snapshotState(8)).isEmpty();
    List<Event> share = new ArrayList<>(before.records);
    share.addAll(after.records);
    List<Event> all = expected(config);
    List<Event> expectedShare = new ArrayList<>();
    for (int i = 0; i < all.size(); i += parallelism) {
      expectedShare.add(all.get(i));
    }
    assertThat(share).isEqualTo(expectedShare);

    SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> en2 =
        source.restoreEnumerator(new SourceTestSupport.EnumeratorContext<>(parallelism), pendingCopy);
    assertThat(en2.snapshotState(9)).isEqualTo(pending);
  }

  @Test
  void aReaderWithSeveralSplitsAdvancesThemTogether() throws Exception {
    // as after a restore at a lower parallelism: one reader gets splits 0 and 1 of 2
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(3_000).build();
    NexmarkSource source = new NexmarkSource(config);
    SourceReader<Event, NexmarkSplit> reader = source.createReader(new SourceTestSupport.ReaderContext(0, 1));
    reader.start();
    reader.addSplits(NexmarkSplit.split(3_000, 2));
    reader.notifyNoMoreSplits();
    SourceTestSupport.Output<Event> out = new SourceTestSupport.Output<>();
    SourceTestSupport.run(reader, out, Long.MAX_VALUE);
    assertThat(out.records).containsExactlyInAnyOrderElementsOf(expected(config));
    long maxLag = 0;
    for (int i = 1; i < out.records.size(); i++) {
      maxLag = Math.max(maxLag, out.records.get(i - 1).timestamp() - out.records.get(i).timestamp());
    }
    // at most a batch of events (1024 events = ~100 ms at 10,000 events/s) out of order
    assertThat(maxLag).isLessThanOrEqualTo(2 * NexmarkSourceReader.BATCH * 1000L / config.firstEventRate());
  }

  @Test
  void rateLimitedEventsAreNeverAheadOfTheirWallClockSchedule() throws Exception {
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(1_000).firstEventRate(2_000).rateLimited(true).build();
    NexmarkSource source = new NexmarkSource(config);
    SourceReader<Event, NexmarkSplit> reader = source.createReader(new SourceTestSupport.ReaderContext(0, 1));
    long t0 = System.nanoTime();
    reader.start();
    reader.addSplits(NexmarkSplit.split(1_000, 1));
    reader.notifyNoMoreSplits();
    SourceTestSupport.Output<Event> out = new SourceTestSupport.Output<>();
    int idle = SourceTestSupport.run(reader, out, Long.MAX_VALUE);
    NexmarkGenerator g = new NexmarkGenerator(config);
    assertThat(out.records).hasSize(1_000);
    for (int i = 0; i < 1_000; i++) {
      long dueNanos = g.wallClockOffsetMillis(i) * 1_000_000L;
      assertThat(out.arrivalNanos.get(i) - t0).as("event %d", i).isGreaterThanOrEqualTo(dueNanos);
    }
    // the reader waited through isAvailable() instead of blocking in pollNext
    assertThat(idle).isGreaterThan(0);
  }

  @Test
  void boundednessAndSplits() {
    assertThat(new NexmarkSource(NexmarkConfig.builder().eventsNum(10).build()).getBoundedness())
        .isEqualTo(Boundedness.BOUNDED);
    assertThat(new NexmarkSource(NexmarkConfig.defaults()).getBoundedness())
        .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(NexmarkSplit.split(2, 3)).hasSize(2);
    assertThat(NexmarkSplit.split(10, 3)).extracting(NexmarkSplit::remaining).containsExactly(4L, 3L, 3L);
  }

  @ParameterizedTest
  @CsvSource({"1, STREAMING", "2, STREAMING", "3, BATCH"})
  void theDataStreamSourceProducesTheSameEventsAtAnyParallelism(int parallelism, String mode) throws Exception {
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(3_000).seed(3).build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.setRuntimeMode(io.weir.core.config.RuntimeExecutionMode.valueOf(mode));
    List<Event> events = env.fromSource(new NexmarkSource(config), WatermarkStrategy.<Event>noWatermarks(), "nexmark")
        .executeAndCollect(10_000);
    assertThat(events).containsExactlyInAnyOrderElementsOf(expected(config));
  }

  private static <T> T roundTrip(TypeSerializer<T> serializer, T value) {
    return serializer.deserializeFromBytes(serializer.serializeToBytes(value));
  }
}
