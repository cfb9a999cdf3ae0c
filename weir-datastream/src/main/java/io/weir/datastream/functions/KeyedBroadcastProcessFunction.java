package io.weir.datastream.functions;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;
import io.weir.core.state.BroadcastState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReadOnlyBroadcastState;
import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;

/**
 * Connects a keyed stream with a broadcast stream. The keyed side has keyed state, timers and
 * read-only broadcast state; the broadcast side writes the broadcast state and may visit the keyed
 * state of all keys ({@link Context#applyToKeyedState}). In BATCH mode the broadcast side is read
 * completely first.
 */
public abstract class KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> extends AbstractRichFunction {
  public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out) throws Exception;

  public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {}

  public abstract class BaseContext {
    public abstract Long timestamp();

    public abstract <X> void output(OutputTag<X> outputTag, X value);

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();
  }

  /** The broadcast side. */
  public abstract class Context extends BaseContext {
    public abstract <KB, VB> BroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor);

    /** Runs {@code function} on the state {@code descriptor} of every key that has it. */
    public abstract <VS, S extends State> void applyToKeyedState(
        StateDescriptor<S, VS> descriptor, KeyedStateFunction<K, S> function) throws Exception;
  }

  /** The keyed side. */
  public abstract class ReadOnlyContext extends BaseContext {
    public abstract <KB, VB> ReadOnlyBroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor);

    public abstract TimerService timerService();

    public abstract K getCurrentKey();
  }

  public abstract class OnTimerContext extends ReadOnlyContext {
    public abstract TimeDomain timeDomain();
  }
}
