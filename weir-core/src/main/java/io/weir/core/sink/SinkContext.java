package io.weir.core.sink;

/** What a sink writer knows about its subtask. */
public interface SinkContext {
  int getIndexOfSubtask();

  int getNumberOfParallelSubtasks();

  /** Restart attempt: 0 on the first run. */
  int getAttemptNumber();

  String getJobId();
}
