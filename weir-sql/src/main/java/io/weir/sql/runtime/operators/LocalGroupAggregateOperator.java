package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.timers.ProcessingTimeService;
import io.weir.sql.runtime.aggregate.GroupState;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.util.GroupTable;
import io.weir.sql.runtime.util.RowUtil;
import java.util.List;

/**
 * The local phase of a two-phase STREAMING group aggregation with mini-batch (Flink's
 * LocalGroupAggregate), chained in front of the keyed exchange: it folds insert-only rows into one
 * partial accumulator per group key in memory and sends one partial row per key and flush to
 * {@link GroupAggregateOperator#global}, which merges partials instead of applying rows. The
 * exchange, the key hashing of keyed state and the global buffer then see one record per key and
 * mini-batch instead of one per row (Nexmark q17: 50,000 bids on ~3,000 auctions).
 *
 * <p>Flushed like the global operator's mini-batch: when {@code miniBatchSize} rows were folded,
 * every {@code miniBatchLatencyMs} of processing time, before each checkpoint barrier (so it keeps
 * no state), on the final watermark and at end of input. A watermark that arrives while partials
 * are held waits for the next flush, so it never overtakes them.
 *
 * <p>Partial row: {@code key fields ++ [GroupState]} (the accumulators and the number of rows
 * folded). Only for mergeable aggregates over an insert-only input.
 */
public final class LocalGroupAggregateOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final int[] keys;
  private final RowAggregator aggregator;
  private final int miniBatchSize;
  private final long miniBatchLatencyMs;

  /** The partials of this mini-batch by key, looked up by the input row's key fields. */
  private transient GroupTable<GroupState> partials;
  private transient int buffered;
  private transient StreamRecord<Row> out;
  private transient Watermark heldWatermark;
  /** The partial the previous row went to (null after a flush): a hot key's runs skip the lookup. */
  private transient GroupTable.Group<GroupState> last;
  private transient ProcessingTimeService.Cancellable latencyFlush;

  /**
   * @param keys the grouping fields (the global operator's key, in order)
   * @param aggregates aggregate calls over the input rows (mergeable)
   * @param inputType type of the input rows
   * @param miniBatchSize rows folded before a flush ({@code table.exec.mini-batch.size}), > 0
   * @param miniBatchLatencyMs flush at least this often in processing time; 0 = only by size
   */
  public LocalGroupAggregateOperator(int[] keys, List<AggregateSpec> aggregates, RowTypeInfo inputType,
      int miniBatchSize, long miniBatchLatencyMs) {
    if (miniBatchSize <= 0) {
      throw new IllegalArgumentException("local group aggregation needs a mini-batch size > 0, got " + miniBatchSize);
    }
    this.keys = keys.clone();
    this.aggregator = new RowAggregator(aggregates, inputType, false);
    this.miniBatchSize = miniBatchSize;
    this.miniBatchLatencyMs = miniBatchLatencyMs;
  }

  @Override
  public void open() throws Exception {
    partials = new GroupTable<>();
    out = new StreamRecord<>(null);
    if (miniBatchLatencyMs > 0 && !isBatchMode()) {
      latencyFlush = getOperatorContext().getProcessingTimeService()
          .scheduleAtFixedRate(t -> flush(), miniBatchLatencyMs, miniBatchLatencyMs);
    }
  }

  @Override
  public void close() throws Exception {
    if (latencyFlush != null) {
      latencyFlush.cancel();
    }
    super.close();
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row in = record.getValue();
    if (!RowUtil.isAccumulate(in.getKind())) {
      throw new UnsupportedOperationException("local group aggregation needs an insert-only input, got " + in);
    }
    GroupTable.Group<GroupState> p = last;
    if (p == null || !GroupTable.sameKey(p.key, in, keys)) {
      int hash = GroupTable.hash(in, keys);
      p = partials.find(in, keys, hash);
      if (p == null) {
        p = partials.add(hash, RowUtil.project(in, keys), new GroupState(aggregator.createAccumulators()));
      }
      last = p;
    }
    GroupState g = p.value;
    aggregator.accumulate(g.accs, in);
    g.rowCount++;
    if (++buffered >= miniBatchSize) {
      flush();
    }
  }

  private void flush() throws Exception {
    if (buffered == 0) {
      return;
    }
    last = null;
    for (GroupTable.Group<GroupState> p : partials.groups()) {
      Row row = new Row(keys.length + 1);
      for (int i = 0; i < keys.length; i++) {
        row.setField(i, p.key.getField(i));
      }
      row.setField(keys.length, p.value);
      output.collect(out.replace(row, StreamRecord.NO_TIMESTAMP));
    }
    partials.clear();
    buffered = 0;
    if (heldWatermark != null) {
      Watermark mark = heldWatermark;
      heldWatermark = null;
      super.processWatermark(mark);
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (buffered > 0 && mark.getTimestamp() != Long.MAX_VALUE) {
      heldWatermark = mark; // why: see KeyedMiniBatch
      return;
    }
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
  }

  @Override
  public void endInput() throws Exception {
    flush();
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }
}
