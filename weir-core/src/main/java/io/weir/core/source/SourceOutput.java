package io.weir.core.source;

public interface SourceOutput<T> {
  void collect(T record);

  /** Emits with a source-provided timestamp (epoch millis) that the timestamp assigner sees. */
  void collect(T record, long timestamp);
}
