package io.weir.sql.runtime.operators;

import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
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
 * <p>STREAMING: each side's rows of a key are one {@link JoinRows} value (the rows in arrival
 * order, a copy per insert, and for outer sides and the SEMI/ANTI left side each row's number of
 * matching rows of the other side); inner sides keep no match counts. A +I/+U row joins the other
 * side's rows (equi key + residual predicate, checked on a joined row that then becomes the output
 * row) and emits +I per match; a -U/-D row emits -D per match. Outer sides track their matches, so when a
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

  /** BATCH: a key's rows as row -> [multiplicity, unused], joined at end of input. */
  private transient MapState<Row, long[]> leftState;
  private transient MapState<Row, long[]> rightState;
  /** STREAMING: each side's rows of the key. */
  private transient ValueState<JoinRows> leftRows;
  private transient ValueState<JoinRows> rightRows;
  /** [last access, registered cleanup time] per key, for state TTL. */
  private transient io.weir.core.state.ValueState<long[]> ttlState;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient StreamRecord<Row> out;
  private transient int leftArity;
  private transient int rightArity;
  /** Per-record scratch (process is not re-entered): indexes of the other side's matching elements, their joined rows. */
  private transient int[] matchIndexes;
  private transient ArrayList<Row> matchJoined;

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
    matchIndexes = new int[8];
    matchJoined = new ArrayList<>();
    if (!isBatchMode()) {
      leftRows = getKeyedStateBackend().getState(
          new ValueStateDescriptor<>("join-left-rows", JoinRows.typeInfo(leftType.createSerializer())));
      rightRows = getKeyedStateBackend().getState(
          new ValueStateDescriptor<>("join-right-rows", JoinRows.typeInfo(rightType.createSerializer())));
      migrateMapState(leftState, true);
      migrateMapState(rightState, false);
    }
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

  /** {@code target} (arity left + right) := {@code left ++ right}, for re-checking the residual without a new row. */
  private void fill(Row target, Row left, Row right) {
    for (int i = 0; i < leftArity; i++) {
      target.setField(i, left.getField(i));
    }
    for (int i = 0; i < rightArity; i++) {
      target.setField(leftArity + i, right.getField(i));
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
    ValueState<JoinRows> ownState = isLeft ? leftRows : rightRows;
    ValueState<JoinRows> otherState = isLeft ? rightRows : leftRows;
    JoinRows own = ownState.value();
    int ownIndex = -1;
    if (!accumulate) {
      ownIndex = own == null ? -1 : own.indexOf(row);
      if (ownIndex < 0) {
        return; // retraction of a row we do not hold (expired or never seen)
      }
    }

    // Matching elements of the other side. The joined row built for the residual check is kept as
    // the pair's output row; a rejected one is refilled for the next candidate.
    JoinRows other = nullKey() ? null : otherState.value();
    int matchCount = 0;
    if (other != null) {
      if (matchIndexes.length < other.size) {
        matchIndexes = new int[Math.max(other.size, 2 * matchIndexes.length)];
      }
      Row scratch = null;
      Row[] rows = other.rows;
      for (int i = 0, n = other.size; i < n; i++) {
        Row o = rows[i];
        Row joined = null;
        if (residual != null) {
          Row l = isLeft ? row : o;
          Row r = isLeft ? o : row;
          if (scratch == null) {
            joined = RowUtil.join(RowKind.INSERT, l, leftArity, r, rightArity);
          } else {
            joined = scratch;
            fill(joined, l, r);
          }
          if (!residual.test(joined)) {
            scratch = joined;
            continue;
          }
          scratch = null;
        }
        matchIndexes[matchCount++] = i;
        matchJoined.add(joined);
      }
    }
    try {
      if (semiOrAnti()) {
        processSemiAnti(row, isLeft, accumulate, own, ownIndex, ownState, other, otherState, matchCount, ts);
      } else {
        processMatches(row, isLeft, accumulate, own, ownIndex, ownState, other, otherState, matchCount, ts);
      }
    } finally {
      matchJoined.clear(); // no references to rows beyond this record
    }
  }

  private void processMatches(Row row, boolean isLeft, boolean accumulate, JoinRows own, int ownIndex,
      ValueState<JoinRows> ownState, JoinRows other, ValueState<JoinRows> otherState, int matchCount, long ts)
      throws Exception {
    boolean otherOuter = outer(!isLeft);
    if (accumulate) {
      if (matchCount == 0) {
        if (outer(isLeft)) {
          emitPair(RowKind.INSERT, row, null, isLeft, 1, ts);
        }
      } else {
        for (int m = 0; m < matchCount; m++) {
          int i = matchIndexes[m];
          Row o = other.rows[i];
          if (otherOuter && other.matches[i]++ == 0) {
            emitPair(RowKind.DELETE, null, o, isLeft, 1, ts);
          }
          emitMatch(RowKind.INSERT, matchJoined.get(m), row, o, isLeft, ts);
        }
        if (otherOuter) {
          otherState.update(other);
        }
      }
      if (own == null) {
        own = new JoinRows(outer(isLeft), 1);
      }
      own.add(row, matchCount);
      ownState.update(own);
    } else {
      if (matchCount == 0) {
        if (outer(isLeft)) {
          emitPair(RowKind.DELETE, row, null, isLeft, 1, ts);
        }
      } else {
        for (int m = 0; m < matchCount; m++) {
          int i = matchIndexes[m];
          Row o = other.rows[i];
          emitMatch(RowKind.DELETE, matchJoined.get(m), row, o, isLeft, ts);
          if (otherOuter && --other.matches[i] == 0) {
            emitPair(RowKind.INSERT, null, o, isLeft, 1, ts);
          }
        }
        if (otherOuter) {
          otherState.update(other);
        }
      }
      removeOwn(own, ownIndex, ownState);
    }
  }

  private static void removeOwn(JoinRows own, int index, ValueState<JoinRows> ownState) throws Exception {
    own.remove(index);
    if (own.size == 0) {
      ownState.clear();
    } else {
      ownState.update(own);
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

  /** One matched pair: its joined row from the residual check when there was one. */
  private void emitMatch(RowKind kind, Row joined, Row self, Row o, boolean selfIsLeft, long ts) {
    if (joined == null) {
      emitPair(kind, self, o, selfIsLeft, 1, ts);
    } else {
      joined.setKind(kind);
      output.collect(out.replace(joined, ts));
    }
  }

  private void processSemiAnti(Row row, boolean isLeft, boolean accumulate, JoinRows own, int ownIndex,
      ValueState<JoinRows> ownState, JoinRows other, ValueState<JoinRows> otherState, int matchCount, long ts)
      throws Exception {
    boolean semi = joinType == JoinType.SEMI;
    if (isLeft) {
      boolean visible = semi ? matchCount > 0 : matchCount == 0;
      if (visible) {
        emit(accumulate ? RowKind.INSERT : RowKind.DELETE, row, null, 1, ts);
      }
      if (accumulate) {
        if (own == null) {
          own = new JoinRows(true, 1);
        }
        own.add(row, matchCount);
        ownState.update(own);
      } else {
        removeOwn(own, ownIndex, ownState);
      }
      return;
    }
    // a right row changes the match counts of the left rows it matches
    for (int m = 0; m < matchCount; m++) {
      int i = matchIndexes[m];
      long before = other.matches[i];
      long after = before + (accumulate ? 1 : -1);
      other.matches[i] = after;
      boolean wasVisible = semi ? before > 0 : before == 0;
      boolean isVisible = semi ? after > 0 : after == 0;
      if (wasVisible != isVisible) {
        emit(isVisible ? RowKind.INSERT : RowKind.DELETE, other.rows[i], null, 1, ts);
      }
    }
    if (matchCount > 0) {
      otherState.update(other);
    }
    if (accumulate) {
      if (own == null) {
        own = new JoinRows(false, 1);
      }
      own.add(row, 0);
      ownState.update(own);
    } else {
      removeOwn(own, ownIndex, ownState);
    }
  }

  /**
   * Checkpoints of earlier versions hold the STREAMING rows in the map states {@code join-left} /
   * {@code join-right} (row -> [multiplicity, matches]): restored, they are moved into the row
   * arrays once, at open. Without such a restore the map states are empty and this is a no-op.
   */
  private void migrateMapState(MapState<Row, long[]> old, boolean isLeft) throws Exception {
    ValueState<JoinRows> target = isLeft ? leftRows : rightRows;
    boolean counts = outer(isLeft) || (semiOrAnti() && isLeft);
    List<Row> keys = new ArrayList<>();
    getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER,
        new MapStateDescriptor<>(isLeft ? "join-left" : "join-right", isLeft ? leftType : rightType,
            PrimitiveArrayTypeInfo.LONG_ARRAY),
        (key, state) -> keys.add((Row) key));
    if (keys.isEmpty()) {
      return;
    }
    Object previousKey = getCurrentKey();
    for (Row key : keys) {
      setCurrentKey(key);
      JoinRows rows = new JoinRows(counts, 1);
      for (Map.Entry<Row, long[]> e : old.entries()) {
        for (long i = 0; i < e.getValue()[0]; i++) {
          rows.add(e.getKey(), e.getValue()[1]);
        }
      }
      old.clear();
      if (rows.size > 0) {
        target.update(rows);
      }
    }
    if (previousKey != null) {
      setCurrentKey(previousKey);
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
      if (isBatchMode()) {
        leftState.clear();
        rightState.clear();
      } else {
        leftRows.clear();
        rightRows.clear();
      }
      ttlState.clear();
    } else {
      t[1] = t[0] + stateTtlMillis;
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, t[1]);
      ttlState.update(t);
    }
  }
}
