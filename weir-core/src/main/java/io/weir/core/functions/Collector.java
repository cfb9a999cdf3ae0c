package io.weir.core.functions;

/** Receives the records a function emits. */
public interface Collector<T> {
  void collect(T record);

  default void close() {}
}
