package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import java.math.BigDecimal;

/** Cheap heap-size estimate of a row, for memory accounting of the batch operators. */
final class RowSizeEstimator {
  private RowSizeEstimator() {}

  static long estimate(Row row) {
    long size = 32 + 8L * row.getArity();
    for (int i = 0; i < row.getArity(); i++) {
      Object f = row.getField(i);
      if (f == null) {
        continue;
      }
      if (f instanceof String s) {
        size += 48 + s.length();
      } else if (f instanceof BigDecimal) {
        size += 64;
      } else if (f instanceof byte[] b) {
        size += 16 + b.length;
      } else if (f instanceof Row r) {
        size += estimate(r);
      } else {
        size += 24;
      }
    }
    return size;
  }
}
