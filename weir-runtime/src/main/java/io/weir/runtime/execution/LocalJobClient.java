package io.weir.runtime.execution;

import java.util.concurrent.CompletableFuture;

/** Handle on a job running in this JVM. */
final class LocalJobClient implements JobClient {
  private final JobMaster master;
  private final CompletableFuture<JobExecutionResult> result;

  LocalJobClient(JobMaster master, CompletableFuture<JobExecutionResult> result) {
    this.master = master;
    this.result = result;
  }

  @Override
  public String getJobId() {
    return master.jobId();
  }

  @Override
  public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
    return result;
  }

  @Override
  public void cancel() {
    master.cancel();
  }

  @Override
  public CompletableFuture<Long> triggerCheckpoint() {
    return master.triggerCheckpoint();
  }
}
