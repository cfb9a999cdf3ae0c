package io.weir.cli.sql;

import io.weir.runtime.execution.JobExecutionException;
import io.weir.sql.parser.SqlErrorException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The text a user reads for a failed statement. */
final class SqlErrors {
  private SqlErrors() {}

  /**
   * A SQL error's own message (one line of {@code line L, column C: problem}, then the source line
   * and a caret); otherwise the first line of the root user-facing cause.
   */
  static String message(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SqlErrorException s) {
        return s.getMessage();
      }
      if (c instanceof JobExecutionException j && j.getMessage() != null) {
        return firstLine(j.getMessage());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      return t.getClass().getName();
    }
    if (t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t.getClass().getName().startsWith("io.weir.")) {
      return firstLine(msg);
    }
    return t.getClass().getSimpleName() + ": " + firstLine(msg);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
