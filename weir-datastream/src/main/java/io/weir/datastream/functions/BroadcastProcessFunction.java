package io.weir.datastream.functions;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;
import io.weir.core.state.BroadcastState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReadOnlyBroadcastState;

/**
 * Connects a non-keyed stream with a broadcast stream. The broadcast side may write the broadcast
 * state, which must be updated identically on every parallel instance (only from the broadcast
 * element); the other side reads it. In BATCH mode the broadcast side is read completely first.
 */
public abstract class BroadcastProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {
  public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out) throws Exception;

  public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

  /** What both sides see. */
  public abstract class BaseContext {
    public abstract Long timestamp();

    public abstract <X> void output(OutputTag<X> outputTag, X value);

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();
  }

  /** The broadcast side: read-write broadcast state. */
  public abstract class Context extends BaseContext {
    public abstract <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor);
  }

  /** The non-broadcast side: read-only broadcast state. */
  public abstract class ReadOnlyContext extends BaseContext {
    public abstract <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor);
  }
}
