package io.weir.runtime.state;

import io.weir.core.state.BroadcastState;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Heap operator state. Redistribution on restore:
 * <ul>
 *   <li>list state: with unchanged parallelism every subtask gets back exactly its own elements;
 *       otherwise the elements of all previous subtasks (in subtask order) are dealt round-robin:
 *       element i goes to subtask {@code i % parallelism};
 *   <li>union list state: every subtask gets all elements of all previous subtasks;
 *   <li>broadcast state: every subtask gets the map of the previous subtask with its index (or of
 *       subtask 0 when it is new); all copies are equal anyway.
 * </ul>
 * Restored state stays serialized until its descriptor is registered; state that is never
 * registered again is carried over unchanged into later snapshots.
 */
public final class DefaultOperatorStateStore implements OperatorStateStore {
  private final Map<String, OperatorListState<?>> listStates = new LinkedHashMap<>();
  private final Map<String, OperatorListState<?>> unionListStates = new LinkedHashMap<>();
  private final Map<String, HeapBroadcastState<?, ?>> broadcastStates = new LinkedHashMap<>();

  private final Map<String, List<byte[]>> restoredList = new LinkedHashMap<>();
  private final Map<String, List<byte[]>> restoredUnion = new LinkedHashMap<>();
  private final Map<String, byte[]> restoredBroadcast = new LinkedHashMap<>();

  @Override
  public <S> ListState<S> getListState(ListStateDescriptor<S> descriptor) {
    return listState(descriptor, false);
  }

  @Override
  public <S> ListState<S> getUnionListState(ListStateDescriptor<S> descriptor) {
    return listState(descriptor, true);
  }

  @SuppressWarnings("unchecked")
  private <S> ListState<S> listState(ListStateDescriptor<S> descriptor, boolean union) {
    String name = descriptor.getName();
    Map<String, OperatorListState<?>> mine = union ? unionListStates : listStates;
    Map<String, OperatorListState<?>> other = union ? listStates : unionListStates;
    if (other.containsKey(name) || broadcastStates.containsKey(name)) {
      throw new IllegalStateException(
          "Operator state '" + name + "' is already registered as another kind of state; use distinct names");
    }
    OperatorListState<S> state = (OperatorListState<S>) mine.get(name);
    if (state == null) {
      state = new OperatorListState<>(name, descriptor.getValueType().createSerializer());
      List<byte[]> restored = (union ? restoredUnion : restoredList).remove(name);
      if (restored != null) {
        state.restore(restored);
      }
      mine.put(name, state);
    }
    return state;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
    String name = descriptor.getName();
    if (listStates.containsKey(name) || unionListStates.containsKey(name)) {
      throw new IllegalStateException(
          "Operator state '" + name + "' is already registered as a list state; use distinct names");
    }
    HeapBroadcastState<K, V> state = (HeapBroadcastState<K, V>) broadcastStates.get(name);
    if (state == null) {
      state = new HeapBroadcastState<>(name, StateUtils.mapSerializer(
          descriptor.getKeyType().createSerializer(), descriptor.getValueType().createSerializer()));
      byte[] restored = restoredBroadcast.remove(name);
      if (restored != null) {
        state.restore(restored);
      }
      broadcastStates.put(name, state);
    }
    return state;
  }

  @Override
  public void snapshot(OperatorSnapshot target) throws IOException {
    for (OperatorListState<?> s : listStates.values()) {
      target.listState.put(s.name, s.snapshot());
    }
    for (OperatorListState<?> s : unionListStates.values()) {
      target.unionListState.put(s.name, s.snapshot());
    }
    for (HeapBroadcastState<?, ?> s : broadcastStates.values()) {
      target.broadcastState.put(s.name, s.snapshot());
    }
    restoredList.forEach((name, elements) -> target.listState.put(name, new ArrayList<>(elements)));
    restoredUnion.forEach((name, elements) -> target.unionListState.put(name, new ArrayList<>(elements)));
    target.broadcastState.putAll(restoredBroadcast);
  }

  @Override
  public void restore(List<OperatorSnapshot> previous, int subtaskIndex, int parallelism) throws IOException {
    if (previous == null || previous.isEmpty()) {
      return;
    }
    if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException("subtask index " + subtaskIndex + " out of range for parallelism " + parallelism);
    }
    Set<String> listNames = new LinkedHashSet<>();
    Set<String> unionNames = new LinkedHashSet<>();
    Set<String> broadcastNames = new LinkedHashSet<>();
    for (OperatorSnapshot s : previous) {
      if (s != null) {
        listNames.addAll(s.listState.keySet());
        unionNames.addAll(s.unionListState.keySet());
        broadcastNames.addAll(s.broadcastState.keySet());
      }
    }
    for (String name : listNames) {
      List<byte[]> mine = new ArrayList<>();
      if (previous.size() == parallelism) {
        OperatorSnapshot own = previous.get(subtaskIndex);
        if (own != null && own.listState.containsKey(name)) {
          mine.addAll(own.listState.get(name));
        }
      } else {
        int i = 0;
        for (OperatorSnapshot s : previous) {
          List<byte[]> elements = s == null ? null : s.listState.get(name);
          if (elements == null) {
            continue;
          }
          for (byte[] e : elements) {
            if (i++ % parallelism == subtaskIndex) {
              mine.add(e);
            }
          }
        }
      }
      putRestored(name, mine, listStates, restoredList);
    }
    for (String name : unionNames) {
      List<byte[]> all = new ArrayList<>();
      for (OperatorSnapshot s : previous) {
        if (s != null && s.unionListState.containsKey(name)) {
          all.addAll(s.unionListState.get(name));
        }
      }
      putRestored(name, all, unionListStates, restoredUnion);
    }
    for (String name : broadcastNames) {
      byte[] bytes = null;
      OperatorSnapshot preferred = previous.get(subtaskIndex < previous.size() ? subtaskIndex : 0);
      if (preferred != null) {
        bytes = preferred.broadcastState.get(name);
      }
      for (int i = 0; bytes == null && i < previous.size(); i++) {
        if (previous.get(i) != null) {
          bytes = previous.get(i).broadcastState.get(name);
        }
      }
      HeapBroadcastState<?, ?> registered = broadcastStates.get(name);
      if (registered != null) {
        registered.restore(bytes);
      } else {
        restoredBroadcast.put(name, bytes);
      }
    }
  }

  private static void putRestored(
      String name, List<byte[]> elements, Map<String, OperatorListState<?>> registered,
      Map<String, List<byte[]>> pending) {
    OperatorListState<?> state = registered.get(name);
    if (state != null) {
      state.restore(elements);
    } else {
      pending.put(name, elements);
    }
  }

  /** Names of all operator states, registered or still pending from a restore. */
  public Set<String> stateNames() {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(listStates.keySet());
    names.addAll(unionListStates.keySet());
    names.addAll(broadcastStates.keySet());
    names.addAll(restoredList.keySet());
    names.addAll(restoredUnion.keySet());
    names.addAll(restoredBroadcast.keySet());
    return names;
  }

  // ---------------------------------------------------------------- state objects

  static final class OperatorListState<T> implements ListState<T> {
    final String name;
    private final TypeSerializer<T> serializer;
    private final List<T> elements = new ArrayList<>();

    OperatorListState(String name, TypeSerializer<T> serializer) {
      this.name = name;
      this.serializer = serializer;
    }

    @Override
    public Iterable<T> get() {
      return Collections.unmodifiableList(elements);
    }

    @Override
    public void add(T value) {
      if (value == null) {
        throw new NullPointerException("operator list state '" + name + "' does not accept null elements");
      }
      elements.add(value);
    }

    @Override
    public void update(List<T> values) {
      List<T> copy = new ArrayList<>(values);
      copy.forEach(this::checkNotNull);
      elements.clear();
      elements.addAll(copy);
    }

    @Override
    public void addAll(List<T> values) {
      List<T> copy = new ArrayList<>(values);
      copy.forEach(this::checkNotNull);
      elements.addAll(copy);
    }

    private void checkNotNull(T t) {
      if (t == null) {
        throw new NullPointerException("operator list state '" + name + "' does not accept null elements");
      }
    }

    @Override
    public void clear() {
      elements.clear();
    }

    List<byte[]> snapshot() throws IOException {
      List<byte[]> out = new ArrayList<>(elements.size());
      ByteArrayDataOutput buf = new ByteArrayDataOutput(256);
      for (T t : elements) {
        buf.clear();
        serializer.serialize(t, buf);
        out.add(buf.toByteArray());
      }
      return out;
    }

    void restore(List<byte[]> serialized) {
      elements.clear();
      try {
        for (byte[] b : serialized) {
          elements.add(serializer.deserialize(new ByteArrayDataInput(b)));
        }
      } catch (IOException e) {
        throw new IllegalStateException("Could not restore operator list state '" + name + "': " + e.getMessage(), e);
      }
    }
  }

  static final class HeapBroadcastState<K, V> implements BroadcastState<K, V> {
    final String name;
    private final TypeSerializer<Map<K, V>> serializer;
    private final Map<K, V> map = new HashMap<>();

    HeapBroadcastState(String name, TypeSerializer<Map<K, V>> serializer) {
      this.name = name;
      this.serializer = serializer;
    }

    @Override
    public V get(K key) {
      return map.get(key);
    }

    @Override
    public boolean contains(K key) {
      return map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> immutableEntries() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public void put(K key, V value) {
      if (key == null) {
        throw new NullPointerException("broadcast state '" + name + "' does not accept null keys");
      }
      map.put(key, value);
    }

    @Override
    public void remove(K key) {
      map.remove(key);
    }

    @Override
    public void clear() {
      map.clear();
    }

    byte[] snapshot() throws IOException {
      ByteArrayDataOutput buf = new ByteArrayDataOutput(256);
      serializer.serialize(map, buf);
      return buf.toByteArray();
    }

    void restore(byte[] bytes) {
      map.clear();
      if (bytes == null) {
        return;
      }
      try {
        map.putAll(serializer.deserialize(new ByteArrayDataInput(bytes)));
      } catch (IOException e) {
        throw new IllegalStateException("Could not restore broadcast state '" + name + "': " + e.getMessage(), e);
      }
    }
  }
}
