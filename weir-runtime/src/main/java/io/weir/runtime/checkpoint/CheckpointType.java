package io.weir.runtime.checkpoint;

public enum CheckpointType {
  CHECKPOINT,
  SAVEPOINT
}
