package io.weir.runtime.execution;

import java.util.concurrent.CompletableFuture;

/** Handle on a submitted job. */
public interface JobClient {
  String getJobId();

  /** Completes with the result, or exceptionally with a {@link JobExecutionException}. */
  CompletableFuture<JobExecutionResult> getJobExecutionResult();

  /** Stops the job; the result future completes exceptionally with a cancellation. */
  void cancel();

  /** Triggers a checkpoint now (STREAMING); completes with its id when it is complete. */
  CompletableFuture<Long> triggerCheckpoint();
}
