package io.weir.runtime.timers;

public interface InternalTimer<K, N> {
  long getTimestamp();

  K getKey();

  N getNamespace();
}
