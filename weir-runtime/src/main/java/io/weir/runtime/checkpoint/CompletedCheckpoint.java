package io.weir.runtime.checkpoint;

import io.weir.runtime.state.OperatorSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint that every task acknowledged: the state of every operator subtask and of every
 * source coordinator.
 *
 * @param operatorStates per operator uid, the snapshot of each subtask (list index = subtask index)
 * @param coordinatorStates per source uid, the serialized split enumerator checkpoint
 * @param operatorNames per operator uid, the operator's name when it was taken (for messages
 *     about state a later job cannot place; empty for checkpoints that did not record names)
 */
public record CompletedCheckpoint(
    long checkpointId,
    long timestamp,
    Map<String, List<OperatorSnapshot>> operatorStates,
    Map<String, byte[]> coordinatorStates,
    Map<String, String> operatorNames) {

  public CompletedCheckpoint(long checkpointId, long timestamp, Map<String, List<OperatorSnapshot>> operatorStates,
      Map<String, byte[]> coordinatorStates) {
    this(checkpointId, timestamp, operatorStates, coordinatorStates, Map.of());
  }

  public CompletedCheckpoint {
    Map<String, List<OperatorSnapshot>> ops = new LinkedHashMap<>();
    if (operatorStates != null) {
      operatorStates.forEach((uid, list) ->
          ops.put(uid, Collections.unmodifiableList(new ArrayList<>(list == null ? List.of() : list))));
    }
    operatorStates = Collections.unmodifiableMap(ops);
    coordinatorStates = Collections.unmodifiableMap(
        coordinatorStates == null ? new LinkedHashMap<>() : new LinkedHashMap<>(coordinatorStates));
    operatorNames = Collections.unmodifiableMap(
        operatorNames == null ? new LinkedHashMap<>() : new LinkedHashMap<>(operatorNames));
  }

  /** The snapshots of one operator's subtasks, empty when the checkpoint has none for it. */
  public List<OperatorSnapshot> operatorState(String uid) {
    return operatorStates.getOrDefault(uid, List.of());
  }

  /** Total size of all state in bytes. */
  public long sizeInBytes() {
    long n = 0;
    for (List<OperatorSnapshot> l : operatorStates.values()) {
      for (OperatorSnapshot s : l) {
        n += s == null ? 0 : s.sizeInBytes();
      }
    }
    for (byte[] b : coordinatorStates.values()) {
      n += b == null ? 0 : b.length;
    }
    return n;
  }

  @Override
  public String toString() {
    return "CompletedCheckpoint(" + checkpointId + ", " + operatorStates.size() + " operators, "
        + sizeInBytes() + " bytes)";
  }
}
