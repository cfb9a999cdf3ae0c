package io.weir.runtime.execution;

import io.weir.runtime.graph.StreamGraph;

/** Runs jobs embedded in this JVM on a shared pool of cooperative worker threads. */
public final class LocalExecutor {
  private LocalExecutor() {}

  /** Starts the job and returns at once. Validation errors (e.g. unbounded source in BATCH) throw here. */
  public static JobClient submit(StreamGraph graph) {
    throw new UnsupportedOperationException("local executor: not implemented yet");
  }

  /** Runs the job to completion. */
  public static JobExecutionResult execute(StreamGraph graph) throws JobExecutionException {
    try {
      return submit(graph).getJobExecutionResult().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof JobExecutionException j) {
        throw j;
      }
      throw new JobExecutionException(String.valueOf(e.getCause()), e.getCause());
    }
  }
}
