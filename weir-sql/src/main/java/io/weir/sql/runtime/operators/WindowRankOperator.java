package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.BasicSerializers;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Window Top-N and window deduplication: ROW_NUMBER over rows of one window (a window TVF's output,
 * with a window_end column), keyed by the PARTITION BY fields. A window's rows are collected and,
 * when the watermark passes the fire time (window_end - 1, or window_end over a cascaded window
 * aggregation, whose rows come only when the watermark reaches window_end), the rows numbered {@code [rankStart, rankEnd]} by
 * {@code order} (ties in arrival order) are emitted once, insert-only, with the row number appended
 * when {@code outputRankNumber}. Deduplication = Top-1 ordered by the time attribute (ascending:
 * keep first, descending: keep last). Rows of windows that have fired are dropped as late. Same
 * behavior in BATCH (timers fire when a key is done).
 */
public final class WindowRankOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row>, Triggerable<Row, Long> {
  private final RowTypeInfo inputType;
  private final int windowEndField;
  private final RowComparator order;
  private final long rankStart;
  private final long rankEnd;
  private final boolean outputRankNumber;
  /** Fire time = window_end - fireLag. */
  private final long fireLag;

  private transient ValueStateDescriptor<List<Row>> descriptor;
  private transient InternalTimerService<Long> timers;
  private transient StreamRecord<Row> out;

  /**
   * @param inputType type of the input rows
   * @param windowEndField index of window_end (TIMESTAMP, TIMESTAMP_LTZ or BIGINT ms)
   * @param order ORDER BY of the ROW_NUMBER
   * @param rankStart first row number kept (1-based)
   * @param rankEnd last row number kept
   * @param outputRankNumber append the row number (BIGINT)
   * @param fireAtWindowEnd fire when the watermark reaches window_end instead of window_end - 1
   */
  public WindowRankOperator(RowTypeInfo inputType, int windowEndField, RowComparator order, long rankStart,
      long rankEnd, boolean outputRankNumber, boolean fireAtWindowEnd) {
    this.fireLag = fireAtWindowEnd ? 0 : 1;
    if (rankStart < 1 || rankEnd < rankStart) {
      throw new IllegalArgumentException("invalid Top-N range [" + rankStart + ", " + rankEnd + "]");
    }
    this.inputType = inputType;
    this.windowEndField = windowEndField;
    this.order = order;
    this.rankStart = rankStart;
    this.rankEnd = rankEnd;
    this.outputRankNumber = outputRankNumber;
  }

  @Override
  public void open() throws Exception {
    descriptor = new ValueStateDescriptor<>("window-rank-rows", Types.LIST(inputType));
    timers = getInternalTimerService("window-rank", BasicSerializers.LONG, this);
    out = new StreamRecord<>(null);
  }

  private ValueState<List<Row>> state(long end) {
    return getKeyedStateBackend().getPartitionedState(end, BasicSerializers.LONG, descriptor);
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row row = record.getValue();
    if (!RowUtil.isAccumulate(row.getKind())) {
      throw new UnsupportedOperationException("window Top-N needs an insert-only input, got " + row);
    }
    Object endValue = row.getField(windowEndField);
    if (endValue == null) {
      return;
    }
    long end = RowUtil.toMillis(endValue);
    if (end - fireLag <= timers.currentWatermark()) {
      return; // late
    }
    ValueState<List<Row>> st = state(end);
    List<Row> rows = st.value();
    if (rows == null) {
      rows = new ArrayList<>();
      timers.registerEventTimeTimer(end, end - fireLag);
    }
    rows.add(RowUtil.asInsert(row));
    if (rankEnd < Integer.MAX_VALUE / 4 && rows.size() >= 2 * rankEnd + 256) {
      rows.sort(order);
      rows.subList((int) rankEnd, rows.size()).clear();
    }
    st.update(rows);
  }

  @Override
  public void onEventTime(InternalTimer<Row, Long> timer) throws Exception {
    ValueState<List<Row>> st = state(timer.getNamespace());
    List<Row> rows = st.value();
    st.clear();
    if (rows == null) {
      return;
    }
    rows.sort(order);
    for (long i = rankStart - 1; i < Math.min(rankEnd, rows.size()); i++) {
      Row r = rows.get((int) i);
      Row o;
      if (outputRankNumber) {
        o = new Row(r.getArity() + 1);
        for (int f = 0; f < r.getArity(); f++) {
          o.setField(f, r.getField(f));
        }
        o.setField(r.getArity(), i + 1);
      } else {
        o = r;
      }
      output.collect(out.replace(o, timer.getTimestamp()));
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, Long> timer) {}
}
