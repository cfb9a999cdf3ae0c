package io.weir.examples;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.datastream.StreamExecutionEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs an example's main the way {@code weir example} does, capturing what it prints. */
final class ExampleRunner {
  private ExampleRunner() {}

  static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    return StreamExecutionEnvironment.getExecutionEnvironment(new Configuration()
        .set(CoreOptions.RUNTIME_MODE, mode)
        .set(CoreOptions.DEFAULT_PARALLELISM, parallelism));
  }

  static synchronized List<String> runMain(Example example, RuntimeExecutionMode mode, int parallelism, String... args)
      throws Exception {
    Configuration previous = StreamExecutionEnvironment.getDefaultConfiguration();
    PrintStream oldOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StreamExecutionEnvironment.setDefaultConfiguration(new Configuration()
        .set(CoreOptions.RUNTIME_MODE, mode)
        .set(CoreOptions.DEFAULT_PARALLELISM, parallelism));
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      example.mainClass().getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } finally {
      System.setOut(oldOut);
      StreamExecutionEnvironment.setDefaultConfiguration(previous);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The last line ends with " in 0.42 s [BATCH, parallelism 2]": cut the run-dependent part. */
  static List<String> withoutTiming(List<String> lines) {
    return lines.stream().map(l -> l.replaceAll(" in \\d+\\.\\d\\d s \\[[A-Z]+, parallelism \\d+\\]$", " in <time>")).toList();
  }
}
