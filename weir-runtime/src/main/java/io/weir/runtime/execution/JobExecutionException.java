package io.weir.runtime.execution;

/**
 * A job failed. The message is one line a user can act on, e.g. {@code Operator 'Map' (subtask
 * 2/4) failed on record Order[id=7, ...]: ArithmeticException: / by zero}; the cause is the
 * original exception.
 */
public class JobExecutionException extends Exception {
  public JobExecutionException(String message, Throwable cause) {
    super(message, cause);
  }

  public JobExecutionException(String message) {
    super(message);
  }
}
