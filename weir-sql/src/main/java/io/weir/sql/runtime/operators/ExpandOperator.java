package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import java.util.Arrays;

/**
 * GROUPING SETS / ROLLUP / CUBE support, as Flink's Expand: each input row is emitted once per
 * grouping set, with the grouping fields not in that set set to NULL and the set's index appended
 * as a BIGINT field ({@code $e}), so that one ordinary aggregation grouped by (all grouping fields,
 * $e) computes every set. RowKind and timestamp pass through; stateless; both modes.
 */
public final class ExpandOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final int[] groupingFields;
  private final boolean[][] keep;

  /**
   * @param groupingFields all input fields used by any grouping set
   * @param groupingSets per set, the input fields it groups by (each a subset of groupingFields)
   */
  public ExpandOperator(int[] groupingFields, int[][] groupingSets) {
    this.groupingFields = groupingFields.clone();
    this.keep = new boolean[groupingSets.length][groupingFields.length];
    for (int s = 0; s < groupingSets.length; s++) {
      for (int f : groupingSets[s]) {
        int pos = indexOf(groupingFields, f);
        if (pos < 0) {
          throw new IllegalArgumentException("grouping set " + Arrays.toString(groupingSets[s]) + " uses field " + f
              + " that is not among the grouping fields " + Arrays.toString(groupingFields));
        }
        keep[s][pos] = true;
      }
    }
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row in = record.getValue();
    int n = in.getArity();
    long ts = record.getTimestamp();
    for (int s = 0; s < keep.length; s++) {
      Row out = new Row(in.getKind(), n + 1);
      for (int i = 0; i < n; i++) {
        out.setField(i, in.getField(i));
      }
      for (int g = 0; g < groupingFields.length; g++) {
        if (!keep[s][g]) {
          out.setField(groupingFields[g], null);
        }
      }
      out.setField(n, (long) s);
      output.collect(new StreamRecord<>(out, ts));
    }
  }
}
