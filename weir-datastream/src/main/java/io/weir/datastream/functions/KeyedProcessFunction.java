package io.weir.datastream.functions;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;

/**
 * Processes each element of a keyed stream with keyed state (through {@link #getRuntimeContext()})
 * and timers. State and timers are scoped to the key of the element (or of the firing timer).
 */
public abstract class KeyedProcessFunction<K, I, O> extends AbstractRichFunction {
  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** A timer registered through {@link TimerService} fired; state is scoped to its key. */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {}

  public abstract class Context {
    /** Timestamp of the element being processed (or of the firing timer), or null when it has none. */
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> outputTag, X value);

    public abstract K getCurrentKey();
  }

  public abstract class OnTimerContext extends Context {
    public abstract TimeDomain timeDomain();
  }
}
