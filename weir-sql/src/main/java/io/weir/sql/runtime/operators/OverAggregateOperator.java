package io.weir.sql.runtime.operators;

import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.PrimitiveArrayTypeInfo;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * OVER aggregation ({@code agg(..) OVER (PARTITION BY .. ORDER BY .. ROWS|RANGE BETWEEN ..)}) for
 * one window group, keyed by the PARTITION BY fields (empty Row key and parallelism 1 without
 * PARTITION BY). Output rows are {@code input fields ++ one value per call}; calls are aggregates
 * (FILTER and DISTINCT honored) and ROW_NUMBER, RANK, DENSE_RANK. Insert-only input and output.
 *
 * <p>STREAMING needs ORDER BY on an event-time attribute ({@code timeField}) ascending and a frame
 * ending at CURRENT ROW (as Flink): rows wait in state until the watermark passes their time, then
 * are processed in time order (ties in arrival order); RANGE frames treat rows of equal time as
 * peers. Rows at or before the watermark on arrival are late and dropped. Bounded PRECEDING frames
 * keep the rows still in the frame to retract them later.
 *
 * <p>BATCH accepts any ORDER BY ({@code order}) and any frame including FOLLOWING: a partition is
 * collected and computed on its end-of-input timer with a sliding accumulate/retract window
 * (linear in the partition size). RANGE offsets need a numeric or time ORDER BY field
 * ({@code timeField}, read with {@link RowUtil#toMillis}).
 */
public final class OverAggregateOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row>, Triggerable<Row, VoidNamespace> {
  private final RowTypeInfo inputType;
  private final RowComparator order;
  private final int timeField;
  private final OverFrame frame;
  private final AggregateSpec.Kind[] kinds;
  private final RowAggregator aggregator;
  private final int[] aggregatePositions;

  private transient MapState<Long, List<Row>> pending;
  private transient ValueState<Object[]> accState;
  private transient ValueState<List<Row>> history;
  private transient ValueState<long[]> counters;
  private transient ValueState<List<Row>> batchRows;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient StreamRecord<Row> out;

  /**
   * @param inputType type of the input rows
   * @param order the window's ORDER BY (BATCH sort; ties keep arrival order), or null for none
   * @param timeField ORDER BY field: the event-time attribute in STREAMING; in BATCH the numeric or
   *     time value RANGE offsets apply to (-1 when there is none)
   * @param frame ROWS/RANGE frame
   * @param calls aggregates and ranking functions of this window group, in output order
   */
  public OverAggregateOperator(RowTypeInfo inputType, RowComparator order, int timeField, OverFrame frame,
      List<AggregateSpec> calls) {
    this.inputType = inputType;
    this.order = order;
    this.timeField = timeField;
    this.frame = frame;
    this.kinds = new AggregateSpec.Kind[calls.size()];
    List<AggregateSpec> aggs = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      kinds[i] = calls.get(i).kind();
      if (!isRanking(kinds[i])) {
        aggs.add(calls.get(i));
        positions.add(i);
      }
    }
    this.aggregator = new RowAggregator(aggs, inputType);
    this.aggregatePositions = positions.stream().mapToInt(Integer::intValue).toArray();
    if (!frame.rows() && (frame.preceding() > 0 || frame.following() > 0) && timeField < 0) {
      throw new IllegalArgumentException("a RANGE frame with an offset needs a numeric or time ORDER BY field");
    }
  }

  private static boolean isRanking(AggregateSpec.Kind k) {
    return k == AggregateSpec.Kind.ROW_NUMBER || k == AggregateSpec.Kind.RANK || k == AggregateSpec.Kind.DENSE_RANK;
  }

  @Override
  public void open() throws Exception {
    timers = getInternalTimerService("over", VoidNamespace.SERIALIZER, this);
    out = new StreamRecord<>(null);
    if (isBatchMode()) {
      batchRows = getKeyedStateBackend().getState(new ValueStateDescriptor<>("over-rows", Types.LIST(inputType)));
      return;
    }
    if (timeField < 0) {
      throw new UnsupportedOperationException(
          "OVER windows in STREAMING mode need ORDER BY on a time attribute (ascending)");
    }
    if (frame.following() != 0) {
      throw new UnsupportedOperationException(
          "OVER windows in STREAMING mode need a frame ending at CURRENT ROW, got " + frame);
    }
    pending = getKeyedStateBackend().getState(new MapStateDescriptor<>("over-pending", Types.LONG, Types.LIST(inputType)));
    accState = getKeyedStateBackend().getState(new ValueStateDescriptor<>("over-accs",
        new io.weir.sql.runtime.util.SimpleTypeInfo<>(Object[].class, aggregator.serializer(), "accumulators")));
    history = getKeyedStateBackend().getState(new ValueStateDescriptor<>("over-history", Types.LIST(inputType)));
    counters = getKeyedStateBackend().getState(new ValueStateDescriptor<>("over-counters", PrimitiveArrayTypeInfo.LONG_ARRAY));
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row row = record.getValue();
    if (!RowUtil.isAccumulate(row.getKind())) {
      throw new UnsupportedOperationException("OVER aggregation needs an insert-only input, got " + row);
    }
    if (isBatchMode()) {
      List<Row> rows = batchRows.value();
      if (rows == null) {
        rows = new ArrayList<>();
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
      }
      rows.add(row);
      batchRows.update(rows);
      return;
    }
    Object t = row.getField(timeField);
    if (t == null) {
      return;
    }
    long ts = RowUtil.toMillis(t);
    if (ts <= timers.currentWatermark()) {
      return; // late
    }
    List<Row> rows = pending.get(ts);
    if (rows == null) {
      rows = new ArrayList<>();
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, ts);
    }
    rows.add(row);
    pending.put(ts, rows);
  }

  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    if (isBatchMode()) {
      List<Row> rows = batchRows.value();
      batchRows.clear();
      if (rows != null) {
        computeBatch(rows);
      }
      return;
    }
    long ts = timer.getTimestamp();
    List<Row> rows = pending.get(ts);
    if (rows == null) {
      return;
    }
    pending.remove(ts);
    Object[] accs = accState.value();
    if (accs == null) {
      accs = aggregator.createAccumulators();
    }
    boolean bounded = !frame.unboundedPreceding();
    List<Row> hist = bounded ? history.value() : null;
    if (bounded && hist == null) {
      hist = new ArrayList<>();
    }
    long[] c = counters.value();
    if (c == null) {
      c = new long[3]; // rows so far, distinct times so far, unused
    }
    long rankOfGroup = c[0] + 1;
    long denseOfGroup = c[1] + 1;
    if (frame.rows()) {
      for (Row r : rows) {
        aggregator.accumulate(accs, r);
        if (bounded) {
          hist.add(r);
          while (hist.size() > frame.preceding() + 1) {
            aggregator.retract(accs, hist.remove(0));
          }
        }
        c[0]++;
        emit(r, accs, c[0], rankOfGroup, denseOfGroup, ts);
      }
    } else {
      for (Row r : rows) {
        aggregator.accumulate(accs, r);
        if (bounded) {
          hist.add(r);
        }
      }
      if (bounded) {
        while (!hist.isEmpty() && RowUtil.toMillis(hist.get(0).getField(timeField)) < ts - frame.preceding()) {
          aggregator.retract(accs, hist.remove(0));
        }
      }
      for (Row r : rows) {
        c[0]++;
        emit(r, accs, c[0], rankOfGroup, denseOfGroup, ts);
      }
    }
    c[1]++;
    counters.update(c);
    accState.update(accs);
    if (bounded) {
      history.update(hist);
    }
  }

  private void emit(Row in, Object[] accs, long rowNumber, long rank, long denseRank, long ts) {
    int n = in.getArity();
    Row row = new Row(n + kinds.length);
    for (int i = 0; i < n; i++) {
      row.setField(i, in.getField(i));
    }
    Row values = new Row(aggregator.size());
    aggregator.getValues(accs, values, 0);
    for (int i = 0; i < aggregatePositions.length; i++) {
      row.setField(n + aggregatePositions[i], values.getField(i));
    }
    for (int i = 0; i < kinds.length; i++) {
      switch (kinds[i]) {
        case ROW_NUMBER -> row.setField(n + i, rowNumber);
        case RANK -> row.setField(n + i, rank);
        case DENSE_RANK -> row.setField(n + i, denseRank);
        default -> { }
      }
    }
    output.collect(out.replace(row, ts));
  }

  // ---------------------------------------------------------------- BATCH

  private boolean peers(List<Row> rows, int a, int b) {
    return order == null || order.compare(rows.get(a), rows.get(b)) == 0;
  }

  private void computeBatch(List<Row> rows) {
    if (order != null) {
      rows.sort(order); // stable
    }
    int n = rows.size();
    // peer group bounds
    int[] peerStart = new int[n];
    int[] peerEnd = new int[n];
    for (int i = 0; i < n; i++) {
      peerStart[i] = i > 0 && peers(rows, i - 1, i) ? peerStart[i - 1] : i;
    }
    for (int i = n - 1; i >= 0; i--) {
      peerEnd[i] = i < n - 1 && peers(rows, i, i + 1) ? peerEnd[i + 1] : i;
    }
    boolean rangeOffset = !frame.rows() && (frame.preceding() > 0 || frame.following() > 0);
    long[] value = null;
    boolean descending = false;
    if (rangeOffset) {
      value = new long[n];
      for (int i = 0; i < n; i++) {
        Object v = rows.get(i).getField(timeField);
        value[i] = v == null ? 0 : RowUtil.toMillis(v);
      }
      descending = n > 1 && value[0] > value[n - 1];
    }
    Object[] accs = aggregator.createAccumulators();
    int wLo = 0;
    int wHi = 0; // accumulated rows: [wLo, wHi)
    int lo = 0;
    int hiPointer = 0;
    long dense = 0;
    for (int i = 0; i < n; i++) {
      if (peerStart[i] == i) {
        dense++;
      }
      int newLo;
      int newHiExclusive;
      if (frame.rows()) {
        newLo = frame.unboundedPreceding() ? 0 : (int) Math.max(0, i - frame.preceding());
        newHiExclusive = frame.unboundedFollowing() ? n : (int) Math.min(n, (long) i + frame.following() + 1);
      } else {
        boolean nullKey = rangeOffset && rows.get(i).getField(timeField) == null;
        if (frame.unboundedPreceding()) {
          newLo = 0;
        } else if (frame.preceding() == 0 || nullKey) {
          newLo = peerStart[i];
        } else {
          // first row whose value is within 'preceding' of row i (values monotonic in sort order)
          while (lo < i && outside(value[lo], value[i], frame.preceding(), descending, true)) {
            lo++;
          }
          newLo = Math.max(lo, 0);
        }
        if (frame.unboundedFollowing()) {
          newHiExclusive = n;
        } else if (frame.following() == 0 || nullKey) {
          newHiExclusive = peerEnd[i] + 1;
        } else {
          hiPointer = Math.max(hiPointer, i);
          while (hiPointer + 1 < n && !outside(value[hiPointer + 1], value[i], frame.following(), descending, false)) {
            hiPointer++;
          }
          newHiExclusive = hiPointer + 1;
        }
      }
      newHiExclusive = Math.max(newHiExclusive, newLo);
      while (wLo < newLo) {
        if (wLo < wHi) {
          aggregator.retract(accs, rows.get(wLo));
        }
        wLo++;
      }
      if (wHi < wLo) {
        wHi = wLo;
      }
      while (wHi < newHiExclusive) {
        aggregator.accumulate(accs, rows.get(wHi++));
      }
      emit(rows.get(i), accs, i + 1, peerStart[i] + 1, dense, StreamRecord.NO_TIMESTAMP);
    }
  }

  /** Whether value {@code v} lies beyond {@code offset} before (preceding) or after row value {@code cur}. */
  private static boolean outside(long v, long cur, long offset, boolean descending, boolean preceding) {
    long d = descending ? cur - v : v - cur; // distance along the sort direction
    return preceding ? d < -offset : d > offset;
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) {}
}
