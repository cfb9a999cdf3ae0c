package io.weir.runtime.source;

/** One reader's line to its enumerator (thread-safe; calls are handed to the coordinator thread). */
public interface SourceReaderGateway {
  /** The reader is open; the enumerator's addReader runs. */
  void registerReader();

  /** The reader asks for a split (enumerator's handleSplitRequest runs). */
  void requestSplit();

  /** The next event for this reader, or null. Called on the reader's task thread. */
  SourceEvent pollEvent();
}
