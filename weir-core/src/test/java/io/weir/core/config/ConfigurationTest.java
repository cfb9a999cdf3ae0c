package io.weir.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
  @Test
  void parsesTypedValuesAndNamesTheOptionOnError() {
    Configuration c = new Configuration();
    c.setString("execution.checkpointing.interval", "10 s");
    c.setString("execution.runtime-mode", "batch");
    c.setString("execution.batch.memory-budget", "64mb");
    assertThat(c.get(CoreOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.get(CoreOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.BATCH);
    assertThat(c.get(CoreOptions.BATCH_MEMORY_BUDGET).bytes()).isEqualTo(64L << 20);
    assertThat(c.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(1);

    c.setString("parallelism.default", "four");
    assertThatThrownBy(() -> c.get(CoreOptions.DEFAULT_PARALLELISM))
        .hasMessageContaining("parallelism.default")
        .hasMessageContaining("four");
  }

  @Test
  void durationRoundTripsThroughSet() {
    Configuration c = new Configuration().set(CoreOptions.RESTART_DELAY, Duration.ofSeconds(3));
    assertThat(c.get(CoreOptions.RESTART_DELAY)).isEqualTo(Duration.ofSeconds(3));
  }
}
