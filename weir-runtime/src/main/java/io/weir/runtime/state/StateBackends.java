package io.weir.runtime.state;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.timers.BatchTimeServiceManager;
import io.weir.runtime.timers.HeapTimeServiceManager;
import io.weir.runtime.timers.InternalTimeServiceManager;
import io.weir.runtime.timers.ProcessingTimeService;

/**
 * Creates the state backends for an operator subtask. The mode picks the implementation:
 * STREAMING keeps all keys on the heap ({@link HeapKeyedStateBackend}, {@link
 * HeapTimeServiceManager}), BATCH keeps one key at a time ({@link BatchKeyedStateBackend}, {@link
 * BatchTimeServiceManager}: inputs sorted by key, a key's timers fire when the key changes).
 */
public final class StateBackends {
  private StateBackends() {}

  public static <K> KeyedStateBackend<K> createKeyedStateBackend(
      RuntimeExecutionMode mode,
      TypeSerializer<K> keySerializer,
      int maxParallelism,
      KeyGroupRange keyGroupRange,
      Configuration config) {
    return switch (checkMode(mode)) {
      case BATCH -> new BatchKeyedStateBackend<>(keySerializer, maxParallelism, keyGroupRange);
      default -> new HeapKeyedStateBackend<>(keySerializer, maxParallelism, keyGroupRange);
    };
  }

  public static <K> InternalTimeServiceManager<K> createTimeServiceManager(
      RuntimeExecutionMode mode,
      KeyedStateBackend<K> keyedStateBackend,
      ProcessingTimeService processingTimeService) {
    return switch (checkMode(mode)) {
      case BATCH -> new BatchTimeServiceManager<>(keyedStateBackend, processingTimeService);
      default -> new HeapTimeServiceManager<>(keyedStateBackend, processingTimeService);
    };
  }

  public static OperatorStateStore createOperatorStateStore() {
    return new DefaultOperatorStateStore();
  }

  private static RuntimeExecutionMode checkMode(RuntimeExecutionMode mode) {
    if (mode == null || mode == RuntimeExecutionMode.AUTOMATIC) {
      throw new IllegalArgumentException(
          "state backends need a resolved execution mode (STREAMING or BATCH), got " + mode);
    }
    return mode;
  }
}
