package io.weir.runtime.state;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of one operator subtask in one checkpoint. Plain bytes; each part is redistributable. */
public final class OperatorSnapshot implements Serializable {
  /** Keyed state, per key group. */
  public final Map<Integer, byte[]> keyedState = new LinkedHashMap<>();
  /** Event- and processing-time timers, per key group. */
  public final Map<Integer, byte[]> timers = new LinkedHashMap<>();
  /** Operator list state: name -> serialized elements (round-robin redistribution). */
  public final Map<String, List<byte[]>> listState = new LinkedHashMap<>();
  /** Union list state: name -> serialized elements (each subtask gets all). */
  public final Map<String, List<byte[]>> unionListState = new LinkedHashMap<>();
  /** Broadcast state: name -> serialized map (identical on all subtasks). */
  public final Map<String, byte[]> broadcastState = new LinkedHashMap<>();

  public boolean isEmpty() {
    return keyedState.isEmpty() && timers.isEmpty() && listState.isEmpty()
        && unionListState.isEmpty() && broadcastState.isEmpty();
  }

  public long sizeInBytes() {
    long n = 0;
    for (byte[] b : keyedState.values()) n += b.length;
    for (byte[] b : timers.values()) n += b.length;
    for (List<byte[]> l : listState.values()) for (byte[] b : l) n += b.length;
    for (List<byte[]> l : unionListState.values()) for (byte[] b : l) n += b.length;
    for (byte[] b : broadcastState.values()) n += b.length;
    return n;
  }

  public static List<OperatorSnapshot> none() {
    return new ArrayList<>();
  }
}
