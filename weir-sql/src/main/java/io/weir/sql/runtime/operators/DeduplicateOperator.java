package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.timers.ProcessingTimeService;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.util.RowUtil;

/**
 * STREAMING deduplication: {@code ROW_NUMBER() OVER (PARTITION BY k ORDER BY o) <= 1} (Top-1) over
 * an insert-only input. It keeps one row per key, the best by {@code order}: keep-first on an
 * ascending time, keep-last on a descending one ({@code latestWinsTies}: a later arrival with the
 * same time replaces the kept row, as in Flink). The changelog is the one {@link RankOperator}
 * emits for this case: +I for a key's first row; when a new row wins and differs from the kept
 * one, -U old / +U new with the row number (1) as last field ({@code outputRankNumber}), -D old /
 * +I new without it.
 *
 * <p>{@link RankOperator} keeps a sorted list per key and diffs the visible ranks before and after
 * each row; for Top-1 that is a list, two copies and a diff per record and two extra objects per
 * key in state (Nexmark q18 keeps millions of keys, and its young collections copy them).
 *
 * <p>With {@code miniBatchSize > 0} the best row per key is buffered and compared with state once
 * per key and batch (as Flink's mini-batch deduplication): the buffer is flushed when it holds that
 * many rows, every {@code miniBatchLatencyMs} of processing time, before each checkpoint barrier, on
 * the final watermark and at end of input; a watermark that arrives while rows are buffered is
 * held back until the flush. Intermediate winners within a batch are then not
 * emitted; the final result is the same.
 */
public final class DeduplicateOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final RowTypeInfo inputType;
  private final RowComparator order;
  private final boolean outputRankNumber;
  private final boolean latestWinsTies;
  private final int miniBatchSize;
  private final long miniBatchLatencyMs;

  private transient ValueState<Row> state;
  /** Null without mini-batch. */
  private transient KeyedMiniBatch<Row> miniBatch;
  private transient ProcessingTimeService.Cancellable latencyFlush;
  private transient StreamRecord<Row> out;

  /**
   * @param inputType type of the input rows (state serializer)
   * @param order ORDER BY of the OVER window
   * @param outputRankNumber append the row number (always 1) as a BIGINT field
   * @param latestWinsTies a row that ties on {@code order} with the kept one replaces it
   * @param miniBatchSize rows buffered before they are compared with state; 0 = off
   * @param miniBatchLatencyMs with mini-batch on, the buffer is also flushed every this many ms
   */
  public DeduplicateOperator(RowTypeInfo inputType, RowComparator order, boolean outputRankNumber,
      boolean latestWinsTies, int miniBatchSize, long miniBatchLatencyMs) {
    this.inputType = inputType;
    this.order = order;
    this.outputRankNumber = outputRankNumber;
    this.latestWinsTies = latestWinsTies;
    this.miniBatchSize = miniBatchSize;
    this.miniBatchLatencyMs = miniBatchLatencyMs;
  }

  @Override
  public void open() throws Exception {
    if (isBatchMode()) {
      // BATCH wants inserts of the final rows only; the planner uses a hash or sort rank there
      throw new IllegalStateException("DeduplicateOperator runs in STREAMING mode only");
    }
    state = getKeyedStateBackend().getState(new ValueStateDescriptor<>("dedup-row", inputType));
    out = new StreamRecord<>(null);
    miniBatch = miniBatchSize > 0 ? new KeyedMiniBatch<>(this, miniBatchSize) : null;
    if (miniBatchSize > 0 && miniBatchLatencyMs > 0) {
      latencyFlush = getOperatorContext().getProcessingTimeService()
          .scheduleAtFixedRate(t -> flushMiniBatch(), miniBatchLatencyMs, miniBatchLatencyMs);
    }
  }

  @Override
  public void close() throws Exception {
    if (latencyFlush != null) {
      latencyFlush.cancel();
    }
    super.close();
  }

  /** Whether {@code candidate} replaces {@code kept} as the key's first row. */
  private boolean wins(Row candidate, Row kept) {
    int c = order.compare(candidate, kept);
    return latestWinsTies ? c <= 0 : c < 0;
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row row = RowUtil.asInsert(record.getValue());
    if (miniBatch != null) {
      if (miniBatch.add((Row) getCurrentKey(), row, (kept, candidate) -> wins(candidate, kept) ? candidate : kept)) {
        flushMiniBatch();
      }
      return;
    }
    process(row, record.getTimestamp());
  }

  private void process(Row row, long timestamp) throws Exception {
    Row kept = state.value();
    if (kept == null) {
      state.update(row);
      emit(withRank(row, RowKind.INSERT), timestamp);
      return;
    }
    if (!wins(row, kept)) {
      return;
    }
    state.update(row);
    if (RowUtil.sameFields(row, kept)) {
      return;
    }
    if (outputRankNumber) {
      emit(withRank(kept, RowKind.UPDATE_BEFORE), timestamp);
      emit(withRank(row, RowKind.UPDATE_AFTER), timestamp);
    } else {
      emit(RowUtil.withKind(kept, RowKind.DELETE), timestamp);
      emit(row, timestamp);
    }
  }

  private Row withRank(Row row, RowKind kind) {
    if (!outputRankNumber) {
      return row.getKind() == kind ? row : RowUtil.withKind(row, kind);
    }
    int arity = row.getArity();
    Row r = new Row(kind, arity + 1);
    for (int i = 0; i < arity; i++) {
      r.setField(i, row.getField(i));
    }
    r.setField(arity, 1L);
    return r;
  }

  private void emit(Row row, long timestamp) {
    output.collect(out.replace(row, timestamp));
  }

  private void flushMiniBatch() throws Exception {
    Watermark held = miniBatch == null ? null : miniBatch.flush((key, row) -> process(row, StreamRecord.NO_TIMESTAMP));
    if (held != null) {
      super.processWatermark(held);
    }
  }

  /** With mini-batch, a watermark waits for the next flush ({@link KeyedMiniBatch}). */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (miniBatch != null && miniBatch.hold(mark)) {
      return;
    }
    flushMiniBatch();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flushMiniBatch();
  }

  @Override
  public void endInput() throws Exception {
    flushMiniBatch();
  }

  @Override
  public void finish() throws Exception {
    flushMiniBatch();
  }
}
