package io.weir.sql.runtime;

import static io.weir.sql.runtime.Changelogs.row;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.operators.ExpandOperator;
import org.junit.jupiter.api.Test;

class ExpandOperatorTest {
  @Test
  void rollupEmitsOneRowPerGroupingSetWithOtherKeysNulled() throws Exception {
    // ROLLUP(a, b) over (a, b, v): sets (a, b), (a), ()
    OperatorTestSupport.forOperator(new ExpandOperator(new int[] {0, 1}, new int[][] {{0, 1}, {0}, {}}))
        .input(Row.of("x", "y", 1L), row(RowKind.DELETE, "x", null, 2L))
        .expectOutput(
            Row.of("x", "y", 1L, 0L), Row.of("x", null, 1L, 1L), Row.of(null, null, 1L, 2L),
            row(RowKind.DELETE, "x", null, 2L, 0L), row(RowKind.DELETE, "x", null, 2L, 1L),
            row(RowKind.DELETE, null, null, 2L, 2L))
        .expectBatchOutput(
            Row.of("x", "y", 1L, 0L), Row.of("x", null, 1L, 1L), Row.of(null, null, 1L, 2L),
            row(RowKind.DELETE, "x", null, 2L, 0L), row(RowKind.DELETE, "x", null, 2L, 1L),
            row(RowKind.DELETE, null, null, 2L, 2L))
        .run();
  }
}
