package io.weir.datastream.collect;

import io.weir.runtime.execution.JobExecutionException;

/** Thrown by a result iterator when the job failed; the message is the job's one-line cause. */
public class JobFailedException extends RuntimeException {
  public JobFailedException(JobExecutionException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized JobExecutionException getCause() {
    return (JobExecutionException) super.getCause();
  }
}
