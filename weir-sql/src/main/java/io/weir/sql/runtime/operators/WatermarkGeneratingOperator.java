package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.timers.ProcessingTimeService;

/**
 * An operator that generates the watermark itself (from rowtimes or the wall clock): it emits a
 * watermark only when it advances, replaces every upstream watermark except the final {@code +inf},
 * and may advance it on a processing-time timer that is cancelled on close.
 */
abstract class WatermarkGeneratingOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  /** The last watermark emitted; subclasses set it when they open or restore. */
  protected transient long emitted;
  private transient ProcessingTimeService.Cancellable periodic;

  /** Emits {@code watermark} if it is later than the last one emitted. */
  protected final void advanceTo(long watermark) throws Exception {
    if (watermark > emitted) {
      emitted = watermark;
      super.processWatermark(new Watermark(watermark));
    }
  }

  /** Runs {@code action} every {@code intervalMs} of processing time until the operator closes. */
  protected final void everyInterval(long intervalMs, ProcessingTimeService.ProcessingTimeCallback action) {
    periodic = getOperatorContext().getProcessingTimeService().scheduleAtFixedRate(action, intervalMs, intervalMs);
  }

  @Override
  public final void processWatermark(Watermark mark) throws Exception {
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
