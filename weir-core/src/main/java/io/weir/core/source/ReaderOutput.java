package io.weir.core.source;

/**
 * Where a reader emits records. Records emitted through {@link #createOutputForSplit} get
 * watermarks generated per split; the source merges them (minimum over active splits).
 */
public interface ReaderOutput<T> extends SourceOutput<T> {
  SourceOutput<T> createOutputForSplit(String splitId);

  void releaseOutputForSplit(String splitId);
}
