package io.weir.runtime.state;

import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.core.types.TypeSerializer;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Keyed state of one operator subtask. All state access is scoped to the current key (set by the
 * runtime before each record or timer) and a namespace (windows use the window as namespace).
 *
 * <p>STREAMING: a heap backend holding all keys of the subtask's key groups. BATCH: inputs arrive
 * sorted by key and the backend holds one key at a time; {@link #setCurrentKey} with a new key
 * drops the previous key's state after notifying {@link KeyChangeListener}s (which fire that key's
 * timers).
 */
public interface KeyedStateBackend<K> {
  void setCurrentKey(K key);

  K getCurrentKey();

  int getCurrentKeyGroup();

  TypeSerializer<K> getKeySerializer();

  KeyGroupRange getKeyGroupRange();

  int getMaxParallelism();

  /** The state for the current key in the given namespace; the returned object may be reused. */
  <N, S extends State> S getPartitionedState(
      N namespace, TypeSerializer<N> namespaceSerializer, StateDescriptor<S, ?> descriptor);

  default <S extends State> S getState(StateDescriptor<S, ?> descriptor) {
    return getPartitionedState(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, descriptor);
  }

  /** Runs {@code function} for every key that has this state (e.g. broadcast side). */
  <N, S extends State> void applyToAllKeys(
      N namespace,
      TypeSerializer<N> namespaceSerializer,
      StateDescriptor<S, ?> descriptor,
      KeyedStateFunction<K, S> function)
      throws Exception;

  void addKeyChangeListener(KeyChangeListener<K> listener);

  /** State of every key group that has any, as bytes per key group. */
  Map<Integer, byte[]> snapshot(long checkpointId) throws IOException;

  /**
   * The same snapshot in two parts: what must happen at the barrier happens now, the returned
   * writer produces the bytes later on any thread. Default: all of it now.
   */
  default AsyncSnapshot<Map<Integer, byte[]>> snapshotAsync(long checkpointId) throws IOException {
    return AsyncSnapshot.done(snapshot(checkpointId));
  }

  /** Restores from the snapshots of all previous subtasks; keeps the key groups in range. */
  void restore(Collection<Map<Integer, byte[]>> snapshots) throws IOException;

  void dispose();

  @FunctionalInterface
  interface KeyedStateFunction<K, S extends State> {
    void process(K key, S state) throws Exception;
  }

  @FunctionalInterface
  interface KeyChangeListener<K> {
    /** Called before the current key changes from {@code previousKey} (BATCH mode). */
    void beforeKeyChange(K previousKey) throws Exception;
  }
}
