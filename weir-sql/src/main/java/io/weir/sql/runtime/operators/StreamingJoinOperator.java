package io.weir.sql.runtime.operators;

import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.PrimitiveArrayTypeInfo;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
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
import java.util.List;
import java.util.Map;

/**
 * Regular (unwindowed) equi-join of two changelogs, keyed on both inputs by the join key.
 * Output rows are {@code left fields ++ right fields} (NULL-padded for outer joins); SEMI/ANTI
 * output only the left fields.
 *
 * <p>STREAMING: each side's rows are kept per key as row -> [multiplicity, number of matching rows
 * of the other side]. A +I/+U row joins the other side's rows (equi key + residual predicate) and
 * emits +I per match; a -U/-D row emits -D per match. Outer sides track their matches, so when a
 * row gets its first match its NULL-padded result is retracted (-D) before the joined +I, and when
 * it loses its last match the padded row comes back (+I). SEMI/ANTI emit the left row when its
 * match count goes 0 -> 1 / 1 -> 0 (and the opposite). Output kinds are +I/-D only.
 *
 * <p>BATCH (both inputs sorted by key by the engine): a key's rows of both sides are collected and
 * joined once on the key's end-of-input timer, emitting inserts only.
 */
public final class StreamingJoinOperator extends AbstractStreamOperator<Row>
    implements TwoInputStreamOperator<Row, Row, Row>, Triggerable<Row, VoidNamespace> {
  private final JoinType joinType;
  private final RowTypeInfo leftType;
  private final RowTypeInfo rightType;
  private final RowPredicate residual;
  private final long stateTtlMillis;

  private transient MapState<Row, long[]> leftState;
  private transient MapState<Row, long[]> rightState;
  /** [last access, registered cleanup time] per key, for state TTL. */
  private transient io.weir.core.state.ValueState<long[]> ttlState;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient StreamRecord<Row> out;
  private transient int leftArity;
  private transient int rightArity;

  /**
   * @param joinType INNER, LEFT, RIGHT, FULL, SEMI or ANTI
   * @param leftType type of input 1 rows (state serializer, arity for NULL padding)
   * @param rightType type of input 2 rows
   * @param residual non-equi condition on the joined row {@code left ++ right}, or null
   * @param stateTtlMillis {@code table.exec.state.ttl}: a join key untouched for this long (processing
   *     time) loses the rows of both sides without emitting anything; 0 = keep forever
   */
  public StreamingJoinOperator(JoinType joinType, RowTypeInfo leftType, RowTypeInfo rightType, RowPredicate residual,
      long stateTtlMillis) {
    this.joinType = joinType;
    this.leftType = leftType;
    this.rightType = rightType;
    this.residual = residual;
    this.stateTtlMillis = stateTtlMillis;
  }

  public StreamingJoinOperator(JoinType joinType, RowTypeInfo leftType, RowTypeInfo rightType, RowPredicate residual) {
    this(joinType, leftType, rightType, residual, 0);
  }

  @Override
  public void open() throws Exception {
    leftState = getKeyedStateBackend().getState(
        new MapStateDescriptor<>("join-left", leftType, PrimitiveArrayTypeInfo.LONG_ARRAY));
    rightState = getKeyedStateBackend().getState(
        new MapStateDescriptor<>("join-right", rightType, PrimitiveArrayTypeInfo.LONG_ARRAY));
    timers = getInternalTimerService("join", VoidNamespace.SERIALIZER, this);
    if (stateTtlMillis > 0) {
      ttlState = getKeyedStateBackend().getState(
          new io.weir.core.state.ValueStateDescriptor<>("join-ttl", PrimitiveArrayTypeInfo.LONG_ARRAY));
    }
    out = new StreamRecord<>(null);
    leftArity = leftType.getArity();
    rightArity = rightType.getArity();
  }

  @Override
  public void processElement1(StreamRecord<Row> record) throws Exception {
    if (isBatchMode()) {
      collectForBatch(leftState, record.getValue());
    } else {
      process(record.getValue(), true, record.getTimestamp());
    }
  }

  @Override
  public void processElement2(StreamRecord<Row> record) throws Exception {
    if (isBatchMode()) {
      collectForBatch(rightState, record.getValue());
    } else {
      process(record.getValue(), false, record.getTimestamp());
    }
  }

  /** SQL '=' never matches a NULL key: such rows only ever appear NULL-padded. */
  private boolean nullKey() {
    Object key = getCurrentKey();
    if (key instanceof Row k) {
      for (int i = 0; i < k.getArity(); i++) {
        if (k.getField(i) == null) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean outer(boolean left) {
    return left ? joinType.leftOuter() : joinType.rightOuter();
  }

  private boolean semiOrAnti() {
    return joinType == JoinType.SEMI || joinType == JoinType.ANTI;
  }

  private boolean matches(Row left, Row right) {
    return residual == null || residual.test(RowUtil.join(RowKind.INSERT, left, leftArity, right, rightArity));
  }

  private void emit(RowKind kind, Row left, Row right, long times, long timestamp) {
    for (long i = 0; i < times; i++) {
      Row row = semiOrAnti() ? RowUtil.withKind(left, kind) : RowUtil.join(kind, left, leftArity, right, rightArity);
      output.collect(out.replace(row, timestamp));
    }
  }

  private void touch() throws Exception {
    long now = timers.currentProcessingTime();
    long[] t = ttlState.value();
    if (t == null) {
      t = new long[] {now, now + stateTtlMillis};
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, t[1]);
    } else {
      t[0] = now;
    }
    ttlState.update(t);
  }

  private void process(Row input, boolean isLeft, long ts) throws Exception {
    if (stateTtlMillis > 0) {
      touch();
    }
    Row row = RowUtil.asInsert(input);
    boolean accumulate = RowUtil.isAccumulate(input.getKind());
    MapState<Row, long[]> own = isLeft ? leftState : rightState;
    MapState<Row, long[]> other = isLeft ? rightState : leftState;
    long[] ownEntry = own.get(row);
    if (!accumulate && ownEntry == null) {
      return; // retraction of a row we do not hold (expired or never seen)
    }

    // matches on the other side (with multiplicities)
    List<Row> matchRows = new ArrayList<>();
    List<long[]> matchEntries = new ArrayList<>();
    long matchCount = 0;
    for (Map.Entry<Row, long[]> e : nullKey() ? List.<Map.Entry<Row, long[]>>of() : other.entries()) {
      boolean m = isLeft ? matches(row, e.getKey()) : matches(e.getKey(), row);
      if (m) {
        matchRows.add(e.getKey());
        matchEntries.add(e.getValue());
        matchCount += e.getValue()[0];
      }
    }

    if (semiOrAnti()) {
      processSemiAnti(row, isLeft, accumulate, ownEntry, matchRows, matchEntries, matchCount, own, other, ts);
      return;
    }

    boolean otherOuter = outer(!isLeft);
    if (accumulate) {
      if (matchCount == 0) {
        if (outer(isLeft)) {
          emitPair(RowKind.INSERT, row, null, isLeft, 1, ts);
        }
      } else {
        for (int i = 0; i < matchRows.size(); i++) {
          Row o = matchRows.get(i);
          long[] oe = matchEntries.get(i);
          if (otherOuter) {
            if (oe[1] == 0) {
              emitPair(RowKind.DELETE, null, o, isLeft, oe[0], ts);
            }
            oe[1]++;
            other.put(o, oe);
          }
          emitPair(RowKind.INSERT, row, o, isLeft, oe[0], ts);
        }
      }
      if (ownEntry == null) {
        ownEntry = new long[] {0, matchCount};
      }
      ownEntry[0]++;
      ownEntry[1] = matchCount;
      own.put(row, ownEntry);
    } else {
      if (matchCount == 0) {
        if (outer(isLeft)) {
          emitPair(RowKind.DELETE, row, null, isLeft, 1, ts);
        }
      } else {
        for (int i = 0; i < matchRows.size(); i++) {
          Row o = matchRows.get(i);
          long[] oe = matchEntries.get(i);
          emitPair(RowKind.DELETE, row, o, isLeft, oe[0], ts);
          if (otherOuter) {
            oe[1]--;
            if (oe[1] == 0) {
              emitPair(RowKind.INSERT, null, o, isLeft, oe[0], ts);
            }
            other.put(o, oe);
          }
        }
      }
      ownEntry[0]--;
      if (ownEntry[0] <= 0) {
        own.remove(row);
      } else {
        own.put(row, ownEntry);
      }
    }
  }

  /**
   * Emits {@code times} copies of the pair; {@code self} is the row of the side that arrived and
   * {@code o} the other side's row (either may be null for padding).
   */
  private void emitPair(RowKind kind, Row self, Row o, boolean selfIsLeft, long times, long ts) {
    if (selfIsLeft) {
      emit(kind, self, o, times, ts);
    } else {
      emit(kind, o, self, times, ts);
    }
  }

  private void processSemiAnti(Row row, boolean isLeft, boolean accumulate, long[] ownEntry, List<Row> matchRows,
      List<long[]> matchEntries, long matchCount, MapState<Row, long[]> own, MapState<Row, long[]> other, long ts) {
    boolean semi = joinType == JoinType.SEMI;
    if (isLeft) {
      boolean visible = semi ? matchCount > 0 : matchCount == 0;
      if (visible) {
        emit(accumulate ? RowKind.INSERT : RowKind.DELETE, row, null, 1, ts);
      }
      if (accumulate) {
        if (ownEntry == null) {
          ownEntry = new long[] {0, 0};
        }
        ownEntry[0]++;
        ownEntry[1] = matchCount;
        own.put(row, ownEntry);
      } else if (--ownEntry[0] <= 0) {
        own.remove(row);
      } else {
        own.put(row, ownEntry);
      }
      return;
    }
    // a right row changes the match counts of the left rows it matches
    for (int i = 0; i < matchRows.size(); i++) {
      Row l = matchRows.get(i);
      long[] le = matchEntries.get(i);
      long before = le[1];
      le[1] += accumulate ? 1 : -1;
      other.put(l, le);
      boolean wasVisible = semi ? before > 0 : before == 0;
      boolean isVisible = semi ? le[1] > 0 : le[1] == 0;
      if (wasVisible != isVisible) {
        emit(isVisible ? RowKind.INSERT : RowKind.DELETE, l, null, le[0], ts);
      }
    }
    if (accumulate) {
      if (ownEntry == null) {
        ownEntry = new long[] {0, 0};
      }
      ownEntry[0]++;
      own.put(row, ownEntry);
    } else if (--ownEntry[0] <= 0) {
      own.remove(row);
    } else {
      own.put(row, ownEntry);
    }
  }

  // ---------------------------------------------------------------- BATCH

  private void collectForBatch(MapState<Row, long[]> state, Row row) throws Exception {
    if (leftState.isEmpty() && rightState.isEmpty()) {
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
    }
    Row r = RowUtil.asInsert(row);
    long[] e = state.get(r);
    state.put(r, e == null ? new long[] {1, 0} : new long[] {e[0] + 1, 0});
  }

  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    List<Map.Entry<Row, long[]>> rights = new ArrayList<>();
    for (Map.Entry<Row, long[]> e : rightState.entries()) {
      rights.add(Map.entry(e.getKey(), e.getValue()));
    }
    boolean[] rightMatched = new boolean[rights.size()];
    boolean nullKey = nullKey();
    for (Map.Entry<Row, long[]> l : leftState.entries()) {
      long matched = 0;
      for (int i = 0; !nullKey && i < rights.size(); i++) {
        Map.Entry<Row, long[]> r = rights.get(i);
        if (matches(l.getKey(), r.getKey())) {
          matched += r.getValue()[0];
          rightMatched[i] = true;
          if (!semiOrAnti()) {
            emit(RowKind.INSERT, l.getKey(), r.getKey(), l.getValue()[0] * r.getValue()[0], StreamRecord.NO_TIMESTAMP);
          }
        }
      }
      if (joinType == JoinType.SEMI && matched > 0 || joinType == JoinType.ANTI && matched == 0
          || joinType.leftOuter() && matched == 0) {
        emit(RowKind.INSERT, l.getKey(), null, l.getValue()[0], StreamRecord.NO_TIMESTAMP);
      }
    }
    if (joinType.rightOuter()) {
      for (int i = 0; i < rights.size(); i++) {
        if (!rightMatched[i]) {
          emit(RowKind.INSERT, null, rights.get(i).getKey(), rights.get(i).getValue()[0], StreamRecord.NO_TIMESTAMP);
        }
      }
    }
    leftState.clear();
    rightState.clear();
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    if (ttlState == null) {
      return;
    }
    long[] t = ttlState.value();
    if (t == null) {
      return;
    }
    if (t[0] + stateTtlMillis <= timer.getTimestamp()) {
      leftState.clear();
      rightState.clear();
      ttlState.clear();
    } else {
      t[1] = t[0] + stateTtlMillis;
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, t[1]);
      ttlState.update(t);
    }
  }
}
