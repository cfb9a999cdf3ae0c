package io.weir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.execution.JobExecutionResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmarked jobs still build and run (tiny inputs; the numbers come from JMH). */
class JobsSmokeTest {

  @ParameterizedTest(name = "{0} p={1}")
  @CsvSource({"STREAMING,1", "BATCH,1", "STREAMING,2", "BATCH,2"})
  void everyBenchmarkJobRunsInTheRequestedMode(RuntimeExecutionMode mode, int parallelism) throws Exception {
    JobExecutionResult mapFilter = Jobs.mapFilter(mode, parallelism, 10_000);
    JobExecutionResult keyedSum = Jobs.keyedSum(mode, parallelism, 10_000, 100);
    JobExecutionResult sliding = Jobs.slidingWindowCount(mode, parallelism, 10_000, 10, 1_000, 100);
    for (JobExecutionResult r : new JobExecutionResult[] {mapFilter, keyedSum, sliding}) {
      assertThat(r.mode()).isEqualTo(mode);
    }
  }
}
