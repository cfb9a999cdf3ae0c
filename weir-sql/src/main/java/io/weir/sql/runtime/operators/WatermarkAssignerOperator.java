package io.weir.sql.runtime.operators;

import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.timers.ProcessingTimeService;
import io.weir.sql.runtime.functions.RowProjection;
import io.weir.sql.runtime.util.RowUtil;
import java.util.List;

/**
 * Event time for a table with a {@code WATERMARK FOR rowtime AS expr} clause: sets each record's
 * timestamp to its rowtime (epoch ms) and emits watermark = the maximum of {@code expr} seen so far
 * (e.g. {@code rowtime - INTERVAL '5' SECOND}). Upstream watermarks are replaced; only the final
 * {@code +inf} passes. Rows with a NULL rowtime pass without timestamp and do not move the
 * watermark. The current maximum survives snapshots (operator list state), so the output
 * watermark never goes back after a restore.
 *
 * <p>With {@code emitIntervalMs == 0} the watermark is emitted as soon as it advances; otherwise
 * every {@code emitIntervalMs} of processing time (Flink's {@code pipeline.auto-watermark-interval},
 * 200 ms by default). BATCH: no watermarks except the final one.
 */
public final class WatermarkAssignerOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final int rowtimeField;
  private final RowProjection watermarkExpression;
  /** Index of a column that holds the watermark time, or -1 (then {@link #watermarkExpression}). */
  private final int watermarkField;
  private final long emitIntervalMs;

  private transient long maxWatermark;
  private transient long emitted;
  private transient ListState<Long> maxState;
  private transient ProcessingTimeService.Cancellable periodic;

  /**
   * @param rowtimeField index of the rowtime attribute (TIMESTAMP, TIMESTAMP_LTZ or BIGINT ms)
   * @param watermarkExpression computes the watermark time of a row in field 0 of its result; null
   *     means the rowtime itself
   * @param emitIntervalMs 0 = emit on every advance, else periodically in processing time
   */
  public WatermarkAssignerOperator(int rowtimeField, RowProjection watermarkExpression, long emitIntervalMs) {
    this.rowtimeField = rowtimeField;
    this.watermarkExpression = watermarkExpression;
    this.watermarkField = -1;
    this.emitIntervalMs = emitIntervalMs;
  }

  /**
   * @param rowtimeField index of the rowtime attribute
   * @param watermarkField index of the column holding the watermark time (the WATERMARK clause's
   *     expression computed upstream); read directly, without a projection row per record
   * @param emitIntervalMs 0 = emit on every advance, else periodically in processing time
   */
  public WatermarkAssignerOperator(int rowtimeField, int watermarkField, long emitIntervalMs) {
    this.rowtimeField = rowtimeField;
    this.watermarkExpression = null;
    this.watermarkField = watermarkField;
    this.emitIntervalMs = emitIntervalMs;
  }

  @Override
  protected void restoreOrInitState(boolean restored) throws Exception {
    maxState = getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("watermark-max", Types.LONG));
    maxWatermark = Long.MIN_VALUE;
    if (restored) {
      Iterable<Long> all = maxState.get();
      if (all != null) {
        // after a rescale take the smallest: safe for every subtask
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (Long v : all) {
          min = Math.min(min, v);
          any = true;
        }
        maxWatermark = any ? min : Long.MIN_VALUE;
      }
    }
    emitted = maxWatermark;
  }

  @Override
  protected void snapshotOperatorState(long checkpointId) throws Exception {
    maxState.update(List.of(maxWatermark));
  }

  @Override
  public void open() throws Exception {
    if (emitIntervalMs > 0 && !isBatchMode()) {
      periodic = getOperatorContext().getProcessingTimeService()
          .scheduleAtFixedRate(t -> emitIfAdvanced(), emitIntervalMs, emitIntervalMs);
    }
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row row = record.getValue();
    Object time = row.getField(rowtimeField);
    if (time == null) {
      record.eraseTimestamp();
      output.collect(record);
      return;
    }
    record.setTimestamp(RowUtil.toMillis(time));
    Object wm = watermarkField >= 0 ? row.getField(watermarkField)
        : watermarkExpression == null ? time : watermarkExpression.apply(row).getField(0);
    output.collect(record);
    if (wm != null) {
      long w = RowUtil.toMillis(wm);
      if (w > maxWatermark) {
        maxWatermark = w;
        if (emitIntervalMs == 0 && !isBatchMode()) {
          emitIfAdvanced();
        }
      }
    }
  }

  private void emitIfAdvanced() throws Exception {
    if (maxWatermark > emitted) {
      emitted = maxWatermark;
      super.processWatermark(new Watermark(maxWatermark));
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      emitted = Long.MAX_VALUE;
      super.processWatermark(mark);
    }
  }

  @Override
  public void close() throws Exception {
    if (periodic != null) {
      periodic.cancel();
    }
    super.close();
  }
}
