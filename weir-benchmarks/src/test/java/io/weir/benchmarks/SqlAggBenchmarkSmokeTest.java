package io.weir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.runtime.aggregate.GeneratedAggsHandle;
import io.weir.sql.runtime.aggregate.RowAggregator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregate benchmark's three handles compute the same results on its input. */
class SqlAggBenchmarkSmokeTest {
  private static List<Row> results(RowAggregator agg, Row[] rows) {
    Object[][] accs = new Object[SqlAggBenchmark.GROUPS][];
    for (int g = 0; g < accs.length; g++) {
      accs[g] = agg.createAccumulators();
    }
    for (Row r : rows) {
      agg.accumulate(accs[(Integer) r.getField(0)], r);
    }
    List<Row> out = new ArrayList<>();
    for (Object[] a : accs) {
      Row row = new Row(agg.size());
      agg.getValues(a, row, 0);
      out.add(row);
    }
    return out;
  }

  @Test
  void generatedAndInterpretedAggregatesAgree() {
    Row[] rows = SqlAggBenchmark.rows(5_000, 3);
    RowAggregator streaming = new RowAggregator(SqlAggBenchmark.CALLS, SqlAggBenchmark.INPUT, true);
    RowAggregator batch = new RowAggregator(SqlAggBenchmark.CALLS, SqlAggBenchmark.INPUT, false);
    assertThat(streaming.handle()).isInstanceOf(GeneratedAggsHandle.class);
    List<Row> expected = results(RowAggregator.interpreted(SqlAggBenchmark.CALLS, SqlAggBenchmark.INPUT), rows);
    assertThat(expected.get(0).getField(0)).isNotEqualTo(0L);
    for (RowAggregator agg : List.of(streaming, batch)) {
      List<Row> actual = results(agg, rows);
      for (int g = 0; g < expected.size(); g++) {
        for (int f = 0; f < expected.get(g).getArity(); f++) {
          Object e = expected.get(g).getField(f);
          Object a = actual.get(g).getField(f);
          if (e instanceof Double d) {
            assertThat((Double) a).isCloseTo(d, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(d))));
          } else {
            assertThat(a).as("group %d field %d", g, f).isEqualTo(e);
          }
        }
      }
    }
  }
}
