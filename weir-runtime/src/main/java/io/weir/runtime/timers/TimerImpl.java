package io.weir.runtime.timers;

import java.util.Objects;

/**
 * One registered timer. Identity (equals/hashCode) is (timestamp, key, namespace): registering the
 * same timer twice keeps one. {@code seq} orders timers with equal timestamps by registration and
 * survives snapshots, so a restored job fires ties in the same order as the original.
 */
final class TimerImpl<K, N> implements InternalTimer<K, N> {
  final long timestamp;
  final K key;
  final N namespace;
  final int keyGroup;
  final long seq;
  /** Hashing a Row key costs a walk over its fields; a timer is hashed on add and again on removal. */
  private final int hash;
  /** Set by {@link TimerQueue} when the timer left the live set: its heap entry is stale. */
  boolean removed;

  TimerImpl(long timestamp, K key, N namespace, int keyGroup, long seq) {
    this.timestamp = timestamp;
    this.key = key;
    this.namespace = namespace;
    this.keyGroup = keyGroup;
    this.seq = seq;
    this.hash = 31 * (31 * Long.hashCode(timestamp) + key.hashCode()) + Objects.hashCode(namespace);
  }

  @Override
  public long getTimestamp() {
    return timestamp;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public N getNamespace() {
    return namespace;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof TimerImpl<?, ?> t
        && t.hash == hash
        && t.timestamp == timestamp
        && t.key.equals(key)
        && Objects.equals(t.namespace, namespace);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Timer(" + timestamp + ", key=" + key + ", namespace=" + namespace + ")";
  }
}
