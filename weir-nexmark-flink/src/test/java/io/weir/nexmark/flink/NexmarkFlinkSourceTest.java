package io.weir.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Flink source emits, split by split, exactly the events Weir's Nexmark source reads. */
class NexmarkFlinkSourceTest {
  private static final long EVENTS = 1_003;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void eachSplitEmitsWeirsEventsInWeirsOrder(int parallelism) {
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(EVENTS).firstEventRate(1_000).build();
    NexmarkGenerator generator = new NexmarkGenerator(config);
    List<io.weir.nexmark.source.NexmarkSplit> weirSplits = io.weir.nexmark.source.NexmarkSplit.split(EVENTS, parallelism);
    assertThat(weirSplits).hasSize(parallelism);
    long total = 0;
    for (int i = 0; i < parallelism; i++) {
      Collected flink = drain(config, new NexmarkSplit(i, parallelism, 0));
      io.weir.nexmark.source.NexmarkSplit weir = weirSplits.get(i);
      assertThat(flink.rows).hasSize((int) weir.remaining());
      for (int k = 0; k < flink.rows.size(); k++) {
        Event expected = generator.eventAt(weir.next() + (long) k * weir.stride());
        assertSame(flink.rows.get(k), expected);
        assertThat(flink.timestamps.get(k)).isEqualTo(expected.timestamp());
      }
      total += flink.rows.size();
    }
    assertThat(total).isEqualTo(EVENTS);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 250})
  void resumesFromItsCheckpointedPosition(long offset) {
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(EVENTS).build();
    Collected all = drain(config, new NexmarkSplit(1, 2, 0));
    Collected resumed = drain(config, new NexmarkSplit(1, 2, offset));
    assertThat(resumed.rows).hasSize(all.rows.size() - (int) offset);
    assertThat(resumed.timestamps).isEqualTo(all.timestamps.subList((int) offset, all.timestamps.size()));
  }

  private static void assertSame(RowData row, Event e) {
    assertThat(row.getInt(0)).isEqualTo(e.type());
    for (int pos = 1; pos <= 3; pos++) {
      assertThat(row.isNullAt(pos)).as("column %d of event type %d", pos, e.type()).isEqualTo(pos != e.type() + 1);
    }
    switch (e.type()) {
      case Event.PERSON -> {
        RowData p = row.getRow(1, EventRows.PERSON_FIELDS);
        assertThat(p.getLong(0)).isEqualTo(e.person().id());
        assertThat(p.getString(1).toString()).isEqualTo(e.person().name());
        assertThat(p.getString(5).toString()).isEqualTo(e.person().state());
        assertThat(p.getTimestamp(6, 3).getMillisecond()).isEqualTo(e.person().dateTime());
        assertThat(p.getString(7).toString()).isEqualTo(e.person().extra());
      }
      case Event.AUCTION -> {
        RowData a = row.getRow(2, EventRows.AUCTION_FIELDS);
        assertThat(a.getLong(0)).isEqualTo(e.auction().id());
        assertThat(a.getLong(4)).isEqualTo(e.auction().reserve());
        assertThat(a.getTimestamp(6, 3).getMillisecond()).isEqualTo(e.auction().expires());
        assertThat(a.getLong(7)).isEqualTo(e.auction().seller());
        assertThat(a.getLong(8)).isEqualTo(e.auction().category());
      }
      default -> {
        RowData b = row.getRow(3, EventRows.BID_FIELDS);
        assertThat(b.getLong(0)).isEqualTo(e.bid().auction());
        assertThat(b.getLong(1)).isEqualTo(e.bid().bidder());
        assertThat(b.getLong(2)).isEqualTo(e.bid().price());
        assertThat(b.getString(4).toString()).isEqualTo(e.bid().url());
        assertThat(b.getTimestamp(5, 3).getMillisecond()).isEqualTo(e.bid().dateTime());
      }
    }
  }

  private static Collected drain(NexmarkConfig config, NexmarkSplit split) {
    NexmarkSourceReader reader = new NexmarkSourceReader(config);
    reader.start();
    reader.addSplits(List.of(split));
    reader.notifyNoMoreSplits();
    Collected out = new Collected();
    InputStatus status;
    int polls = 0;
    do {
      status = reader.pollNext(out);
      assertThat(++polls).as("polls").isLessThan(10_000);
    } while (status == InputStatus.MORE_AVAILABLE);
    assertThat(status).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(reader.snapshotState(1)).isEmpty();
    return out;
  }

  private static final class Collected implements ReaderOutput<RowData> {
    final List<RowData> rows = new ArrayList<>();
    final List<Long> timestamps = new ArrayList<>();

    @Override
    public void collect(RowData record) {
      throw new AssertionError("records must carry their event time");
    }

    @Override
    public void collect(RowData record, long timestamp) {
      rows.add(record);
      timestamps.add(timestamp);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<RowData> createOutputForSplit(String splitId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }
}
