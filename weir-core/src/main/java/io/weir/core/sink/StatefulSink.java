package io.weir.core.sink;

import io.weir.core.types.TypeInfo;
import java.util.Collection;

/**
 * A sink whose writers keep state in checkpoints (Flink's {@code StatefulSink}): before each
 * checkpoint the runtime takes {@link StatefulSinkWriter#snapshotState}; after a restore it creates
 * the writer with {@link #restoreWriter} and the states of the restored checkpoint (after a change
 * of parallelism a subtask gets any share of all subtasks' states).
 */
public interface StatefulSink<T, StateT> extends Sink<T> {
  SinkWriter<T> restoreWriter(SinkContext context, Collection<StateT> recoveredState) throws Exception;

  TypeInfo<StateT> getWriterStateType();
}
