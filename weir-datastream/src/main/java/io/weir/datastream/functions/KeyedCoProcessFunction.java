package io.weir.datastream.functions;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;

/**
 * Processes two connected keyed streams (same key type): both inputs share keyed state and timers
 * per key.
 */
public abstract class KeyedCoProcessFunction<K, IN1, IN2, OUT> extends AbstractRichFunction {
  public abstract void processElement1(IN1 value, Context ctx, Collector<OUT> out) throws Exception;

  public abstract void processElement2(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {}

  public abstract class Context {
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> outputTag, X value);

    public abstract K getCurrentKey();
  }

  public abstract class OnTimerContext extends Context {
    public abstract TimeDomain timeDomain();
  }
}
