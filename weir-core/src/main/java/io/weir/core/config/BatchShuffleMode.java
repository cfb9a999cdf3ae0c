package io.weir.core.config;

/** How BATCH jobs exchange data between tasks ({@code execution.batch-shuffle-mode}). */
public enum BatchShuffleMode {
  /**
   * Pipelined (records handed over by reference, backpressured) wherever that cannot deadlock,
   * blocking (persisted, spilling to disk, read after the producer finished) elsewhere: into an
   * input that its operator reads only after the other input ended, when both inputs share an
   * upstream task.
   */
  AUTO,
  /** Every exchange blocking: each stage runs only after its producers finished. */
  ALL_EXCHANGES_BLOCKING
}
