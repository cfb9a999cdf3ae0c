package io.weir.runtime.tasks;

import io.weir.runtime.checkpoint.CheckpointBarrier;

/**
 * Decides when a task with inputs takes its snapshot for a checkpoint, from the barriers arriving
 * on its channels. The input reader asks {@link #isBlocked} before reading a channel. The aligned
 * implementation blocks a channel after its barrier until every channel delivered it; an
 * unaligned one (later) would snapshot on the first barrier and persist the overtaken data.
 */
public interface CheckpointBarrierHandler {
  /** Called when the task snapshots (on the task thread, from within {@link #processBarrier}). */
  @FunctionalInterface
  interface CheckpointAction {
    void triggerCheckpoint(CheckpointBarrier barrier) throws Exception;
  }

  void processBarrier(CheckpointBarrier barrier, int channel) throws Exception;

  /** The channel's producer finished: it will deliver no more barriers. */
  void processEndOfPartition(int channel) throws Exception;

  /** Whether the input reader must leave this channel alone for now. */
  boolean isBlocked(int channel);

  /** Id of the latest checkpoint this handler saw a barrier for (-1 if none). */
  long latestCheckpointId();
}
