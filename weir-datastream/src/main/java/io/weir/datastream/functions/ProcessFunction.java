package io.weir.datastream.functions;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;

/**
 * Processes each element of a stream, with access to its timestamp, time, side outputs and (on a
 * keyed stream) keyed state and timers. On a non-keyed stream timers cannot be registered.
 */
public abstract class ProcessFunction<I, O> extends AbstractRichFunction {
  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** A timer registered through {@link TimerService} fired (keyed streams only). */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {}

  public abstract class Context {
    /** Timestamp of the element being processed (or of the firing timer), or null when it has none. */
    public abstract Long timestamp();

    public abstract TimerService timerService();

    /** Emits to the side output {@code outputTag}; read it with getSideOutput(outputTag). */
    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }

  public abstract class OnTimerContext extends Context {
    public abstract TimeDomain timeDomain();
  }
}
