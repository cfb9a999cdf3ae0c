package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.sql.runtime.util.SpillSupport;

/**
 * Common part of the blocking batch operators: a memory budget and spill directory, an output
 * wrapper, and holding back the final watermark until the operator has emitted its result (so
 * downstream event-time operators never see our rows as late).
 */
abstract class BatchOperatorBase extends AbstractStreamOperator<Row> {
  private final long memoryBytes;
  /** Its share of the job's budget ({@link BatchMemoryShares}); 0: a quarter of the budget. */
  private long budgetShare;

  protected transient SpillSupport spill;
  private transient StreamRecord<Row> out;
  private transient Watermark heldBack;
  private transient boolean emitted;

  BatchOperatorBase(long memoryBytes) {
    this.memoryBytes = memoryBytes;
  }

  @Override
  public void open() throws Exception {
    spill = new SpillSupport(getOperatorContext().getConfiguration(), memoryBytes > 0 ? memoryBytes : budgetShare,
        getClass().getSimpleName());
    out = new StreamRecord<>(null);
  }

  /** Whether the operator takes a share of the job's budget (no budget of its own was given). */
  final boolean usesJobBudget() {
    return memoryBytes <= 0;
  }

  final void setBudgetShare(long bytes) {
    this.budgetShare = bytes;
  }

  /** For tests: the share of the job's budget assigned, 0 when none. */
  public final long budgetShare() {
    return budgetShare;
  }

  protected final void emit(Row row) {
    output.collect(out.replace(row));
  }

  /** Emits with a record timestamp (window results carry their window_time, as the window operator's do). */
  protected final void emit(Row row, long timestamp) {
    output.collect(out.replace(row, timestamp));
  }

  /** Emits the operator's result; called once, when all input has been seen. */
  protected abstract void produce() throws Exception;

  /** Produces the result unless done already (endInput and finish both lead here). */
  protected final void produceOnce() throws Exception {
    if (emitted) {
      return;
    }
    emitted = true;
    produce();
    if (heldBack != null) {
      output.emitWatermark(heldBack);
      heldBack = null;
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    currentWatermark = mark.getTimestamp();
    if (mark.getTimestamp() != Long.MAX_VALUE) {
      // the result comes at the end of the input: an earlier watermark (from a watermark-driven
      // operator upstream) would overtake it
      return;
    }
    if (!emitted) {
      heldBack = mark;
      return;
    }
    output.emitWatermark(mark);
  }

  /** One-input operators: input ended. */
  public void endInput() throws Exception {
    produceOnce();
  }

  @Override
  public void finish() throws Exception {
    produceOnce();
  }

  @Override
  public void close() throws Exception {
    if (spill != null) {
      spill.close();
    }
    super.close();
  }
}
