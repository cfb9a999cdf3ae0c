package io.weir.runtime.timers;

import io.weir.core.types.TypeSerializer;
import io.weir.runtime.state.KeyedStateBackend;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Timers of one named service. Event-time timers fire from {@link #advanceWatermark}; processing-
 * time timers through one callback registered with the {@link ProcessingTimeService} for the
 * earliest timer (STREAMING only: in BATCH, registrations are dropped).
 */
final class TimerServiceImpl<K, N> implements InternalTimerService<N> {
  final String name;
  private final AbstractTimeServiceManager<K> manager;
  final TypeSerializer<N> namespaceSerializer;
  private Triggerable<K, N> triggerable;
  final TimerQueue<K, N> eventTimers = new TimerQueue<>();
  final TimerQueue<K, N> processingTimers = new TimerQueue<>();
  private ProcessingTimeService.Cancellable scheduled;
  private long scheduledTime = Long.MAX_VALUE;

  TimerServiceImpl(
      String name, AbstractTimeServiceManager<K> manager, TypeSerializer<N> namespaceSerializer,
      Triggerable<K, N> triggerable) {
    this.name = name;
    this.manager = manager;
    this.namespaceSerializer = namespaceSerializer;
    this.triggerable = triggerable;
  }

  void setTriggerable(Triggerable<K, N> triggerable) {
    this.triggerable = triggerable;
  }

  @Override
  public long currentProcessingTime() {
    ProcessingTimeService pts = manager.processingTimeService;
    return pts != null ? pts.getCurrentProcessingTime() : System.currentTimeMillis();
  }

  @Override
  public long currentWatermark() {
    return manager.currentWatermark;
  }

  private K currentKey(String what) {
    K key = manager.backend.getCurrentKey();
    if (key == null) {
      throw new IllegalStateException(
          "No current key: " + what + " timers of timer service '" + name + "' can only be registered or "
              + "deleted while processing a keyed record or timer");
    }
    return key;
  }

  @Override
  public void registerEventTimeTimer(N namespace, long time) {
    eventTimers.add(time, currentKey("event-time"), namespace, manager.backend.getCurrentKeyGroup());
  }

  @Override
  public void deleteEventTimeTimer(N namespace, long time) {
    eventTimers.delete(time, currentKey("event-time"), namespace);
  }

  @Override
  public void registerProcessingTimeTimer(N namespace, long time) {
    K key = currentKey("processing-time");
    if (!manager.processingTimeEnabled()) {
      return;
    }
    if (processingTimers.add(time, key, namespace, manager.backend.getCurrentKeyGroup())) {
      scheduleNext();
    }
  }

  @Override
  public void deleteProcessingTimeTimer(N namespace, long time) {
    K key = currentKey("processing-time");
    if (manager.processingTimeEnabled()) {
      // The scheduled callback may now fire for nothing; it then just reschedules.
      processingTimers.delete(time, key, namespace);
    }
  }

  /** Makes sure one callback is registered at (or before) the earliest processing-time timer. */
  void scheduleNext() {
    TimerImpl<K, N> head = processingTimers.peek();
    if (head == null || head.timestamp >= scheduledTime) {
      return;
    }
    if (scheduled != null) {
      scheduled.cancel();
    }
    scheduledTime = head.timestamp;
    scheduled = manager.processingTimeService.registerTimer(head.timestamp, this::onProcessingTime);
  }

  private void onProcessingTime(long time) throws Exception {
    scheduled = null;
    scheduledTime = Long.MAX_VALUE;
    long now = Math.max(time, manager.processingTimeService.getCurrentProcessingTime());
    KeyedStateBackend<K> backend = manager.backend;
    TimerImpl<K, N> timer;
    while ((timer = processingTimers.pollUpTo(now)) != null) {
      backend.setCurrentKey(timer.key);
      triggerable.onProcessingTime(timer);
    }
    scheduleNext();
  }

  void advanceWatermark(long watermark) throws Exception {
    KeyedStateBackend<K> backend = manager.backend;
    TimerImpl<K, N> timer;
    while ((timer = eventTimers.pollUpTo(watermark)) != null) {
      backend.setCurrentKey(timer.key);
      triggerable.onEventTime(timer);
    }
  }

  void cancelScheduled() {
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
      scheduledTime = Long.MAX_VALUE;
    }
  }

  // ---------------------------------------------------------------- snapshot format
  // section: int eventTimers; per timer: long timestamp, long seq, key, namespace;
  //          int processingTimers; same

  static <K, N> void writeTimers(
      List<TimerImpl<K, N>> timers, TypeSerializer<K> keySerializer, TypeSerializer<N> nsSerializer,
      DataOutput out) throws IOException {
    timers.sort(Comparator.<TimerImpl<K, N>>comparingLong(t -> t.timestamp).thenComparingLong(t -> t.seq));
    out.writeInt(timers.size());
    for (TimerImpl<K, N> t : timers) {
      out.writeLong(t.timestamp);
      out.writeLong(t.seq);
      keySerializer.serialize(t.key, out);
      nsSerializer.serialize(t.namespace, out);
    }
  }

  void readSection(int keyGroup, TypeSerializer<K> keySerializer, DataInput in) throws IOException {
    readTimers(eventTimers, keyGroup, keySerializer, in);
    readTimers(processingTimers, keyGroup, keySerializer, in);
  }

  private void readTimers(TimerQueue<K, N> queue, int keyGroup, TypeSerializer<K> keySerializer, DataInput in)
      throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      long ts = in.readLong();
      long seq = in.readLong();
      K key = keySerializer.deserialize(in);
      N ns = namespaceSerializer.deserialize(in);
      queue.addRestored(ts, key, ns, keyGroup, seq);
    }
  }

  /** This service's section per key group that has timers. */
  java.util.Map<Integer, byte[]> snapshotSections(TypeSerializer<K> keySerializer) throws IOException {
    java.util.Map<Integer, List<List<TimerImpl<K, N>>>> byGroup = new java.util.HashMap<>();
    for (TimerImpl<K, N> t : eventTimers.liveTimers()) {
      byGroup.computeIfAbsent(t.keyGroup, g -> List.of(new ArrayList<>(), new ArrayList<>())).get(0).add(t);
    }
    for (TimerImpl<K, N> t : processingTimers.liveTimers()) {
      byGroup.computeIfAbsent(t.keyGroup, g -> List.of(new ArrayList<>(), new ArrayList<>())).get(1).add(t);
    }
    java.util.Map<Integer, byte[]> sections = new java.util.HashMap<>();
    io.weir.core.types.ByteArrayDataOutput out = new io.weir.core.types.ByteArrayDataOutput(1024);
    for (java.util.Map.Entry<Integer, List<List<TimerImpl<K, N>>>> e : byGroup.entrySet()) {
      out.clear();
      writeTimers(e.getValue().get(0), keySerializer, namespaceSerializer, out);
      writeTimers(e.getValue().get(1), keySerializer, namespaceSerializer, out);
      sections.put(e.getKey(), out.toByteArray());
    }
    return sections;
  }

  int numEventTimeTimers() {
    return eventTimers.size();
  }

  int numProcessingTimeTimers() {
    return processingTimers.size();
  }
}
