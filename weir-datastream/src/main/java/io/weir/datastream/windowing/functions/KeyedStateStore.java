package io.weir.datastream.windowing.functions;

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

/** Keyed state of one scope: per key and window ({@code windowState()}) or per key ({@code globalState()}). */
public interface KeyedStateStore {
  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

  <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

  <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> descriptor);
}
