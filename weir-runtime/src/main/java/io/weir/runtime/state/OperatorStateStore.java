package io.weir.runtime.state;

import io.weir.core.state.BroadcastState;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapStateDescriptor;
import java.io.IOException;

/**
 * Non-keyed state of one operator subtask: lists (redistributed round-robin when parallelism
 * changes), union lists (every subtask gets all elements) and broadcast maps (the same on every
 * subtask). Sources keep their splits here.
 */
public interface OperatorStateStore {
  <S> ListState<S> getListState(ListStateDescriptor<S> descriptor);

  <S> ListState<S> getUnionListState(ListStateDescriptor<S> descriptor);

  <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor);

  /** Writes all registered state into the snapshot's operator-state parts. */
  void snapshot(OperatorSnapshot target) throws IOException;

  /**
   * Restores from the snapshots of all previous subtasks of this operator, redistributing for
   * this subtask ({@code subtaskIndex} of {@code parallelism}). State is read lazily when a
   * descriptor is first registered.
   */
  void restore(java.util.List<OperatorSnapshot> previous, int subtaskIndex, int parallelism) throws IOException;
}
