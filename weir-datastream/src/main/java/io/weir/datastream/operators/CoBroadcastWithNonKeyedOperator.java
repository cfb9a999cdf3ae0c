package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.core.state.BroadcastState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReadOnlyBroadcastState;
import io.weir.datastream.functions.BroadcastProcessFunction;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import java.util.List;

/**
 * Runs a {@link BroadcastProcessFunction}: input 1 is the non-broadcast stream, input 2 the
 * broadcast stream. Broadcast state lives in the operator state store (checkpointed, the same on
 * every subtask). In BATCH mode input 2 is read completely first.
 */
public class CoBroadcastWithNonKeyedOperator<IN1, IN2, OUT>
    extends ProcessOperatorBase<OUT, BroadcastProcessFunction<IN1, IN2, OUT>>
    implements TwoInputStreamOperator<IN1, IN2, OUT> {
  private final List<MapStateDescriptor<?, ?>> descriptors;

  private transient BroadcastStates states;
  private transient ContextImpl ctx;
  private transient ReadOnlyContextImpl readOnlyCtx;

  public CoBroadcastWithNonKeyedOperator(
      BroadcastProcessFunction<IN1, IN2, OUT> function, List<MapStateDescriptor<?, ?>> descriptors) {
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
    ctx = new ContextImpl(userFunction);
    readOnlyCtx = new ReadOnlyContextImpl(userFunction);
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

  private final class ContextImpl extends BroadcastProcessFunction<IN1, IN2, OUT>.Context {
    ContextImpl(BroadcastProcessFunction<IN1, IN2, OUT> function) {
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
    public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
      return states.get(descriptor);
    }
  }

  private final class ReadOnlyContextImpl extends BroadcastProcessFunction<IN1, IN2, OUT>.ReadOnlyContext {
    ReadOnlyContextImpl(BroadcastProcessFunction<IN1, IN2, OUT> function) {
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
    public <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
      return states.getReadOnly(descriptor);
    }
  }
}
