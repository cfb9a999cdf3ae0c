package io.weir.runtime.state;

import io.weir.core.state.AggregatingStateDescriptor;
import io.weir.core.state.ReducingStateDescriptor;
import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.ByteArrayDataInput;
import io.weir.core.types.ByteArrayDataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * STREAMING keyed state: all keys of the subtask's key groups on the heap, one {@link StateTable}
 * per state name. {@link #getPartitionedState} returns one reused state object per name, rebound
 * to the requested namespace; it reads and writes whatever key is current at the time of the call.
 *
 * <p>Snapshot: one byte array per non-empty key group: {@code byte version; int states; per state:
 * UTF name, byte kind, int length, section} (section format in {@link StateTable}). Restore keeps
 * the key groups in range and holds each state's sections as bytes until the state is registered
 * again (its serializers come from the descriptor); sections of states never registered again are
 * carried over unchanged into the next snapshot, so no state is lost across restarts.
 *
 * <p>{@link #snapshotAsync} freezes the tables copy-on-write (see {@link StateTable}) and writes
 * the same bytes later, on another thread.
 *
 * <p>Not thread-safe: used by the subtask's own thread only (apart from writing and releasing
 * an {@link AsyncSnapshot}).
 */
public class HeapKeyedStateBackend<K> implements KeyedStateBackend<K> {
  static final byte FORMAT_VERSION = 1;

  protected final TypeSerializer<K> keySerializer;
  protected final int maxParallelism;
  protected final KeyGroupRange keyGroupRange;
  protected final List<KeyChangeListener<K>> keyChangeListeners = new ArrayList<>();

  private final Map<String, StateTable<K, ?, ?>> tables = new LinkedHashMap<>();
  private final Map<String, AbstractHeapState<K, ?, ?>> states = new HashMap<>();
  /** Restored sections of states not registered yet: name -> sections. */
  private final Map<String, List<RestoredSection>> pending = new LinkedHashMap<>();
  private final SnapshotVersions versions = new SnapshotVersions();

  protected K currentKey;
  protected int currentKeyGroup = -1;
  /** {@code currentKey.hashCode()}, computed once per key for the key group and every state table. */
  private int currentKeyHash;

  private StateDescriptor<?, ?> lastDescriptor;
  private AbstractHeapState<K, ?, ?> lastState;

  public HeapKeyedStateBackend(TypeSerializer<K> keySerializer, int maxParallelism, KeyGroupRange keyGroupRange) {
    this.keySerializer = Objects.requireNonNull(keySerializer, "key serializer");
    this.maxParallelism = maxParallelism;
    this.keyGroupRange = Objects.requireNonNull(keyGroupRange, "key group range");
    if (keyGroupRange.start() < 0 || keyGroupRange.end() >= maxParallelism || keyGroupRange.size() <= 0) {
      throw new IllegalArgumentException(
          "key group range " + keyGroupRange + " does not fit max parallelism " + maxParallelism);
    }
  }

  private record RestoredSection(int keyGroup, StateDescriptor.Kind kind, byte[] bytes) {}

  // ---------------------------------------------------------------- keys

  @Override
  public void setCurrentKey(K key) {
    setCurrentKeyInternal(key);
  }

  /** Sets the key without any key-change notification (timers, applyToAllKeys, restore). */
  protected final void setCurrentKeyInternal(K key) {
    if (key == null) {
      currentKey = null;
      currentKeyGroup = -1;
      return;
    }
    int hash = key.hashCode();
    int keyGroup = KeyGroupRangeAssignment.computeKeyGroupForKeyHash(hash, maxParallelism);
    if (!keyGroupRange.contains(keyGroup)) {
      throw new IllegalArgumentException(
          "Key '" + abbreviate(key) + "' belongs to key group " + keyGroup + ", which this subtask (key groups "
              + keyGroupRange.start() + ".." + keyGroupRange.end() + ") does not own: the input was not "
              + "partitioned by this key (use keyBy with the same key selector right before the keyed operator, "
              + "and make sure the key's hashCode is deterministic)");
    }
    currentKey = key;
    currentKeyGroup = keyGroup;
    currentKeyHash = hash;
  }

  @Override
  public K getCurrentKey() {
    return currentKey;
  }

  @Override
  public int getCurrentKeyGroup() {
    return currentKeyGroup;
  }

  final int currentKeyGroupUnchecked() {
    return currentKeyGroup;
  }

  final int currentKeyHash() {
    return currentKeyHash;
  }

  final K keyForAccess(StateTable<K, ?, ?> table) {
    K key = currentKey;
    if (key == null) {
      throw new IllegalStateException(
          "No current key: " + table.descriptor + " was accessed outside of processing a keyed record or "
              + "timer (keyed state cannot be used in open(), close() or on a non-keyed input)");
    }
    return key;
  }

  @Override
  public TypeSerializer<K> getKeySerializer() {
    return keySerializer;
  }

  @Override
  public KeyGroupRange getKeyGroupRange() {
    return keyGroupRange;
  }

  @Override
  public int getMaxParallelism() {
    return maxParallelism;
  }

  @Override
  public void addKeyChangeListener(KeyChangeListener<K> listener) {
    keyChangeListeners.add(Objects.requireNonNull(listener));
  }

  // ---------------------------------------------------------------- state access

  @Override
  @SuppressWarnings("unchecked")
  public <N, S extends State> S getPartitionedState(
      N namespace, TypeSerializer<N> namespaceSerializer, StateDescriptor<S, ?> descriptor) {
    AbstractHeapState<K, N, ?> state;
    if (descriptor == lastDescriptor) {
      state = (AbstractHeapState<K, N, ?>) lastState;
    } else {
      state = (AbstractHeapState<K, N, ?>) states.get(descriptor.getName());
      if (state == null) {
        state = createState(namespaceSerializer, descriptor);
      } else if (state.table.kind != descriptor.getKind()) {
        throw new IllegalStateException(
            "State '" + descriptor.getName() + "' was registered as " + state.table.kind
                + " state and is now requested as " + descriptor.getKind()
                + " state: use a different name for each state");
      }
      lastDescriptor = descriptor;
      lastState = state;
    }
    if ((namespaceSerializer == VoidNamespace.SERIALIZER) != state.table.voidNamespace) {
      // The table's layout depends on it; mixing would silently merge namespaces.
      throw new IllegalStateException(
          "State '" + descriptor.getName() + "' is used both with and without a namespace (window): "
              + "use a different state name for window-scoped state");
    }
    state.setCurrentNamespace(namespace);
    return (S) state;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <N> AbstractHeapState<K, N, ?> createState(
      TypeSerializer<N> namespaceSerializer, StateDescriptor<?, ?> descriptor) {
    Objects.requireNonNull(namespaceSerializer, "namespace serializer");
    StateTable table = new StateTable<>(descriptor, namespaceSerializer, keyGroupRange, versions);
    AbstractHeapState<K, N, ?> state = switch (descriptor.getKind()) {
      case VALUE -> new HeapValueState<>(this, table);
      case LIST -> new HeapListState<>(this, table);
      case MAP -> new HeapMapState<>(this, table);
      case REDUCING -> new HeapReducingState<>(
          this, table, ((ReducingStateDescriptor) descriptor).getReduceFunction());
      case AGGREGATING -> new HeapAggregatingState<>(
          this, table, ((AggregatingStateDescriptor) descriptor).getAggregateFunction());
    };
    List<RestoredSection> restored = pending.remove(descriptor.getName());
    if (restored != null) {
      try {
        for (RestoredSection s : restored) {
          checkRestoredKind(descriptor, s.kind);
          table.readGroup(s.keyGroup, keySerializer, new ByteArrayDataInput(s.bytes));
        }
      } catch (IOException e) {
        throw new IllegalStateException(
            "Could not restore " + descriptor + " from the checkpoint: " + e.getMessage()
                + " (did the state's type change since the checkpoint was taken?)", e);
      }
    }
    tables.put(descriptor.getName(), table);
    states.put(descriptor.getName(), state);
    return state;
  }

  private static void checkRestoredKind(StateDescriptor<?, ?> descriptor, StateDescriptor.Kind restoredKind) {
    if (restoredKind != descriptor.getKind()) {
      throw new IllegalStateException(
          "State '" + descriptor.getName() + "' was checkpointed as " + restoredKind
              + " state but is now registered as " + descriptor.getKind() + " state");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, S extends State> void applyToAllKeys(
      N namespace,
      TypeSerializer<N> namespaceSerializer,
      StateDescriptor<S, ?> descriptor,
      KeyedStateFunction<K, S> function) throws Exception {
    S state = getPartitionedState(namespace, namespaceSerializer, descriptor);
    AbstractHeapState<K, N, ?> heapState = (AbstractHeapState<K, N, ?>) state;
    List<StateTable.KeyAndGroup<K>> keys = ((StateTable<K, N, ?>) heapState.table).keys(namespace);
    K previousKey = currentKey;
    int previousKeyGroup = currentKeyGroup;
    int previousKeyHash = currentKeyHash;
    try {
      for (StateTable.KeyAndGroup<K> k : keys) {
        currentKey = k.key();
        currentKeyGroup = k.keyGroup();
        currentKeyHash = k.hash();
        heapState.setCurrentNamespace(namespace);
        function.process(k.key(), state);
      }
    } finally {
      currentKey = previousKey;
      currentKeyGroup = previousKeyGroup;
      currentKeyHash = previousKeyHash;
    }
  }

  /** Removes every state of one key (BATCH: the key is done). */
  protected void dropKey(K key, int keyGroup) {
    for (StateTable<K, ?, ?> t : tables.values()) {
      t.removeKey(key, keyGroup);
    }
  }

  // ---------------------------------------------------------------- snapshots

  @Override
  public Map<Integer, byte[]> snapshot(long checkpointId) throws IOException {
    return view(false).write(null);
  }

  /**
   * Copy-on-write snapshot: freezes every state table now (cheap: no value is copied or
   * serialized here) and returns the writer of exactly the bytes {@link #snapshot} would return
   * now. Several may be in flight at once; each keeps the entries it saw until written or
   * discarded.
   */
  @Override
  public AsyncSnapshot<Map<Integer, byte[]>> snapshotAsync(long checkpointId) {
    int version = versions.freeze();
    SnapshotView view;
    try {
      view = view(true);
    } catch (RuntimeException | Error e) {
      versions.release(version);
      throw e;
    }
    return new AsyncSnapshot.Frozen<>() {
      @Override
      protected Map<Integer, byte[]> writeFrozen() throws IOException {
        return view.write(this);
      }

      @Override
      protected void release() {
        versions.release(version);
      }
    };
  }

  private SnapshotView view(boolean freeze) {
    List<TableView> views = new ArrayList<>(tables.size());
    for (StateTable<K, ?, ?> t : tables.values()) {
      views.add(new TableView(t, t.groupsView(freeze)));
    }
    Map<Integer, List<Map.Entry<String, RestoredSection>>> pendingByGroup = new HashMap<>();
    for (Map.Entry<String, List<RestoredSection>> e : pending.entrySet()) {
      for (RestoredSection s : e.getValue()) {
        pendingByGroup.computeIfAbsent(s.keyGroup, g -> new ArrayList<>()).add(Map.entry(e.getKey(), s));
      }
    }
    return new SnapshotView(views, pendingByGroup);
  }

  private record TableView(StateTable<?, ?, ?> table, Object[][] groups) {}

  /** What a snapshot writes: the tables' slot arrays and the carried-over restored sections. */
  private final class SnapshotView {
    final List<TableView> tableViews;
    final Map<Integer, List<Map.Entry<String, RestoredSection>>> pendingByGroup;

    SnapshotView(List<TableView> tableViews, Map<Integer, List<Map.Entry<String, RestoredSection>>> pendingByGroup) {
      this.tableViews = tableViews;
      this.pendingByGroup = pendingByGroup;
    }

    /** Reads only the view, so it may run on any thread; {@code cancel} (if any) is checked per key group. */
    @SuppressWarnings("unchecked")
    Map<Integer, byte[]> write(AsyncSnapshot.Frozen<?> cancel) throws IOException {
      Map<Integer, byte[]> result = new LinkedHashMap<>();
      ByteArrayDataOutput out = new ByteArrayDataOutput(4096);
      int offset = keyGroupRange.start();
      for (int kg = keyGroupRange.start(); kg <= keyGroupRange.end(); kg++) {
        if (cancel != null) {
          cancel.checkNotDiscarded();
        }
        List<Map.Entry<String, RestoredSection>> carried = pendingByGroup.get(kg);
        boolean any = carried != null;
        for (TableView t : tableViews) {
          if (any) {
            break;
          }
          any = t.groups[kg - offset] != null;
        }
        if (!any) {
          continue;
        }
        out.clear();
        out.writeByte(FORMAT_VERSION);
        int countPos = out.length();
        out.writeInt(0);
        int count = 0;
        for (TableView tv : tableViews) {
          Object[] slots = tv.groups[kg - offset];
          if (slots == null) {
            continue;
          }
          StateTable<K, ?, ?> t = (StateTable<K, ?, ?>) tv.table;
          int start = out.length();
          out.writeUTF(t.name);
          out.writeByte(t.kind.ordinal());
          int lengthPos = out.length();
          out.writeInt(0);
          int sectionStart = out.length();
          int keys = t.writeGroup(slots, keySerializer, out);
          if (keys == 0) {
            // Only emptied collections in this group: drop the header again.
            out.setPosition(start);
            continue;
          }
          out.writeIntAt(lengthPos, out.length() - sectionStart);
          count++;
        }
        if (carried != null) {
          for (Map.Entry<String, RestoredSection> c : carried) {
            out.writeUTF(c.getKey());
            out.writeByte(c.getValue().kind.ordinal());
            out.writeInt(c.getValue().bytes.length);
            out.write(c.getValue().bytes);
            count++;
          }
        }
        if (count > 0) {
          out.writeIntAt(countPos, count);
          result.put(kg, out.toByteArray());
        }
      }
      return result;
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void restore(Collection<Map<Integer, byte[]>> snapshots) throws IOException {
    for (Map<Integer, byte[]> snapshot : snapshots) {
      if (snapshot == null) {
        continue;
      }
      for (Map.Entry<Integer, byte[]> e : snapshot.entrySet()) {
        int kg = e.getKey();
        if (!keyGroupRange.contains(kg)) {
          continue;
        }
        ByteArrayDataInput in = new ByteArrayDataInput(e.getValue());
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
          throw new IOException("keyed state of key group " + kg + " has unknown format version " + version);
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          String name = in.readUTF();
          int kindOrdinal = in.readUnsignedByte();
          StateDescriptor.Kind[] kinds = StateDescriptor.Kind.values();
          if (kindOrdinal >= kinds.length) {
            throw new IOException("state '" + name + "' in key group " + kg + " has unknown kind " + kindOrdinal);
          }
          byte[] section = new byte[in.readInt()];
          in.readFully(section);
          StateTable table = tables.get(name);
          if (table != null) {
            checkRestoredKind(table.descriptor, kinds[kindOrdinal]);
            table.readGroup(kg, keySerializer, new ByteArrayDataInput(section));
          } else {
            pending.computeIfAbsent(name, n -> new ArrayList<>())
                .add(new RestoredSection(kg, kinds[kindOrdinal], section));
          }
        }
      }
    }
  }

  /** Names of the states registered so far (for tests and diagnostics). */
  public Collection<String> registeredStateNames() {
    return java.util.Collections.unmodifiableSet(tables.keySet());
  }

  @Override
  public void dispose() {
    tables.clear();
    states.clear();
    pending.clear();
    lastDescriptor = null;
    lastState = null;
    currentKey = null;
    currentKeyGroup = -1;
  }

  static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() <= 200 ? s : s.substring(0, 197) + "...";
  }
}
