package io.weir.runtime.timers;

import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import io.weir.runtime.state.KeyedStateBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STREAMING timers. {@link #advanceWatermark} fires due event-time timers of each service in
 * (timestamp, registration) order, setting the timer's key as the backend's current key first;
 * timers registered while firing fire in the same call when already due.
 *
 * <p>Snapshot per key group: {@code byte version; int services; per service: UTF name, int
 * length, section} (section in {@link TimerServiceImpl}). Services are recreated by name after a
 * restore: the restored sections wait until {@link #getInternalTimerService} asks for that name,
 * and are carried over unchanged into snapshots taken before that.
 */
public final class HeapTimeServiceManager<K> extends AbstractTimeServiceManager<K> {
  private static final byte FORMAT_VERSION = 1;

  private final Map<String, List<Section>> pending = new LinkedHashMap<>();

  private record Section(int keyGroup, byte[] bytes) {}

  public HeapTimeServiceManager(KeyedStateBackend<K> backend, ProcessingTimeService processingTimeService) {
    super(backend, processingTimeService);
    if (processingTimeService == null) {
      throw new IllegalArgumentException("STREAMING timers need a processing time service");
    }
  }

  @Override
  boolean processingTimeEnabled() {
    return true;
  }

  @Override
  void onServiceCreated(TimerServiceImpl<K, ?> service) {
    List<Section> sections = pending.remove(service.name);
    if (sections == null) {
      return;
    }
    try {
      for (Section s : sections) {
        service.readSection(s.keyGroup, backend.getKeySerializer(), new ByteArrayDataInput(s.bytes));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not restore the timers of timer service '" + service.name + "': " + e.getMessage(), e);
    }
    service.scheduleNext();
  }

  @Override
  public void advanceWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
    for (int i = 0; i < serviceList.size(); i++) {
      serviceList.get(i).advanceWatermark(watermark);
    }
  }

  @Override
  public Map<Integer, byte[]> snapshot(long checkpointId) throws IOException {
    Map<Integer, Map<String, byte[]>> sectionsByGroup = new HashMap<>();
    for (TimerServiceImpl<K, ?> service : serviceList) {
      for (Map.Entry<Integer, byte[]> e : service.snapshotSections(backend.getKeySerializer()).entrySet()) {
        sectionsByGroup.computeIfAbsent(e.getKey(), g -> new LinkedHashMap<>()).put(service.name, e.getValue());
      }
    }
    for (Map.Entry<String, List<Section>> e : pending.entrySet()) {
      for (Section s : e.getValue()) {
        sectionsByGroup.computeIfAbsent(s.keyGroup, g -> new LinkedHashMap<>()).put(e.getKey(), s.bytes);
      }
    }
    Map<Integer, byte[]> result = new LinkedHashMap<>();
    ByteArrayDataOutput out = new ByteArrayDataOutput(4096);
    List<Integer> groups = new ArrayList<>(sectionsByGroup.keySet());
    groups.sort(null);
    for (int kg : groups) {
      out.clear();
      out.writeByte(FORMAT_VERSION);
      Map<String, byte[]> sections = sectionsByGroup.get(kg);
      out.writeInt(sections.size());
      for (Map.Entry<String, byte[]> s : sections.entrySet()) {
        out.writeUTF(s.getKey());
        out.writeInt(s.getValue().length);
        out.write(s.getValue());
      }
      result.put(kg, out.toByteArray());
    }
    return result;
  }

  @Override
  public void restore(Collection<Map<Integer, byte[]>> snapshots) throws IOException {
    for (Map<Integer, byte[]> snapshot : snapshots) {
      if (snapshot == null) {
        continue;
      }
      for (Map.Entry<Integer, byte[]> e : snapshot.entrySet()) {
        int kg = e.getKey();
        if (!backend.getKeyGroupRange().contains(kg)) {
          continue;
        }
        ByteArrayDataInput in = new ByteArrayDataInput(e.getValue());
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
          throw new IOException("timers of key group " + kg + " have unknown format version " + version);
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          String name = in.readUTF();
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          TimerServiceImpl<K, ?> existing = services.get(name);
          if (existing != null) {
            existing.readSection(kg, backend.getKeySerializer(), new ByteArrayDataInput(bytes));
            existing.scheduleNext();
          } else {
            pending.computeIfAbsent(name, n -> new ArrayList<>()).add(new Section(kg, bytes));
          }
        }
      }
    }
  }
}
