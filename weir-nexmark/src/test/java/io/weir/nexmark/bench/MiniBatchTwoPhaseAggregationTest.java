package io.weir.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the tool options (mini-batch) a STREAMING group aggregation over inserts runs in two phases
 * (LocalGroupAggregate → GlobalGroupAggregate); its final result at parallelism 2 is the one-phase
 * plan's ({@code agg-phase-strategy = ONE_PHASE}) and the one without mini-batch.
 */
class MiniBatchTwoPhaseAggregationTest {
  private static final NexmarkWorkload WORKLOAD = new NexmarkWorkload();

  @ParameterizedTest
  @ValueSource(strings = {"q17"})
  void finalResultIsTheSameInOneAndTwoPhasesAndWithoutMiniBatch(String query, @TempDir Path out) throws Exception {
    NexmarkRunner.Settings s = NexmarkRunner.Settings.of(30_000).withParallelism(2);
    new NexmarkRunner(WORKLOAD, s.withOutput(out.resolve("two"))).run(query);
    new NexmarkRunner(WORKLOAD, s.withOutput(out.resolve("one")))
        .withOptions(Map.of("table.optimizer.agg-phase-strategy", "ONE_PHASE")).run(query);
    new NexmarkRunner(WORKLOAD, s.withToolOptions(false).withOutput(out.resolve("off"))).run(query);
    List<String> two = Files.readAllLines(out.resolve("two").resolve(query).resolve("result.csv"));
    List<String> one = Files.readAllLines(out.resolve("one").resolve(query).resolve("result.csv"));
    List<String> off = Files.readAllLines(out.resolve("off").resolve(query).resolve("result.csv"));
    assertThat(off).hasSizeGreaterThan(100);
    assertThat(two).containsExactlyInAnyOrderElementsOf(off);
    assertThat(one).containsExactlyInAnyOrderElementsOf(off);
  }
}
