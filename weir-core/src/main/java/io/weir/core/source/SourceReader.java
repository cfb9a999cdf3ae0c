package io.weir.core.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the splits assigned to one subtask. {@link #pollNext} is called on a worker thread and
 * must not block: a reader doing blocking I/O does it on its own thread and hands records over;
 * it returns NOTHING_AVAILABLE and completes {@link #isAvailable()} when data arrives.
 * Each pollNext should emit a bounded amount (a batch), not everything.
 */
public interface SourceReader<T, SplitT extends SourceSplit> extends AutoCloseable {
  void start() throws Exception;

  InputStatus pollNext(ReaderOutput<T> output) throws Exception;

  /** Completes when pollNext may make progress. */
  CompletableFuture<Void> isAvailable();

  void addSplits(List<SplitT> splits);

  void notifyNoMoreSplits();

  /** The unfinished splits with their current positions. */
  List<SplitT> snapshotState(long checkpointId) throws Exception;

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}
