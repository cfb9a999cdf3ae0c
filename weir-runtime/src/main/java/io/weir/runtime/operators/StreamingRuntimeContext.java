package io.weir.runtime.operators;

import io.weir.core.functions.RuntimeContext;
import io.weir.core.state.AggregatingState;
import io.weir.core.state.AggregatingStateDescriptor;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReducingState;
import io.weir.core.state.ReducingStateDescriptor;
import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.state.KeyedStateBackend;

/** The {@link RuntimeContext} user functions see; keyed state comes from the operator. */
public final class StreamingRuntimeContext implements RuntimeContext {
  private final AbstractStreamOperator<?> operator;

  StreamingRuntimeContext(AbstractStreamOperator<?> operator) {
    this.operator = operator;
  }

  @Override
  public String getTaskName() {
    return operator.getOperatorContext().getTaskName();
  }

  @Override
  public int getIndexOfThisSubtask() {
    return operator.getOperatorContext().getSubtaskIndex();
  }

  @Override
  public int getNumberOfParallelSubtasks() {
    return operator.getOperatorContext().getParallelism();
  }

  @Override
  public int getMaxNumberOfParallelSubtasks() {
    return operator.getOperatorContext().getMaxParallelism();
  }

  @Override
  public int getAttemptNumber() {
    return operator.getOperatorContext().getAttemptNumber();
  }

  private <S extends State> S keyed(StateDescriptor<S, ?> descriptor) {
    KeyedStateBackend<Object> backend = operator.getKeyedStateBackend();
    if (backend == null) {
      throw new UnsupportedOperationException(
          "Keyed state (" + descriptor + ") is only available on a keyed stream: call keyBy(...) "
              + "before the operator '" + operator.getName() + "'");
    }
    return backend.getState(descriptor);
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return keyed(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return keyed(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return keyed(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return keyed(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return keyed(descriptor);
  }
}
