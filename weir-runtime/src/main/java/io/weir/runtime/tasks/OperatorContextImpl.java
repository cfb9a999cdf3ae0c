package io.weir.runtime.tasks;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.OperatorContext;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.timers.ProcessingTimeService;
import java.util.List;

/** The runtime's view of one operator subtask, handed to {@code StreamOperator.setup}. */
final class OperatorContextImpl implements OperatorContext {
  private final TaskServices services;
  private final String taskName;
  private final int subtaskIndex;
  private final int parallelism;
  private final int maxParallelism;
  private final ProcessingTimeService processingTimeService;
  private final KeySelector<?, ?> keySelector1;
  private final KeySelector<?, ?> keySelector2;
  private final TypeSerializer<?> keySerializer;
  private final List<OperatorSnapshot> restored;
  private final RuntimeExecutionMode mode;

  /** @param mode the mode the operator runs in: the job's, or STREAMING for a watermark-driven operator in BATCH */
  OperatorContextImpl(TaskServices services, String taskName, int subtaskIndex, int parallelism, int maxParallelism,
      ProcessingTimeService processingTimeService, KeySelector<?, ?> keySelector1, KeySelector<?, ?> keySelector2,
      TypeSerializer<?> keySerializer, List<OperatorSnapshot> restored, RuntimeExecutionMode mode) {
    this.mode = mode;
    this.services = services;
    this.taskName = taskName;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
    this.processingTimeService = processingTimeService;
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
    this.keySerializer = keySerializer;
    this.restored = restored;
  }

  @Override
  public String getJobId() {
    return services.jobId();
  }

  @Override
  public String getTaskName() {
    return taskName;
  }

  @Override
  public int getSubtaskIndex() {
    return subtaskIndex;
  }

  @Override
  public int getParallelism() {
    return parallelism;
  }

  @Override
  public int getMaxParallelism() {
    return maxParallelism;
  }

  @Override
  public int getAttemptNumber() {
    return services.attemptNumber();
  }

  @Override
  public RuntimeExecutionMode getExecutionMode() {
    return mode;
  }

  @Override
  public Configuration getConfiguration() {
    return services.configuration();
  }

  @Override
  public ProcessingTimeService getProcessingTimeService() {
    return processingTimeService;
  }

  @Override
  public KeySelector<?, ?> getStateKeySelector(int input) {
    return input == 1 ? keySelector1 : input == 2 ? keySelector2 : null;
  }

  @Override
  public TypeSerializer<?> getStateKeySerializer() {
    return keySerializer;
  }

  @Override
  public List<OperatorSnapshot> getRestoredState() {
    return restored;
  }

  @Override
  public ClassLoader getUserClassLoader() {
    return services.userClassLoader();
  }

  @Override
  public void reportSkippedRecord(String source, String reason) {
    services.addToCounter("skipped-records." + source, 1);
  }
}
