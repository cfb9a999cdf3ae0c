package io.weir.runtime.tasks;

/**
 * A failure attributed to one operator subtask, with the one-line message the job reports, e.g.
 * {@code Operator 'Map' (subtask 2/4) failed on record Order[id=7]: ArithmeticException: / by zero}.
 * The cause is the user's exception. Created once, at the innermost operator: outer operators of a
 * chain let it pass unchanged.
 */
public final class OperatorFailure extends RuntimeException {
  static final int MAX_RECORD_CHARS = 200;

  private OperatorFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** "subtask i/n" with i counted from 1, as in Flink's task names. */
  static String subtask(int index, int parallelism) {
    return "subtask " + (index + 1) + "/" + parallelism;
  }

  public static OperatorFailure onRecord(String operator, int index, int parallelism, Object record, Throwable t) {
    return wrap(t, () -> "Operator '" + operator + "' (" + subtask(index, parallelism) + ") failed on record "
        + abbreviate(String.valueOf(record)) + ": " + describe(t));
  }

  public static OperatorFailure onWatermark(String operator, int index, int parallelism, long watermark, Throwable t) {
    return wrap(t, () -> "Operator '" + operator + "' (" + subtask(index, parallelism) + ") failed while processing watermark "
        + (watermark == Long.MAX_VALUE ? "+inf" : String.valueOf(watermark)) + ": " + describe(t));
  }

  public static OperatorFailure onTimer(String operator, int index, int parallelism, long time, Throwable t) {
    return wrap(t, () -> "Operator '" + operator + "' (" + subtask(index, parallelism) + ") failed while processing timer "
        + time + ": " + describe(t));
  }

  /** A failure outside record processing, e.g. {@code phase} = "open", "finish", "snapshot". */
  public static OperatorFailure during(String operator, int index, int parallelism, String phase, Throwable t) {
    return wrap(t, () -> "Operator '" + operator + "' (" + subtask(index, parallelism) + ") failed " + phase + ": " + describe(t));
  }

  private static OperatorFailure wrap(Throwable t, java.util.function.Supplier<String> message) {
    OperatorFailure inner = find(t);
    if (inner != null) {
      return inner;
    }
    return new OperatorFailure(message.get(), t);
  }

  /** The OperatorFailure in t's cause chain (a user function may have wrapped it), or null. */
  public static OperatorFailure find(Throwable t) {
    int depth = 0;
    while (t != null && depth++ < 20) {
      if (t instanceof OperatorFailure f) {
        return f;
      }
      t = t.getCause();
    }
    return null;
  }

  /** The user exception (the cause). */
  public Throwable userException() {
    return getCause();
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    String name = t.getClass().getSimpleName();
    if (name.isEmpty()) {
      name = t.getClass().getName();
    }
    return m == null ? name : name + ": " + firstLine(m);
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  static String abbreviate(String s) {
    s = s.replace('\n', ' ').replace('\r', ' ');
    return s.length() <= MAX_RECORD_CHARS ? s : s.substring(0, MAX_RECORD_CHARS - 3) + "...";
  }
}
