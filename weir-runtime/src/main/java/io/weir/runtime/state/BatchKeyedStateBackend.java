package io.weir.runtime.state;

import io.weir.core.types.TypeSerializer;
import java.util.Collection;
import java.util.Map;

/**
 * BATCH keyed state: the input arrives sorted (grouped) by key, so only the current key's state
 * exists. {@link #setCurrentKey} with a different key first notifies the {@link
 * KeyChangeListener}s while the previous key is still current (the timer service fires that key's
 * event-time timers there, and the timers may still read its state), then drops all of the
 * previous key's state. Keys are compared with {@code equals}, which for a correct serializer
 * agrees with the key bytes the input was sorted by.
 *
 * <p>Checkpoints do not exist in BATCH mode (a failed region re-runs from its persisted inputs),
 * so {@link #snapshot} and {@link #restore} refuse.
 */
public final class BatchKeyedStateBackend<K> extends HeapKeyedStateBackend<K> {
  private boolean notifying;

  public BatchKeyedStateBackend(TypeSerializer<K> keySerializer, int maxParallelism, KeyGroupRange keyGroupRange) {
    super(keySerializer, maxParallelism, keyGroupRange);
  }

  @Override
  public void setCurrentKey(K key) {
    K previous = currentKey;
    if (previous == key || (previous != null && previous.equals(key))) {
      return;
    }
    if (previous != null) {
      if (notifying) {
        // A timer callback switched keys (e.g. to the key of another timer); in BATCH there is
        // only one key's state, so that would read the wrong data.
        throw new IllegalStateException(
            "BATCH mode processes one key at a time: cannot switch to key '" + abbreviate(key)
                + "' while the timers of key '" + abbreviate(previous) + "' are firing");
      }
      int previousGroup = currentKeyGroup;
      notifying = true;
      try {
        for (KeyChangeListener<K> listener : keyChangeListeners) {
          listener.beforeKeyChange(previous);
        }
      } catch (Exception e) {
        throw StateUtils.rethrow(e);
      } finally {
        notifying = false;
      }
      dropKey(previous, previousGroup);
    }
    setCurrentKeyInternal(key);
  }

  @Override
  public Map<Integer, byte[]> snapshot(long checkpointId) {
    throw new UnsupportedOperationException(
        "Keyed state cannot be checkpointed in BATCH mode (checkpoints exist in STREAMING mode only)");
  }

  @Override
  public void restore(Collection<Map<Integer, byte[]>> snapshots) {
    throw new UnsupportedOperationException(
        "Keyed state cannot be restored from a checkpoint in BATCH mode (run the job in STREAMING mode)");
  }
}
