package io.weir.core.functions;

import io.weir.core.state.AggregatingState;
import io.weir.core.state.AggregatingStateDescriptor;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ReducingState;
import io.weir.core.state.ReducingStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;

/**
 * What a running function can see of its subtask. Keyed state is only available when the function
 * runs on a keyed stream; it is scoped to the key of the record being processed.
 */
public interface RuntimeContext {
  String getTaskName();

  int getIndexOfThisSubtask();

  int getNumberOfParallelSubtasks();

  int getMaxNumberOfParallelSubtasks();

  /** Restart attempt of this subtask: 0 on the first run. */
  int getAttemptNumber();

  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

  <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

  <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor);
}
