package io.weir.runtime.state;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.timers.InternalTimeServiceManager;
import io.weir.runtime.timers.ProcessingTimeService;

/**
 * Creates the state backends for an operator subtask. The mode picks the implementation:
 * STREAMING keeps all keys on the heap, BATCH keeps one key at a time (inputs sorted by key).
 */
public final class StateBackends {
  private StateBackends() {}

  public static <K> KeyedStateBackend<K> createKeyedStateBackend(
      RuntimeExecutionMode mode,
      TypeSerializer<K> keySerializer,
      int maxParallelism,
      KeyGroupRange keyGroupRange,
      Configuration config) {
    throw new UnsupportedOperationException("state backends: not implemented yet");
  }

  public static <K> InternalTimeServiceManager<K> createTimeServiceManager(
      RuntimeExecutionMode mode,
      KeyedStateBackend<K> keyedStateBackend,
      ProcessingTimeService processingTimeService) {
    throw new UnsupportedOperationException("timer services: not implemented yet");
  }

  public static OperatorStateStore createOperatorStateStore() {
    throw new UnsupportedOperationException("operator state: not implemented yet");
  }
}
