package io.weir.runtime.timers;

import io.weir.core.types.TypeSerializer;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** All timer services of one keyed operator subtask. */
public interface InternalTimeServiceManager<K> {
  <N> InternalTimerService<N> getInternalTimerService(
      String name, TypeSerializer<N> namespaceSerializer, Triggerable<K, N> triggerable);

  /** Fires every event-time timer with timestamp <= watermark, in timestamp order. */
  void advanceWatermark(long watermark) throws Exception;

  /** Timers per key group. */
  Map<Integer, byte[]> snapshot(long checkpointId) throws IOException;

  /** Restores timers of the key groups in range; must be called before timer services are requested. */
  void restore(Collection<Map<Integer, byte[]>> snapshots) throws IOException;
}
