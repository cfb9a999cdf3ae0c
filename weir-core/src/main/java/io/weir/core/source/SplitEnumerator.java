package io.weir.core.source;

import java.util.List;

/**
 * Discovers splits and hands them to readers. Runs on the coordinator; all calls arrive on one
 * thread, so implementations need no locking.
 */
public interface SplitEnumerator<SplitT extends SourceSplit, CheckpointT> extends AutoCloseable {
  void start();

  /** A reader asked for work (readers ask when they have no split). */
  void handleSplitRequest(int subtaskId);

  /** Splits given back, e.g. by a reader that failed after its last checkpoint. */
  void addSplitsBack(List<SplitT> splits, int subtaskId);

  void addReader(int subtaskId);

  CheckpointT snapshotState(long checkpointId) throws Exception;

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}
