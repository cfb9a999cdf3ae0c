package io.weir.runtime.operators;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.timers.ProcessingTimeService;
import java.util.List;

/** What the runtime tells an operator subtask about itself. */
public interface OperatorContext {
  String getJobId();

  String getTaskName();

  int getSubtaskIndex();

  int getParallelism();

  int getMaxParallelism();

  /** 0 on the first run, +1 per restart. */
  int getAttemptNumber();

  /** STREAMING or BATCH (never AUTOMATIC: resolved before the job starts). */
  RuntimeExecutionMode getExecutionMode();

  Configuration getConfiguration();

  ProcessingTimeService getProcessingTimeService();

  /** Key selector of input 1 or 2 when the operator is keyed, else null. */
  KeySelector<?, ?> getStateKeySelector(int input);

  /** Serializer of the keys when keyed, else null. */
  TypeSerializer<?> getStateKeySerializer();

  /** State of all previous subtasks of this operator after a restore; empty on a fresh start. */
  List<OperatorSnapshot> getRestoredState();

  ClassLoader getUserClassLoader();

  /** Counts a skipped bad record (reported with the job result). */
  void reportSkippedRecord(String source, String reason);
}
