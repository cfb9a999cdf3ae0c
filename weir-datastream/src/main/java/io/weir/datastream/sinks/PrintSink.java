package io.weir.datastream.sinks;

import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import java.io.PrintStream;

/**
 * Prints each record's {@code toString()} to standard out (or standard error) on its own line,
 * like Flink: {@code "prefix> "} when a prefix is given, plus the 1-based subtask index when the
 * sink runs in parallel ({@code "prefix:2> "}, or {@code "2> "} without prefix).
 */
public class PrintSink<T> implements Sink<T> {
  private final String prefix;
  private final boolean stdErr;

  public PrintSink() {
    this("", false);
  }

  public PrintSink(String prefix) {
    this(prefix, false);
  }

  public PrintSink(String prefix, boolean stdErr) {
    this.prefix = prefix == null ? "" : prefix;
    this.stdErr = stdErr;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    String linePrefix = linePrefix(prefix, context.getIndexOfSubtask(), context.getNumberOfParallelSubtasks());
    // Resolved per writer, not at build time, so that a redirected System.out is honoured.
    PrintStream stream = stdErr ? System.err : System.out;
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        stream.println(linePrefix + element);
      }

      @Override
      public void flush(boolean endOfInput) {
        stream.flush();
      }
    };
  }

  static String linePrefix(String prefix, int subtaskIndex, int parallelism) {
    String p = prefix;
    if (parallelism > 1) {
      p = p.isEmpty() ? String.valueOf(subtaskIndex + 1) : p + ":" + (subtaskIndex + 1);
    }
    return p.isEmpty() ? "" : p + "> ";
  }
}
