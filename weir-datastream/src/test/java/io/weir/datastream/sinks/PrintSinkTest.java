package io.weir.datastream.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintSinkTest {
  @Test
  void prefixesLikeFlink() {
    assertThat(PrintSink.linePrefix("", 0, 1)).isEmpty();
    assertThat(PrintSink.linePrefix("", 1, 4)).isEqualTo("2> ");
    assertThat(PrintSink.linePrefix("out", 0, 1)).isEqualTo("out> ");
    assertThat(PrintSink.linePrefix("out", 3, 4)).isEqualTo("out:4> ");
  }

  @Test
  void writesOneLinePerRecordToStdOut() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      SinkWriter<Integer> w = new PrintSink<Integer>("n").createWriter(context(1, 2));
      w.write(7, null);
      w.write(8, null);
      w.flush(true);
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).split("\\R")).containsExactly("n:2> 7", "n:2> 8");
  }

  static SinkContext context(int index, int parallelism) {
    return new SinkContext() {
      @Override
      public int getIndexOfSubtask() {
        return index;
      }

      @Override
      public int getNumberOfParallelSubtasks() {
        return parallelism;
      }

      @Override
      public int getAttemptNumber() {
        return 0;
      }

      @Override
      public String getJobId() {
        return "job";
      }
    };
  }
}
