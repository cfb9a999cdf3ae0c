package io.weir.runtime.checkpoint;

import io.weir.runtime.streamrecord.StreamElement;

/**
 * Injected at the sources, flows with the records. A task snapshots its operators when the barrier
 * arrived on all inputs (aligned). {@link CheckpointType} and the alignment flag leave room for
 * savepoints and unaligned checkpoints.
 */
public final class CheckpointBarrier extends StreamElement {
  private final long checkpointId;
  private final long timestamp;
  private final CheckpointType type;
  private final boolean unaligned;

  public CheckpointBarrier(long checkpointId, long timestamp, CheckpointType type, boolean unaligned) {
    this.checkpointId = checkpointId;
    this.timestamp = timestamp;
    this.type = type;
    this.unaligned = unaligned;
  }

  public long getCheckpointId() {
    return checkpointId;
  }

  public long getTimestamp() {
    return timestamp;
  }

  public CheckpointType getType() {
    return type;
  }

  public boolean isUnaligned() {
    return unaligned;
  }

  @Override
  public String toString() {
    return "Barrier(" + checkpointId + ", " + type + (unaligned ? ", unaligned" : "") + ")";
  }
}
