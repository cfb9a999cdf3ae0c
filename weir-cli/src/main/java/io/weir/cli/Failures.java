package io.weir.cli;

import io.weir.runtime.execution.JobExecutionException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the one line a user reads first. */
final class Failures {
  private Failures() {}

  static String oneLine(Throwable e) {
    Throwable t = unwrap(e);
    // The engine already phrases job failures for users (operator, subtask, record, cause).
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof JobExecutionException j && j.getMessage() != null) {
        return firstLine(j.getMessage());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      return t.getClass().getName();
    }
    // Plain argument errors from a job's main read better without the class name.
    if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
      return firstLine(msg);
    }
    return t.getClass().getSimpleName() + ": " + firstLine(msg);
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof InvocationTargetException
            || t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof JobLauncher.JobMainException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
