package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.sources.CollectionSource;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.sql.runtime.batch.BatchMemoryShares;
import io.weir.sql.runtime.batch.HashAggregateOperator;
import io.weir.sql.runtime.functions.AggregateSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The job's batch memory budget divided among its batch operator subtasks, between an eighth and a half each. */
class BatchMemorySharesTest {
  private static final RowTypeInfo IN = new RowTypeInfo(Types.LONG);
  private static final List<AggregateSpec> COUNT =
      List.of(new AggregateSpec(AggregateSpec.Kind.COUNT_STAR, -1, false, -1, Types.LONG, "c"));

  @ParameterizedTest(name = "{0} operators at parallelism {1} (default {2}) -> budget / {3}")
  @CsvSource({
      "1, 1, 1, 2",   // one table: half the budget, not a quarter
      "3, 1, 1, 3",
      "2, -1, 2, 4",  // -1: the job's default parallelism
      "5, 4, 4, 8"})  // 20 subtasks: never less than an eighth
  void eachOperatorSubtaskGetsItsShare(int operators, int parallelism, int defaultParallelism, long divisor) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.BATCH_MEMORY_BUDGET, MemorySize.ofMebiBytes(800));
    conf.set(CoreOptions.DEFAULT_PARALLELISM, defaultParallelism);
    Transformation<Row> t = new SourceTransformation<>("src", new CollectionSource<>(List.of(Row.of(1L)), IN),
        WatermarkStrategy.noWatermarks(), IN, 1);
    List<HashAggregateOperator> shared = new ArrayList<>();
    for (int i = 0; i < operators; i++) {
      HashAggregateOperator op = new HashAggregateOperator(new int[] {0}, COUNT, IN, 0);
      shared.add(op);
      t = new OneInputTransformation<>(t, "agg" + i, op, IN, parallelism);
    }
    // an operator with a budget of its own neither counts nor changes
    HashAggregateOperator own = new HashAggregateOperator(new int[] {0}, COUNT, IN, 12_345);
    t = new OneInputTransformation<>(t, "own", own, IN, 8);
    BatchMemoryShares.assign(List.of(t), conf);
    long budget = MemorySize.ofMebiBytes(800).bytes();
    for (HashAggregateOperator op : shared) {
      assertThat(op.budgetShare()).isEqualTo(budget / divisor);
    }
    assertThat(own.budgetShare()).isZero();
  }
}
