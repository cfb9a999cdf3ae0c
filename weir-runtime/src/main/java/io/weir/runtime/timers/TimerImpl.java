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

  TimerImpl(long timestamp, K key, N namespace, int keyGroup, long seq) {
    this.timestamp = timestamp;
    this.key = key;
    this.namespace = namespace;
    this.keyGroup = keyGroup;
    this.seq = seq;
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
    return o instanceof TimerImpl<?, ?> t
        && t.timestamp == timestamp
        && t.key.equals(key)
        && Objects.equals(t.namespace, namespace);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(timestamp) + key.hashCode()) + Objects.hashCode(namespace);
  }

  @Override
  public String toString() {
    return "Timer(" + timestamp + ", key=" + key + ", namespace=" + namespace + ")";
  }
}
