package io.weir.datastream.join;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;

/**
 * Called by the interval join for every pair (left, right) whose timestamps satisfy
 * {@code right.ts in [left.ts + lower, left.ts + upper]}. Results carry the larger of the two
 * timestamps.
 */
public abstract class ProcessJoinFunction<IN1, IN2, OUT> extends AbstractRichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement(IN1 left, IN2 right, Context ctx, Collector<OUT> out) throws Exception;

  public abstract class Context {
    public abstract long getLeftTimestamp();

    public abstract long getRightTimestamp();

    /** The result's timestamp: max(left, right). */
    public abstract long getTimestamp();

    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
