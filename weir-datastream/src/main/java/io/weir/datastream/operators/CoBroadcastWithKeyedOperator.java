package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.core.state.BroadcastState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReadOnlyBroadcastState;
import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.datastream.functions.KeyedBroadcastProcessFunction;
import io.weir.datastream.functions.KeyedStateFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.KeyedStateBackend;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;
import java.util.List;

/**
 * Runs a {@link KeyedBroadcastProcessFunction}: input 1 is keyed (keyed state, timers), input 2
 * is the broadcast stream (writes broadcast state, may visit all keys' state). In BATCH mode
 * input 2 is read completely first.
 */
public class CoBroadcastWithKeyedOperator<K, IN1, IN2, OUT>
    extends ProcessOperatorBase<OUT, KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>>
    implements TwoInputStreamOperator<IN1, IN2, OUT>, Triggerable<K, VoidNamespace> {
  private final List<MapStateDescriptor<?, ?>> descriptors;

  private transient BroadcastStates states;
  private transient ContextImpl ctx;
  private transient ReadOnlyContextImpl readOnlyCtx;
  private transient OnTimerContextImpl timerCtx;

  public CoBroadcastWithKeyedOperator(
      KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function, List<MapStateDescriptor<?, ?>> descriptors) {
    super(function);
    this.descriptors = List.copyOf(descriptors);
  }

  @Override
  protected void restoreOrInitState(boolean restored) throws Exception {
    states = new BroadcastStates(getName(), getOperatorStateStore(), descriptors);
  }

  @Override
  public void open() throws Exception {
    super.open();
    timerService = keyedTimerService(this);
    ctx = new ContextImpl(userFunction);
    readOnlyCtx = new ReadOnlyContextImpl(userFunction);
    timerCtx = new OnTimerContextImpl(userFunction);
  }

  @Override
  public int batchReadFirst() {
    return 2;
  }

  @Override
  public void processElement1(StreamRecord<IN1> record) throws Exception {
    startElement(record);
    userFunction.processElement(record.getValue(), readOnlyCtx, collector);
  }

  @Override
  public void processElement2(StreamRecord<IN2> record) throws Exception {
    startElement(record);
    userFunction.processBroadcastElement(record.getValue(), ctx, collector);
  }

  @Override
  public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    startTimer(timer, TimeDomain.EVENT_TIME);
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
  }

  @Override
  public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    startTimer(timer, TimeDomain.PROCESSING_TIME);
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
  }

  private final class ContextImpl extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.Context {
    ContextImpl(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return elementTimestamp;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      SideOutputs.emit(output, outputTag, value, elementTimestamp);
    }

    @Override
    public long currentProcessingTime() {
      return processingTime();
    }

    @Override
    public long currentWatermark() {
      return getCurrentWatermark();
    }

    @Override
    public <KB, VB> BroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor) {
      return states.get(descriptor);
    }

    @Override
    public <VS, S extends State> void applyToKeyedState(
        StateDescriptor<S, VS> descriptor, KeyedStateFunction<K, S> function) throws Exception {
      KeyedStateBackend<K> backend = getKeyedStateBackend();
      backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, descriptor, function::process);
    }
  }

  private final class ReadOnlyContextImpl extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.ReadOnlyContext {
    ReadOnlyContextImpl(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return elementTimestamp;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      SideOutputs.emit(output, outputTag, value, elementTimestamp);
    }

    @Override
    public long currentProcessingTime() {
      return processingTime();
    }

    @Override
    public long currentWatermark() {
      return getCurrentWatermark();
    }

    @Override
    public <KB, VB> ReadOnlyBroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor) {
      return states.getReadOnly(descriptor);
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public K getCurrentKey() {
      return typedCurrentKey();
    }
  }

  private final class OnTimerContextImpl extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.OnTimerContext {
    OnTimerContextImpl(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return timerTimestamp;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      SideOutputs.emit(output, outputTag, value, timerTimestamp);
    }

    @Override
    public long currentProcessingTime() {
      return processingTime();
    }

    @Override
    public long currentWatermark() {
      return getCurrentWatermark();
    }

    @Override
    public <KB, VB> ReadOnlyBroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor) {
      return states.getReadOnly(descriptor);
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public K getCurrentKey() {
      return typedCurrentKey();
    }

    @Override
    public TimeDomain timeDomain() {
      return timeDomain;
    }
  }
}
