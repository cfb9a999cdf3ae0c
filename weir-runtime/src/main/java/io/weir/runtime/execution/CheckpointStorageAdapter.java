package io.weir.runtime.execution;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.runtime.checkpoint.CheckpointStorage;
import io.weir.runtime.checkpoint.CompletedCheckpoint;
import io.weir.runtime.checkpoint.coordinator.CheckpointStore;
import io.weir.runtime.state.OperatorSnapshot;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job's checkpoints in a {@link CheckpointStorage} under {@code state.checkpoints.dir}/<job
 * id> (kept after the job), or under a temporary directory deleted when the job ends. A restart
 * restores the latest checkpoint that verifies; only checkpoints of this job run are considered.
 */
final class CheckpointStorageAdapter implements CheckpointStore {
  private final Configuration config;
  private final String jobId;
  private final boolean temporary;
  /** Recorded with each checkpoint so a later job that cannot place some state can name it. */
  private final Map<String, String> operatorNames;
  private CheckpointStorage storage;
  private volatile boolean anyStored;

  CheckpointStorageAdapter(Configuration config, String jobId, Map<String, String> operatorNames) {
    this.config = config;
    this.operatorNames = Map.copyOf(operatorNames);
    this.jobId = jobId;
    String dir = config.get(CoreOptions.CHECKPOINT_DIR);
    this.temporary = dir == null || dir.isBlank();
  }

  private synchronized CheckpointStorage storage() {
    if (storage == null) {
      String dir = config.get(CoreOptions.CHECKPOINT_DIR);
      Path root = temporary
          ? Paths.get(System.getProperty("java.io.tmpdir"), "weir-checkpoints-" + jobId)
          : Paths.get(dir).resolve(jobId);
      storage = new CheckpointStorage(root, Math.max(1, config.get(CoreOptions.CHECKPOINTS_RETAINED)));
    }
    return storage;
  }

  @Override
  public void store(long checkpointId, long timestamp, Map<String, List<OperatorSnapshot>> operatorStates,
      Map<String, byte[]> coordinatorStates) {
    storage().store(new CompletedCheckpoint(checkpointId, timestamp, operatorStates, coordinatorStates, operatorNames));
    anyStored = true;
  }

  /** The latest complete checkpoint of this job run, or null. */
  RestoredCheckpoint latest() {
    if (!anyStored) {
      return null;
    }
    Optional<CompletedCheckpoint> cp = storage().latest();
    return cp.map(c -> new RestoredCheckpoint(c.checkpointId(), c.operatorStates(), c.coordinatorStates())).orElse(null);
  }

  void cleanUp() {
    if (temporary && storage != null) {
      JobMaster.deleteRecursively(storage.directory());
    }
  }
}
