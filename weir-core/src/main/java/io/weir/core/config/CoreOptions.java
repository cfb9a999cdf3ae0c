package io.weir.core.config;

import java.time.Duration;

/** The options every layer reads. Keys follow Flink's where one exists. */
public final class CoreOptions {
  private CoreOptions() {}

  /**
   * BATCH operators keep their data on the heap (as objects or serialized pages), so the budget
   * grows with the heap the user gave the JVM, as a managed-memory fraction does in Flink.
   */
  private static MemorySize defaultBatchMemoryBudget() {
    return MemorySize.ofMebiBytes(Math.max(256, (Runtime.getRuntime().maxMemory() / 4) >> 20));
  }

  public static final ConfigOption<RuntimeExecutionMode> RUNTIME_MODE =
      ConfigOption.of("execution.runtime-mode", RuntimeExecutionMode.class,
          RuntimeExecutionMode.STREAMING, "STREAMING, BATCH or AUTOMATIC");
  public static final ConfigOption<Integer> DEFAULT_PARALLELISM =
      ConfigOption.of("parallelism.default", Integer.class, 1, "default operator parallelism");
  public static final ConfigOption<Integer> MAX_PARALLELISM =
      ConfigOption.of("pipeline.max-parallelism", Integer.class, 128,
          "number of key groups: the upper bound for rescaling keyed state");
  public static final ConfigOption<Integer> WORKER_THREADS =
      ConfigOption.of("execution.worker-threads", Integer.class, 0,
          "cooperative worker threads; 0 = number of cores");
  public static final ConfigOption<Boolean> OPERATOR_CHAINING =
      ConfigOption.of("pipeline.operator-chaining", Boolean.class, true, "chain operators into tasks");
  public static final ConfigOption<Duration> AUTO_WATERMARK_INTERVAL =
      ConfigOption.of("pipeline.auto-watermark-interval", Duration.class, Duration.ofMillis(200),
          "how often periodic watermark generators are asked for a watermark");
  public static final ConfigOption<Integer> EXCHANGE_BATCH_SIZE =
      ConfigOption.of("execution.exchange.batch-size", Integer.class, 256,
          "records per batch handed between tasks");
  public static final ConfigOption<Integer> EXCHANGE_CAPACITY_BATCHES =
      ConfigOption.of("execution.exchange.capacity", Integer.class, 8,
          "batches buffered per exchange channel before the producer is backpressured");
  public static final ConfigOption<BatchShuffleMode> BATCH_SHUFFLE_MODE =
      ConfigOption.of("execution.batch-shuffle-mode", BatchShuffleMode.class, BatchShuffleMode.AUTO,
          "BATCH exchanges: AUTO (pipelined where no deadlock is possible, else blocking) or ALL_EXCHANGES_BLOCKING");
  public static final ConfigOption<MemorySize> BATCH_MEMORY_BUDGET =
      ConfigOption.of("execution.batch.memory-budget", MemorySize.class, defaultBatchMemoryBudget(),
          "memory for batch sorting, hashing and blocking exchanges per job before spilling to disk; "
              + "default: a quarter of the JVM's maximum heap, at least 256mb");
  public static final ConfigOption<String> TMP_DIRS =
      ConfigOption.of("io.tmp.dirs", String.class, System.getProperty("java.io.tmpdir"),
          "where spill files go");
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      ConfigOption.of("execution.checkpointing.interval", Duration.class, null,
          "checkpoint interval in STREAMING mode; unset = no checkpoints");
  public static final ConfigOption<Boolean> CHECKPOINT_ASYNC =
      ConfigOption.of("execution.checkpointing.async", Boolean.class, true,
          "write keyed heap state of checkpoints on a snapshot thread (copy-on-write freeze at the "
              + "barrier) instead of on the task's thread");
  public static final ConfigOption<String> CHECKPOINT_DIR =
      ConfigOption.of("state.checkpoints.dir", String.class, null,
          "directory for checkpoints; default: a temporary directory");
  public static final ConfigOption<Integer> CHECKPOINTS_RETAINED =
      ConfigOption.of("state.checkpoints.num-retained", Integer.class, 1, "completed checkpoints kept");
  public static final ConfigOption<String> SAVEPOINT_PATH =
      ConfigOption.of("execution.savepoint.path", String.class, null,
          "STREAMING: start the job from this checkpoint: a chk-<id> directory (or its _metadata file) "
              + "or a job's checkpoint directory (its newest complete checkpoint); unset = empty state");
  public static final ConfigOption<Boolean> SAVEPOINT_IGNORE_UNCLAIMED_STATE =
      ConfigOption.of("execution.savepoint.ignore-unclaimed-state", Boolean.class, false,
          "start from execution.savepoint.path even if it holds state of operator uids the job does "
              + "not have (that state is dropped with a WARN); false = refuse to start");
  public static final ConfigOption<Integer> RESTART_ATTEMPTS =
      ConfigOption.of("restart-strategy.fixed-delay.attempts", Integer.class, 0,
          "restarts after a task failure (fixed-delay strategy); 0 = fail the job");
  public static final ConfigOption<Duration> RESTART_DELAY =
      ConfigOption.of("restart-strategy.fixed-delay.delay", Duration.class, Duration.ofMillis(100),
          "delay before a restart");
}
