package io.weir.runtime.timers;

import io.weir.runtime.state.KeyedStateBackend;
import java.util.Collection;
import java.util.Map;

/**
 * BATCH timers: the input is grouped by key and the watermark jumps from -inf to +inf, so a key's
 * event-time timers all fire when its records are done — from the backend's key-change
 * notification, or at the end of input ({@code advanceWatermark(Long.MAX_VALUE)}) for the last key
 * — in timestamp order, with the watermark reading +inf while they fire and -inf otherwise (so no
 * record is ever late). Processing-time timers never fire: their registrations are dropped.
 */
public final class BatchTimeServiceManager<K> extends AbstractTimeServiceManager<K>
    implements KeyedStateBackend.KeyChangeListener<K> {

  public BatchTimeServiceManager(KeyedStateBackend<K> backend, ProcessingTimeService processingTimeService) {
    super(backend, processingTimeService);
    backend.addKeyChangeListener(this);
  }

  @Override
  boolean processingTimeEnabled() {
    return false;
  }

  @Override
  public void beforeKeyChange(K previousKey) throws Exception {
    fireAll();
    currentWatermark = Long.MIN_VALUE;
  }

  @Override
  public void advanceWatermark(long watermark) throws Exception {
    // Only the end of input moves BATCH event time; anything earlier would fire timers of a key
    // whose records have not all arrived.
    if (watermark == Long.MAX_VALUE) {
      fireAll();
    }
  }

  private void fireAll() throws Exception {
    currentWatermark = Long.MAX_VALUE;
    boolean again = true;
    while (again) {
      // A timer of one service may register a timer in another (earlier) service.
      again = false;
      for (int i = 0; i < serviceList.size(); i++) {
        serviceList.get(i).advanceWatermark(Long.MAX_VALUE);
      }
      for (int i = 0; i < serviceList.size(); i++) {
        again |= serviceList.get(i).numEventTimeTimers() > 0;
      }
    }
  }

  @Override
  public Map<Integer, byte[]> snapshot(long checkpointId) {
    throw new UnsupportedOperationException(
        "Timers cannot be checkpointed in BATCH mode (checkpoints exist in STREAMING mode only)");
  }

  @Override
  public void restore(Collection<Map<Integer, byte[]>> snapshots) {
    throw new UnsupportedOperationException(
        "Timers cannot be restored from a checkpoint in BATCH mode (run the job in STREAMING mode)");
  }
}
