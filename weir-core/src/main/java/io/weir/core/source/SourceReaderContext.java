package io.weir.core.source;

/** What a reader can see of its subtask and how it asks for splits. */
public interface SourceReaderContext {
  int getIndexOfSubtask();

  int currentParallelism();

  /** Asks the enumerator for a split; the answer arrives through addSplits or notifyNoMoreSplits. */
  void sendSplitRequest();

  /** Records a skipped bad record (skip-and-count mode); the count is reported when the job ends. */
  void reportSkippedRecord(String reason);
}
