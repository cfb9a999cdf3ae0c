package io.weir.runtime.exchange;

/** Consumer side of one channel (one producer subtask to one consumer subtask). */
public interface InputChannel {
  /** The next batch, or null if none is available right now. Never blocks. */
  ElementBatch poll();

  /** Frees buffered data (memory, spill files); called once by the consumer when done or cancelled. */
  void release();
}
