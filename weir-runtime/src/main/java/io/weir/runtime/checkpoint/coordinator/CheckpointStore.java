package io.weir.runtime.checkpoint.coordinator;

import io.weir.runtime.state.OperatorSnapshot;
import java.util.List;
import java.util.Map;

/** Where the coordinator puts a checkpoint once every task acknowledged it. */
@FunctionalInterface
public interface CheckpointStore {
  /**
   * Persists the checkpoint; when this returns normally the checkpoint is complete and may be used
   * for a restore.
   *
   * @param operatorStates operator uid to its snapshots, list index = subtask index
   * @param coordinatorStates source uid to its serialized enumerator state
   */
  void store(long checkpointId, long timestamp, Map<String, List<OperatorSnapshot>> operatorStates,
      Map<String, byte[]> coordinatorStates) throws Exception;
}
