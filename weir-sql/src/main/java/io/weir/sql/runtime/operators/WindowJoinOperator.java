package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.BasicSerializers;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.batch.JoinSupport;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Window join: joins the rows of two window TVF outputs that fall into the same window (equal
 * window_end; the state key is the equi key, which should include window_start/window_end or the
 * planner's equivalent) when the watermark passes the fire time, window_end - 1 (or window_end when
 * an input is a cascaded window aggregation, which emits a window's row only when the watermark
 * reaches window_end: firing at window_end - 1 would miss it). INNER/LEFT/RIGHT/FULL/SEMI/ANTI with
 * a residual predicate on {@code left ++ right}; output insert-only, timestamp = fire time. Rows of
 * fired windows are late and dropped. Same behavior in BATCH.
 */
public final class WindowJoinOperator extends AbstractStreamOperator<Row>
    implements TwoInputStreamOperator<Row, Row, Row>, Triggerable<Row, Long> {
  private final RowTypeInfo leftType;
  private final RowTypeInfo rightType;
  private final int leftWindowEndField;
  private final int rightWindowEndField;
  private final JoinSupport join;
  /** Fire time = window_end - fireLag (1, or 0 when an input only has a window's rows at window_end). */
  private final long fireLag;

  private transient ValueStateDescriptor<List<Row>> leftDescriptor;
  private transient ValueStateDescriptor<List<Row>> rightDescriptor;
  private transient InternalTimerService<Long> timers;
  private transient StreamRecord<Row> out;
  /**
   * Per side (0 left, 1 right): the key, window end and buffered rows the previous row went to. A
   * window's rows arrive in a run (its window aggregate fires all keys at once), and a run skips
   * the state lookups and the timer registration; dropped at a firing and before a checkpoint, so
   * that the state is only touched through value()/update() around a snapshot.
   */
  private transient Object[] lastKey;
  private transient long[] lastEnd;
  private transient List<Row>[] lastRows;
  private transient boolean runs;

  /**
   * @param type join type
   * @param leftType type of input 1
   * @param rightType type of input 2
   * @param leftWindowEndField window_end of the left rows
   * @param rightWindowEndField window_end of the right rows
   * @param residual other conditions on {@code left ++ right}, or null
   * @param fireAtWindowEnd fire when the watermark reaches window_end instead of window_end - 1
   */
  public WindowJoinOperator(JoinType type, RowTypeInfo leftType, RowTypeInfo rightType, int leftWindowEndField,
      int rightWindowEndField, RowPredicate residual, boolean fireAtWindowEnd) {
    this.fireLag = fireAtWindowEnd ? 0 : 1;
    this.leftType = leftType;
    this.rightType = rightType;
    this.leftWindowEndField = leftWindowEndField;
    this.rightWindowEndField = rightWindowEndField;
    this.join = new JoinSupport(type, leftType.getArity(), rightType.getArity(), residual);
  }

  @Override
  public void open() throws Exception {
    leftDescriptor = new ValueStateDescriptor<>("window-join-left", Types.LIST(leftType));
    rightDescriptor = new ValueStateDescriptor<>("window-join-right", Types.LIST(rightType));
    timers = getInternalTimerService("window-join", BasicSerializers.LONG, this);
    out = new StreamRecord<>(null);
    lastKey = new Object[2];
    lastEnd = new long[2];
    @SuppressWarnings("unchecked")
    List<Row>[] rows = new List[2];
    lastRows = rows;
    // BATCH drops a key's state when the next key comes: no run may outlive its key there
    runs = !(getKeyedStateBackend() instanceof io.weir.runtime.state.BatchKeyedStateBackend);
  }

  private void forgetRuns() {
    lastRows[0] = null;
    lastRows[1] = null;
    lastKey[0] = null;
    lastKey[1] = null;
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    forgetRuns();
  }

  private ValueState<List<Row>> state(long end, boolean left) {
    return getKeyedStateBackend().getPartitionedState(end, BasicSerializers.LONG, left ? leftDescriptor : rightDescriptor);
  }

  @Override
  public void processElement1(StreamRecord<Row> record) throws Exception {
    add(record.getValue(), true);
  }

  @Override
  public void processElement2(StreamRecord<Row> record) throws Exception {
    add(record.getValue(), false);
  }

  private void add(Row row, boolean left) throws Exception {
    if (!RowUtil.isAccumulate(row.getKind())) {
      throw new UnsupportedOperationException("window join needs insert-only inputs, got " + row);
    }
    Object endValue = row.getField(left ? leftWindowEndField : rightWindowEndField);
    if (endValue == null) {
      return;
    }
    long end = RowUtil.toMillis(endValue);
    if (end - fireLag <= timers.currentWatermark()) {
      return; // late
    }
    int side = left ? 0 : 1;
    Object key = getCurrentKey();
    List<Row> run = lastRows[side];
    if (run != null && end == lastEnd[side] && key.equals(lastKey[side])) {
      run.add(RowUtil.asInsert(row));
      return;
    }
    ValueState<List<Row>> st = state(end, left);
    List<Row> rows = st.value();
    if (rows == null) {
      rows = new ArrayList<>();
    }
    rows.add(RowUtil.asInsert(row));
    st.update(rows);
    timers.registerEventTimeTimer(end, end - fireLag);
    if (runs) {
      lastRows[side] = rows;
      lastKey[side] = key;
      lastEnd[side] = end;
    }
  }

  @Override
  public void onEventTime(InternalTimer<Row, Long> timer) throws Exception {
    long end = timer.getNamespace();
    forgetRuns();
    ValueState<List<Row>> ls = state(end, true);
    ValueState<List<Row>> rs = state(end, false);
    List<Row> lefts = ls.value();
    List<Row> rights = rs.value();
    ls.clear();
    rs.clear();
    long ts = timer.getTimestamp();
    if (hasNull(timer.getKey())) {
      // SQL '=' never matches NULL keys
      if (lefts != null) {
        lefts.forEach(l -> join.leftOnly(l, row -> output.collect(out.replace(row, ts))));
      }
      if (rights != null) {
        rights.forEach(r -> join.rightOnly(r, row -> output.collect(out.replace(row, ts))));
      }
      return;
    }
    join.joinGroup(lefts == null ? List.of() : lefts, rights == null ? List.of() : rights,
        row -> output.collect(out.replace(row, ts)));
  }

  private static boolean hasNull(Row key) {
    for (int i = 0; key != null && i < key.getArity(); i++) {
      if (key.getField(i) == null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, Long> timer) {}
}
