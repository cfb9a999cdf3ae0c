package io.weir.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.TypeSerializer;
import io.weir.runtime.partitioner.BroadcastPartitioner;
import io.weir.runtime.partitioner.RebalancePartitioner;
import io.weir.runtime.streamrecord.StreamElement;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordWriterTest {

  static List<StreamElement> drain(LocalChannel ch, List<Integer> batchSizes) {
    List<StreamElement> all = new ArrayList<>();
    ElementBatch b;
    while ((b = ch.poll()) != null) {
      batchSizes.add(b.size());
      for (int i = 0; i < b.size(); i++) {
        all.add(b.get(i));
      }
    }
    return all;
  }

  @Test
  void sendsFullBatchesAtOnceAndPartialOnesOnFlushOrControl() throws Exception {
    ExchangeMetrics metrics = new ExchangeMetrics();
    LocalChannel a = new LocalChannel(2, metrics);
    LocalChannel b = new LocalChannel(2, metrics);
    RebalancePartitioner<Integer> p = new RebalancePartitioner<>();
    p.setup(2, 0);
    RecordWriter<Integer> w = new RecordWriter<>(p, new OutputChannel[] {a, b}, 3, null);
    for (int i = 0; i < 7; i++) {
      w.emit(new StreamRecord<>(i, i));
    }
    // a got 0,2,4,6 (one full batch of 3 sent), b got 1,3,5 (one full batch)
    assertThat(a.bufferedBatches()).isEqualTo(1);
    assertThat(b.bufferedBatches()).isEqualTo(1);
    w.broadcastControl(new Watermark(5));
    List<Integer> sizes = new ArrayList<>();
    List<StreamElement> fromA = drain(a, sizes);
    assertThat(sizes).containsExactly(3, 2);
    assertThat(fromA).hasSize(5);
    assertThat(fromA.get(3).<Integer>asRecord().getValue()).isEqualTo(6);
    assertThat(fromA.get(4)).isEqualTo(new Watermark(5));
    assertThat(drain(b, new ArrayList<>())).hasSize(4).last().isEqualTo(new Watermark(5));

    w.emit(new StreamRecord<>(7));
    assertThat(w.flush()).isTrue();
    assertThat(w.flush()).isFalse();
    assertThat(a.bufferedBatches() + b.bufferedBatches()).isEqualTo(1);
  }

  @Test
  void watermarksRideInTheCurrentBatchAndReplaceATrailingWatermark() throws Exception {
    LocalChannel a = new LocalChannel(100, new ExchangeMetrics());
    LocalChannel b = new LocalChannel(100, new ExchangeMetrics());
    RebalancePartitioner<Integer> p = new RebalancePartitioner<>();
    p.setup(2, 0);
    RecordWriter<Integer> w = new RecordWriter<>(p, new OutputChannel[] {a, b}, 4, null);
    w.emit(new StreamRecord<>(0, 0));
    w.emitWatermark(new Watermark(1));
    w.emitWatermark(new Watermark(2)); // no record in between: replaces 1
    w.emit(new StreamRecord<>(1, 1));
    w.emitWatermark(new Watermark(3));
    assertThat(a.bufferedBatches() + b.bufferedBatches()).as("no flush per watermark").isZero();
    assertThat(w.flush()).isTrue();
    List<StreamElement> fromA = drain(a, new ArrayList<>());
    List<StreamElement> fromB = drain(b, new ArrayList<>());
    // order relative to the records is kept on every channel
    assertThat(fromA).hasSize(2);
    assertThat(fromA.get(0).<Integer>asRecord().getValue()).isEqualTo(0);
    assertThat(fromA.get(1)).isEqualTo(new Watermark(3));
    assertThat(fromB).hasSize(3);
    assertThat(fromB.get(0)).isEqualTo(new Watermark(2));
    assertThat(fromB.get(1).<Integer>asRecord().getValue()).isEqualTo(1);
    assertThat(fromB.get(2)).isEqualTo(new Watermark(3));
  }

  @Test
  void aPendingWatermarkIsSentAfterBatchSizeRecordsEvenToAChannelWithoutRecords() throws Exception {
    LocalChannel a = new LocalChannel(100, new ExchangeMetrics());
    LocalChannel idle = new LocalChannel(100, new ExchangeMetrics());
    // every record goes to channel 0
    io.weir.runtime.partitioner.StreamPartitioner<Integer> toFirst = new io.weir.runtime.partitioner.CustomPartitionerWrapper<>(
        (io.weir.core.functions.Partitioner<Integer>) (key, n) -> 0, (io.weir.core.functions.KeySelector<Integer, Integer>) x -> x);
    toFirst.setup(2, 0);
    RecordWriter<Integer> w = new RecordWriter<>(toFirst, new OutputChannel[] {a, idle}, 4, null);
    w.emitWatermark(new Watermark(7));
    for (int i = 0; i < 3; i++) {
      w.emit(new StreamRecord<>(i, i));
      w.emitWatermark(new Watermark(8 + i));
    }
    assertThat(idle.bufferedBatches()).isZero();
    w.emit(new StreamRecord<>(3, 3)); // 4th record since the watermark was first pending
    w.emitWatermark(new Watermark(11));
    List<StreamElement> fromIdle = drain(idle, new ArrayList<>());
    assertThat(fromIdle).containsExactly(new Watermark(11));
  }

  @Test
  void reportsBackpressureWhenAChannelIsFull() throws Exception {
    LocalChannel a = new LocalChannel(2, new ExchangeMetrics());
    RebalancePartitioner<Integer> p = new RebalancePartitioner<>();
    p.setup(1, 0);
    RecordWriter<Integer> w = new RecordWriter<>(p, new OutputChannel[] {a}, 1, null);
    w.emit(new StreamRecord<>(1));
    assertThat(w.hasCapacity()).isTrue();
    w.emit(new StreamRecord<>(2));
    assertThat(w.hasCapacity()).isFalse();
    a.poll();
    assertThat(w.hasCapacity()).isTrue();
  }

  static final class Mutable {
    int v;

    Mutable(int v) {
      this.v = v;
    }
  }

  @Test
  void broadcastCopiesForAllButTheLastChannel() throws Exception {
    LocalChannel[] chs = {new LocalChannel(8, null), new LocalChannel(8, null), new LocalChannel(8, null)};
    BroadcastPartitioner<Mutable> p = new BroadcastPartitioner<>();
    p.setup(3, 0);
    TypeSerializer<Mutable> copier = new TypeSerializer<>() {
      @Override
      public void serialize(Mutable value, DataOutput out) {}

      @Override
      public Mutable deserialize(DataInput in) {
        return null;
      }

      @Override
      public Mutable copy(Mutable value) {
        return new Mutable(value.v);
      }
    };
    RecordWriter<Mutable> w = new RecordWriter<>(p, chs, 4, copier);
    Mutable m = new Mutable(5);
    w.emit(new StreamRecord<>(m, 9));
    w.flush();
    List<Mutable> got = new ArrayList<>();
    for (LocalChannel ch : chs) {
      StreamRecord<Mutable> r = ch.poll().get(0).asRecord();
      assertThat(r.getTimestamp()).isEqualTo(9);
      got.add(r.getValue());
    }
    assertThat(got).extracting(x -> x.v).containsExactly(5, 5, 5);
    assertThat(got.get(0)).isNotSameAs(m);
    assertThat(got.get(1)).isNotSameAs(m).isNotSameAs(got.get(0));
    assertThat(got.get(2)).isSameAs(m);
  }
}
