package io.weir.runtime.tasks;

import io.weir.runtime.checkpoint.CheckpointBarrier;

/**
 * Aligned barriers: after barrier n arrived on a channel, that channel is blocked (its later
 * records belong after the snapshot) until barrier n arrived on every channel that has not ended;
 * then the task snapshots and all channels are unblocked. A barrier for a newer checkpoint while
 * aligning abandons the older alignment (that checkpoint will not complete). Ended channels count
 * as aligned, so a producer that finished never stalls its consumers.
 */
public final class AlignedCheckpointBarrierHandler implements CheckpointBarrierHandler {
  private final boolean[] blocked;
  private final boolean[] ended;
  private final CheckpointAction action;
  private long currentCheckpointId = -1;
  private boolean aligning;
  private CheckpointBarrier currentBarrier;

  public AlignedCheckpointBarrierHandler(int channels, CheckpointAction action) {
    this.blocked = new boolean[channels];
    this.ended = new boolean[channels];
    this.action = action;
  }

  @Override
  public void processBarrier(CheckpointBarrier barrier, int channel) throws Exception {
    long id = barrier.getCheckpointId();
    if (id > currentCheckpointId) {
      if (aligning) {
        unblockAll(); // the older checkpoint is abandoned
      }
      currentCheckpointId = id;
      currentBarrier = barrier;
      aligning = true;
    } else if (id < currentCheckpointId || !aligning) {
      return; // late barrier of an abandoned or finished alignment
    }
    blocked[channel] = true;
    completeIfAligned();
  }

  @Override
  public void processEndOfPartition(int channel) throws Exception {
    ended[channel] = true;
    blocked[channel] = false;
    completeIfAligned();
  }

  private void completeIfAligned() throws Exception {
    if (!aligning) {
      return;
    }
    for (int c = 0; c < blocked.length; c++) {
      if (!blocked[c] && !ended[c]) {
        return;
      }
    }
    aligning = false;
    unblockAll();
    action.triggerCheckpoint(currentBarrier);
  }

  private void unblockAll() {
    java.util.Arrays.fill(blocked, false);
  }

  @Override
  public boolean isBlocked(int channel) {
    return blocked[channel];
  }

  @Override
  public long latestCheckpointId() {
    return currentCheckpointId;
  }
}
