package io.weir.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example's main, as {@code weir example NAME} runs it with the default input, prints the
 * same lines in STREAMING and in BATCH (apart from the elapsed time and the mode tag).
 */
class ExampleMainsTest {

  static List<Example> examples() {
    return Examples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void sameOutputInStreamingAndBatch(Example example) throws Exception {
    List<String> streaming = ExampleRunner.runMain(example, RuntimeExecutionMode.STREAMING, 1);
    List<String> batch = ExampleRunner.runMain(example, RuntimeExecutionMode.BATCH, 2);

    assertThat(streaming).hasSizeGreaterThan(3);
    assertThat(streaming.get(streaming.size() - 1)).endsWith("[STREAMING, parallelism 1]");
    assertThat(batch.get(batch.size() - 1)).endsWith("[BATCH, parallelism 2]");
    assertThat(ExampleRunner.withoutTiming(batch)).isEqualTo(ExampleRunner.withoutTiming(streaming));
  }

  @Test
  void namesAreUniqueAndFindable() {
    assertThat(Examples.all().stream().map(Example::name).distinct()).hasSameSizeAs(Examples.all());
    for (Example e : Examples.all()) {
      assertThat(Examples.find(e.name().toUpperCase())).contains(e);
      assertThat(e.description()).isNotBlank().doesNotContain("\n");
    }
    assertThat(Examples.find("nope")).isEmpty();
  }
}
