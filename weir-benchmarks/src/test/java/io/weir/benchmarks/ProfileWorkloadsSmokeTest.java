package io.weir.benchmarks;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.weir.core.config.RuntimeExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The profiling workloads with the most planner surface still plan and run (tiny inputs), so the
 * documented commands keep working; the simpler ones share their sources and sinks.
 */
class ProfileWorkloadsSmokeTest {

  @ParameterizedTest
  @ValueSource(strings = {"sql-hop", "nx-q5", "nx-q7", "ds-tumble"})
  void runs(String workload) {
    assertThatCode(() -> ProfileWorkloads.run(workload, RuntimeExecutionMode.STREAMING, 1, 500))
        .doesNotThrowAnyException();
  }
}
