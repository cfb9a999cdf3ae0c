package io.weir.sql.runtime.util;

import io.weir.core.types.Row;
import io.weir.sql.runtime.aggregate.RowAggregator;

/**
 * The output row of every window aggregation operator: {@code keys ++ aggregate values ++
 * [window_start, window_end, window_time]} with window_time = window_end - 1 ms. The three window
 * values are converted once per window and shared by the window's rows (a firing window emits one
 * row per key; in BATCH a key's windows come together), in a small cache indexed by window end.
 */
public final class WindowRows {
  private static final int SLOTS = 64;

  private final Class<?> timeClass;
  private final long[] starts = new long[SLOTS];
  private final long[] ends = new long[SLOTS];
  private final Object[][] values = new Object[SLOTS][];

  /** @param timeClass the class of the window columns (TIMESTAMP, TIMESTAMP_LTZ or BIGINT millis) */
  public WindowRows(Class<?> timeClass) {
    this.timeClass = timeClass;
  }

  /** The row for the first {@code keyArity} fields of {@code key}, the values of {@code accs} and window [start, end). */
  public Row row(Row key, int keyArity, RowAggregator aggregator, Object[] accs, long start, long end) {
    int n = aggregator.size();
    Row out = new Row(keyArity + n + 3);
    for (int i = 0; i < keyArity; i++) {
      out.setField(i, key.getField(i));
    }
    aggregator.getValues(accs, out, keyArity);
    Object[] window = windowValues(start, end);
    out.setField(keyArity + n, window[0]);
    out.setField(keyArity + n + 1, window[1]);
    out.setField(keyArity + n + 2, window[2]);
    return out;
  }

  private Object[] windowValues(long start, long end) {
    // Fibonacci hashing: window ends are multiples of the slide, which a plain modulo would crowd
    int slot = (int) ((end * 0x9E3779B97F4A7C15L) >>> 58);
    Object[] v = values[slot];
    if (v == null || ends[slot] != end || starts[slot] != start) {
      v = new Object[] {RowUtil.fromMillis(start, timeClass), RowUtil.fromMillis(end, timeClass),
          RowUtil.fromMillis(end - 1, timeClass)};
      values[slot] = v;
      starts[slot] = start;
      ends[slot] = end;
    }
    return v;
  }
}
