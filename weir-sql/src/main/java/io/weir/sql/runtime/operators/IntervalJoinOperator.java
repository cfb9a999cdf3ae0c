package io.weir.sql.runtime.operators;

import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Event-time interval join: {@code l.key = r.key AND r.time BETWEEN l.time + lowerBound AND
 * l.time + upperBound} (bounds in ms, inclusive) plus a residual predicate on {@code l ++ r};
 * keyed on both inputs by the equi key. INNER, LEFT, RIGHT, FULL. Output is insert-only
 * {@code left ++ right}: a pair is emitted when its second row arrives; a row of an outer side
 * that can no longer match (the watermark passed the end of its interval) and never matched is
 * emitted NULL-padded then, and dropped from state. Rows already behind the watermark on arrival
 * are late and dropped; rows with a NULL time never match. Insert-only input.
 *
 * <p>The same algorithm is correct in BATCH (the watermark stays -inf while a key's rows arrive
 * and a key's cleanup timers fire when the key is done), and output is append-only in both modes.
 */
public final class IntervalJoinOperator extends AbstractStreamOperator<Row>
    implements TwoInputStreamOperator<Row, Row, Row>, Triggerable<Row, VoidNamespace> {
  private final JoinType type;
  private final RowTypeInfo leftType;
  private final RowTypeInfo rightType;
  private final int leftTimeField;
  private final int rightTimeField;
  private final long lowerBound;
  private final long upperBound;
  private final RowPredicate residual;

  /** Per side: time -> rows, each stored as Row(row, matched). */
  private transient MapState<Long, List<Row>> leftBuffer;
  private transient MapState<Long, List<Row>> rightBuffer;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient StreamRecord<Row> out;

  /**
   * @param type INNER, LEFT, RIGHT or FULL
   * @param leftType type of input 1
   * @param rightType type of input 2
   * @param leftTimeField event-time field of the left rows
   * @param rightTimeField event-time field of the right rows
   * @param lowerBound r.time >= l.time + lowerBound (ms, may be negative)
   * @param upperBound r.time <= l.time + upperBound (ms)
   * @param residual other conditions on {@code left ++ right}, or null
   */
  public IntervalJoinOperator(JoinType type, RowTypeInfo leftType, RowTypeInfo rightType, int leftTimeField,
      int rightTimeField, long lowerBound, long upperBound, RowPredicate residual) {
    if (type == JoinType.SEMI || type == JoinType.ANTI) {
      throw new IllegalArgumentException("interval joins support INNER, LEFT, RIGHT and FULL, not " + type);
    }
    if (lowerBound > upperBound) {
      throw new IllegalArgumentException("interval join lower bound " + lowerBound + " ms is above the upper bound "
          + upperBound + " ms");
    }
    this.type = type;
    this.leftType = leftType;
    this.rightType = rightType;
    this.leftTimeField = leftTimeField;
    this.rightTimeField = rightTimeField;
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
    this.residual = residual;
  }

  @Override
  public void open() throws Exception {
    leftBuffer = getKeyedStateBackend().getState(new MapStateDescriptor<>("interval-left", Types.LONG,
        Types.LIST(new RowTypeInfo(leftType, Types.BOOLEAN))));
    rightBuffer = getKeyedStateBackend().getState(new MapStateDescriptor<>("interval-right", Types.LONG,
        Types.LIST(new RowTypeInfo(rightType, Types.BOOLEAN))));
    timers = getInternalTimerService("interval-join", VoidNamespace.SERIALIZER, this);
    out = new StreamRecord<>(null);
  }

  @Override
  public void processElement1(StreamRecord<Row> record) throws Exception {
    process(record.getValue(), true);
  }

  @Override
  public void processElement2(StreamRecord<Row> record) throws Exception {
    process(record.getValue(), false);
  }

  private void emit(Row l, Row r, long ts) {
    output.collect(out.replace(RowUtil.join(RowKind.INSERT, l, leftType.getArity(), r, rightType.getArity()), ts));
  }

  private void process(Row row, boolean isLeft) throws Exception {
    if (!RowUtil.isAccumulate(row.getKind())) {
      throw new UnsupportedOperationException("interval join needs insert-only inputs, got " + row);
    }
    row = RowUtil.asInsert(row);
    Object t = row.getField(isLeft ? leftTimeField : rightTimeField);
    boolean outer = isLeft ? type.leftOuter() : type.rightOuter();
    if (t == null) {
      if (outer) {
        emit(isLeft ? row : null, isLeft ? null : row, StreamRecord.NO_TIMESTAMP);
      }
      return;
    }
    long ts = RowUtil.toMillis(t);
    long watermark = timers.currentWatermark();
    if (ts <= watermark) {
      return; // late
    }
    // the other side's matching time range
    long from = isLeft ? ts + lowerBound : ts - upperBound;
    long to = isLeft ? ts + upperBound : ts - lowerBound;
    MapState<Long, List<Row>> other = isLeft ? rightBuffer : leftBuffer;
    boolean matched = false;
    List<Map.Entry<Long, List<Row>>> touched = new ArrayList<>();
    for (Map.Entry<Long, List<Row>> e : other.entries()) {
      if (e.getKey() < from || e.getKey() > to) {
        continue;
      }
      boolean changed = false;
      for (Row entry : e.getValue()) {
        Row o = (Row) entry.getField(0);
        Row l = isLeft ? row : o;
        Row r = isLeft ? o : row;
        if (residual == null || residual.test(RowUtil.join(RowKind.INSERT, l, leftType.getArity(), r, rightType.getArity()))) {
          matched = true;
          emit(l, r, Math.max(ts, e.getKey()));
          if (entry.getField(1) != Boolean.TRUE) {
            entry.setField(1, Boolean.TRUE);
            changed = true;
          }
        }
      }
      if (changed) {
        touched.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    for (Map.Entry<Long, List<Row>> e : touched) {
      other.put(e.getKey(), e.getValue());
    }
    // keep the row while rows of the other side can still arrive in its range
    long expiry = isLeft ? ts + upperBound : ts - lowerBound;
    if (expiry > watermark || isBatchMode()) {
      MapState<Long, List<Row>> own = isLeft ? leftBuffer : rightBuffer;
      List<Row> list = own.get(ts);
      if (list == null) {
        list = new ArrayList<>();
      }
      list.add(Row.of(row, matched));
      own.put(ts, list);
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, isBatchMode() ? Long.MAX_VALUE : Math.max(expiry, ts));
    } else if (!matched && outer) {
      emit(isLeft ? row : null, isLeft ? null : row, ts);
    }
  }

  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    long time = timer.getTimestamp();
    expire(leftBuffer, true, time);
    expire(rightBuffer, false, time);
  }

  private void expire(MapState<Long, List<Row>> buffer, boolean isLeft, long watermark) throws Exception {
    boolean outer = isLeft ? type.leftOuter() : type.rightOuter();
    List<Long> done = new ArrayList<>();
    for (Map.Entry<Long, List<Row>> e : buffer.entries()) {
      long expiry = isLeft ? e.getKey() + upperBound : e.getKey() - lowerBound;
      if (expiry <= watermark) {
        done.add(e.getKey());
        if (outer) {
          for (Row entry : e.getValue()) {
            if (entry.getField(1) != Boolean.TRUE) {
              Row row = (Row) entry.getField(0);
              emit(isLeft ? row : null, isLeft ? null : row, e.getKey());
            }
          }
        }
      }
    }
    for (Iterator<Long> it = done.iterator(); it.hasNext(); ) {
      buffer.remove(it.next());
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) {}
}
