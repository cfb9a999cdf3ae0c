package io.weir.runtime.tasks;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.state.OperatorSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** What a task needs from the job attempt it belongs to. Implementations are thread-safe. */
public interface TaskServices {
  String jobId();

  /** 0 on the first run, +1 per restart. */
  int attemptNumber();

  /** STREAMING or BATCH. */
  RuntimeExecutionMode mode();

  Configuration configuration();

  ClassLoader userClassLoader();

  /** All previous subtasks' snapshots of the operator with this uid; empty on a fresh start. */
  List<OperatorSnapshot> restoredState(String operatorUid);

  /** Adds to a job counter (reported in JobExecutionResult.counters()). */
  void addToCounter(String name, long delta);

  /** The task has failed; the job cancels the other tasks and restarts or fails. */
  void reportFailure(StreamTask task, Throwable failure);

  /** The task will not be called again (finished, failed or cancelled). */
  void taskTerminated(StreamTask task, StreamTask.TerminalState state);

  /**
   * BATCH: the memory one sorting subtask may use (its share of the job's budget; the
   * sorter spills beyond it).
   */
  io.weir.runtime.memory.MemoryManager sortMemory();

  /** BATCH: where sort runs and exchange data spill. */
  java.nio.file.Path spillDirectory();

  /**
   * The task snapshotted its operators for this checkpoint (operator uid to snapshot). May be
   * called from a snapshot thread (the asynchronous part of a checkpoint), after the task went on.
   */
  void acknowledgeCheckpoint(StreamTask task, long checkpointId, Map<String, OperatorSnapshot> snapshots);

  /**
   * Where the asynchronous part of checkpoints (writing frozen keyed state) runs; null = the
   * whole snapshot is taken on the task's thread at the barrier.
   */
  default Executor asyncSnapshotExecutor() {
    return null;
  }
}
