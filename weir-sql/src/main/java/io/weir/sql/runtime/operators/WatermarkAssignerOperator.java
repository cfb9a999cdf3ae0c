package io.weir.sql.runtime.operators;

import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.Types;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.functions.RowExpression;
import io.weir.sql.runtime.functions.RowPredicate;
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
public final class WatermarkAssignerOperator extends WatermarkGeneratingOperator {
  private final int rowtimeField;
  private final RowProjection watermarkExpression;
  /** Index of a column that holds the watermark time, or -1 (then {@link #watermarkExpression}). */
  private final int watermarkField;
  private final long emitIntervalMs;
  /** Emit on advance only once the watermark moved this far (ms) past the last one emitted. */
  private long minStepMs;

  // fused mode (rowtimeExpression != null): the Calcs before and after the assigner in one step
  private final RowPredicate inputFilter;
  private final RowExpression rowtimeExpression;
  /** The watermark of a row; null: the rowtime minus {@link #watermarkOffset}. */
  private final RowExpression watermarkValue;
  private final long watermarkOffset;
  private final RowPredicate outputFilter;
  private final RowProjection outputProjection;

  private transient long maxWatermark;
  /** The last rowtime value converted and its millis: neighbouring rows often share the object. */
  private transient Object lastTime;
  private transient long lastMillis;
  private transient ListState<Long> maxState;

  /**
   * @param rowtimeField index of the rowtime attribute (TIMESTAMP, TIMESTAMP_LTZ or BIGINT ms)
   * @param watermarkExpression computes the watermark time of a row in field 0 of its result; null
   *     means the rowtime itself
   * @param emitIntervalMs 0 = emit on every advance, else periodically in processing time
   */
  public WatermarkAssignerOperator(int rowtimeField, RowProjection watermarkExpression, long emitIntervalMs) {
    this(rowtimeField, watermarkExpression, -1, emitIntervalMs, null, null, null, 0, null, null);
  }

  /**
   * @param rowtimeField index of the rowtime attribute
   * @param watermarkField index of the column holding the watermark time (the WATERMARK clause's
   *     expression computed upstream); read directly, without a projection row per record
   * @param emitIntervalMs 0 = emit on every advance, else periodically in processing time
   */
  public WatermarkAssignerOperator(int rowtimeField, int watermarkField, long emitIntervalMs) {
    this(rowtimeField, null, watermarkField, emitIntervalMs, null, null, null, 0, null, null);
  }

  /**
   * The assigner fused with the Calc below it (computed columns) and the one above it (the query's
   * projection), so a row is copied once instead of once per Calc. Every expression is over the
   * input row. A row that fails {@code outputFilter} still moves the watermark, as it would in
   * front of a separate filter.
   *
   * @param inputFilter condition of the Calc below, or null
   * @param rowtime the rowtime attribute (TIMESTAMP, TIMESTAMP_LTZ or BIGINT ms)
   * @param watermark the WATERMARK expression, or null when it is {@code rowtime - watermarkOffset}
   * @param watermarkOffset ms subtracted from the rowtime when {@code watermark} is null
   * @param outputFilter condition of the Calc above, or null
   * @param outputProjection the output row, or null: the input row as it is
   */
  public WatermarkAssignerOperator(RowPredicate inputFilter, RowExpression rowtime, RowExpression watermark,
      long watermarkOffset, RowPredicate outputFilter, RowProjection outputProjection, long emitIntervalMs) {
    this(-1, null, -1, emitIntervalMs, inputFilter, rowtime, watermark, watermarkOffset, outputFilter,
        outputProjection);
  }

  private WatermarkAssignerOperator(int rowtimeField, RowProjection watermarkExpression, int watermarkField,
      long emitIntervalMs, RowPredicate inputFilter, RowExpression rowtimeExpression, RowExpression watermarkValue,
      long watermarkOffset, RowPredicate outputFilter, RowProjection outputProjection) {
    this.rowtimeField = rowtimeField;
    this.watermarkExpression = watermarkExpression;
    this.watermarkField = watermarkField;
    this.emitIntervalMs = emitIntervalMs;
    this.inputFilter = inputFilter;
    this.rowtimeExpression = rowtimeExpression;
    this.watermarkValue = watermarkValue;
    this.watermarkOffset = watermarkOffset;
    this.outputFilter = outputFilter;
    this.outputProjection = outputProjection;
  }

  /**
   * Emits a watermark (when emitting on every advance) only once it is {@code ms} past the last
   * one. For BATCH jobs with watermark-driven window operators, where nobody waits for a result:
   * the operators downstream process far fewer watermarks, and a window closes at most {@code ms}
   * later; the watermark still never passes a row.
   */
  public void setMinWatermarkStep(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("watermark step must be >= 0 ms, got " + ms);
    }
    this.minStepMs = ms;
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
      everyInterval(emitIntervalMs, t -> advanceTo(maxWatermark));
    }
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    if (rowtimeExpression != null) {
      processFused(record);
      return;
    }
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
      observeWatermark(w);
    }
  }

  private void processFused(StreamRecord<Row> record) throws Exception {
    Row in = record.getValue();
    if (inputFilter != null && !inputFilter.test(in)) {
      return;
    }
    Object time = rowtimeExpression.eval(in);
    boolean pass = outputFilter == null || outputFilter.test(in);
    if (time == null) {
      if (pass) {
        record.eraseTimestamp();
        output.collect(project(record, in));
      }
      return;
    }
    long t;
    if (time == lastTime) {
      t = lastMillis;
    } else {
      t = RowUtil.toMillis(time);
      lastTime = time;
      lastMillis = t;
    }
    if (pass) {
      record.setTimestamp(t);
      output.collect(project(record, in));
    }
    long w;
    if (watermarkValue == null) {
      w = t - watermarkOffset;
    } else {
      Object wm = watermarkValue.eval(in);
      if (wm == null) {
        return;
      }
      w = RowUtil.toMillis(wm);
    }
    observeWatermark(w);
  }

  private void observeWatermark(long w) throws Exception {
    if (w > maxWatermark) {
      maxWatermark = w;
      if (emitIntervalMs == 0 && !isBatchMode() && w - minStepMs >= emitted) {
        advanceTo(w);
      }
    }
  }

  private StreamRecord<Row> project(StreamRecord<Row> record, Row in) {
    if (outputProjection == null) {
      return record;
    }
    Row out = outputProjection.apply(in);
    out.setKind(in.getKind());
    return record.replace(out);
  }
}
