package io.weir.runtime.exchange;

/** Producer side of one channel. */
public interface OutputChannel {
  /**
   * Hands a batch to the consumer. Never blocks and never refuses: the producer checks
   * {@link #hasCapacity()} before it takes more input, and what one input batch produces beyond
   * the capacity is tolerated.
   */
  void send(ElementBatch batch) throws Exception;

  /** Whether the consumer has room (the soft capacity is not reached). */
  boolean hasCapacity();

  /** Batches currently buffered (for backpressure tests and metrics). */
  int bufferedBatches();
}
