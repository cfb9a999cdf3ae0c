package io.weir.sql.connector;

import io.weir.core.source.Source;
import io.weir.core.types.Row;

/**
 * The read side of a table: a {@link Source} producing INSERT rows of the table's physical
 * columns (see io.weir.sql.catalog.LogicalType for the Java value classes).
 */
public interface ScanTableSource {
  Source<Row, ?, ?> createSource();

  /** Whether the source ends (BATCH mode requires all sources to be bounded). */
  boolean isBounded();

  /**
   * Projection push-down: a source that can read only some physical columns returns a copy that
   * produces rows of exactly {@code fields} (indexes into the physical columns, in that order);
   * returning {@code null} (the default) means the planner projects after the scan.
   */
  default ScanTableSource applyProjection(int[] fields) {
    return null;
  }

  /**
   * Nested projection push-down (Flink's {@code SupportsProjectionPushDown} with nested fields):
   * like {@link #applyProjection(int[])}, but a ROW column may be narrowed: {@code rowFields[i]},
   * when not null, lists the fields of column {@code fields[i]} to produce (indexes into its ROW
   * type, in that order), and the column's value is then a row of just those fields. Returning
   * {@code null} (the default) makes the planner fall back to {@link #applyProjection(int[])}.
   */
  default ScanTableSource applyProjection(int[] fields, int[][] rowFields) {
    return null;
  }

  /**
   * Like {@link #applyProjection(int[], int[][])}, but each narrowed ROW column is flattened: the
   * row has one column per field in {@code rowFields[i]} (in that order) in place of column
   * {@code fields[i]}, so no nested row is built per record. Returning {@code null} (the default)
   * makes the planner ask for nested rows.
   */
  default ScanTableSource applyFlatProjection(int[] fields, int[][] rowFields) {
    return null;
  }

  /**
   * Rows the source will produce, or -1 when unknown; the BATCH planner uses it to pick the build
   * side of a hash join and to broadcast a small side ({@code table.optimizer.join.broadcast-threshold}).
   * On a copy returned by {@link SupportsFilterPushDown#applyFilters} it counts only the rows passing
   * the accepted filters: that is how a source estimates a filter (the planner guesses the others).
   */
  default long estimatedRowCount() {
    return -1;
  }

  /** A short description for EXPLAIN, e.g. {@code values, 3 rows}. */
  default String describe() {
    return getClass().getSimpleName();
  }
}
