package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.ProcessingTimeService;
import io.weir.sql.runtime.util.RowUtil;

/**
 * Processing time as event time, for window TVFs on a {@code PROCTIME()} attribute in STREAMING:
 * each row's PROCTIME() value becomes its timestamp, and the watermark follows the wall clock on
 * a processing-time timer (every {@code intervalMs}), so a window fires once its end has passed
 * even when no later row arrives. The watermark stays 1 ms behind the time seen, and a row whose
 * time is not after the watermark (it was stamped upstream just before the timer fired) is moved
 * to the watermark + 1 ms: processing-time rows are never late, they belong to the window that is
 * open when they reach this operator, as in Flink. Upstream watermarks are dropped except the
 * final one. BATCH: no timers (windows fire at the end of input).
 */
public final class ProctimeWatermarkOperator extends WatermarkGeneratingOperator {
  private final int timeField;
  private final long intervalMs;

  /**
   * @param timeField index of the PROCTIME() attribute (TIMESTAMP_LTZ or TIMESTAMP)
   * @param intervalMs how often the watermark follows the wall clock
   */
  public ProctimeWatermarkOperator(int timeField, long intervalMs) {
    this.timeField = timeField;
    this.intervalMs = intervalMs;
  }

  @Override
  public void open() throws Exception {
    emitted = Long.MIN_VALUE;
    if (!isBatchMode()) {
      ProcessingTimeService pts = getOperatorContext().getProcessingTimeService();
      everyInterval(intervalMs, t -> advanceTo(pts.getCurrentProcessingTime() - 1));
    }
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row row = record.getValue();
    Object time = row.getField(timeField);
    if (time == null) {
      record.eraseTimestamp();
      output.collect(record);
      return;
    }
    long t = RowUtil.toMillis(time);
    if (t <= emitted) {
      t = emitted + 1;
      row.setField(timeField, RowUtil.fromMillis(t, time.getClass()));
    }
    record.setTimestamp(t);
    output.collect(record);
    if (!isBatchMode()) {
      advanceTo(t - 1);
    }
  }
}
