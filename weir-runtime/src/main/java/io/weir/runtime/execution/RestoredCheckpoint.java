package io.weir.runtime.execution;

import io.weir.runtime.state.OperatorSnapshot;
import java.util.List;
import java.util.Map;

/** The state a restarted attempt starts from: operator snapshots by uid, enumerator states by source uid. */
record RestoredCheckpoint(long checkpointId, Map<String, List<OperatorSnapshot>> operatorStates,
    Map<String, byte[]> coordinatorStates) {}
