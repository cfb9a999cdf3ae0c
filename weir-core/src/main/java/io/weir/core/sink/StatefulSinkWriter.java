package io.weir.core.sink;

import java.util.List;

/** The writer of a {@link StatefulSink}. */
public interface StatefulSinkWriter<T, StateT> extends SinkWriter<T> {
  /** The writer's state for checkpoint {@code checkpointId}; called after flush (and pre-commit). */
  List<StateT> snapshotState(long checkpointId) throws Exception;
}
