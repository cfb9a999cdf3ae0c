package io.weir.sql.runtime.operators;

import io.weir.core.types.Row;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.sql.runtime.util.RowUtil;

/**
 * The window table functions TUMBLE, HOP and CUMULATE on their own (not fused into a window
 * aggregation): each input row is emitted once per window containing its time attribute, with
 * {@code window_start, window_end} and optionally {@code window_time} appended (the time attribute's
 * class; window_time = window_end - 1 ms). Rows with a NULL time belong to no window and are dropped. Stateless,
 * insert-only, both modes; the downstream window join / window Top-N operators fire per window.
 */
public final class WindowTableFunctionOperator extends AbstractStreamOperator<Row> implements OneInputStreamOperator<Row, Row> {
  private final WindowSpec spec;
  private final int timeField;
  private final int arity;
  private final int windowColumns;

  /**
   * @param spec TUMBLE, HOP or CUMULATE (SESSION windows need state: only as a window aggregation)
   * @param timeField index of the time attribute in the input rows
   * @param arity number of input fields
   * @param windowColumns 2 (window_start, window_end) or 3 (and window_time)
   */
  public WindowTableFunctionOperator(WindowSpec spec, int timeField, int arity, int windowColumns) {
    if (windowColumns != 2 && windowColumns != 3) {
      throw new IllegalArgumentException("window columns must be 2 or 3, got " + windowColumns);
    }
    if (spec.kind() == WindowSpec.Kind.SESSION) {
      throw new IllegalArgumentException("SESSION windows cannot be assigned per row");
    }
    this.spec = spec;
    this.timeField = timeField;
    this.arity = arity;
    this.windowColumns = windowColumns;
  }

  @Override
  public void processElement(StreamRecord<Row> record) {
    Row in = record.getValue();
    if (!RowUtil.isAccumulate(in.getKind())) {
      throw new UnsupportedOperationException("window table functions need an insert-only input, got " + in);
    }
    Object time = in.getField(timeField);
    if (time == null) {
      return;
    }
    long ts = RowUtil.toMillis(time);
    Class<?> timeClass = time.getClass();
    for (long end : spec.windowEnds(ts)) {
      Row out = new Row(in.getKind(), arity + windowColumns);
      for (int i = 0; i < arity; i++) {
        out.setField(i, in.getField(i));
      }
      out.setField(arity, RowUtil.fromMillis(spec.windowStart(end), timeClass));
      out.setField(arity + 1, RowUtil.fromMillis(end, timeClass));
      if (windowColumns == 3) {
        out.setField(arity + 2, RowUtil.fromMillis(end - 1, timeClass));
      }
      output.collect(record.hasTimestamp() ? new StreamRecord<>(out, record.getTimestamp()) : new StreamRecord<>(out));
    }
  }
}
