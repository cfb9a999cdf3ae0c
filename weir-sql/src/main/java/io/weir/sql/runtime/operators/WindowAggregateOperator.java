package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.BasicSerializers;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.aggregate.GroupState;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.util.RowUtil;
import io.weir.sql.runtime.util.SimpleTypeInfo;
import io.weir.sql.runtime.util.WindowRows;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregation over a window TVF (TUMBLE/HOP/CUMULATE/SESSION) on an event-time attribute, keyed by
 * the grouping fields (state key = Row of the grouping fields in order; empty Row when none).
 * Emits, when the watermark passes a window's end - 1, one final insert-only row:
 * {@code key fields ++ aggregate values ++ [window_start, window_end, window_time]} where the
 * three window columns have the class of the time attribute (TIMESTAMP: LocalDateTime,
 * TIMESTAMP_LTZ: Instant, BIGINT millis: Long) and window_time = window_end - 1 ms. The output
 * record timestamp is window_time.
 *
 * <p>Rows are dropped only for windows that have fired already (late rows). TUMBLE/HOP/CUMULATE
 * accept retractions (-U/-D); SESSION merges overlapping sessions and needs an insert-only input.
 * In BATCH every window of a key fires on the key's end-of-input timers.
 *
 * <p>HOP and CUMULATE are sliced, like Flink's slicing window operator and the DataStream panes:
 * a row updates exactly one accumulator, that of its slice (length = slide or step; the window
 * size is a multiple of it), instead of one per window it belongs to. A HOP window merges its
 * slices into a fresh accumulator when it fires (a slice is cleared by the last window containing
 * it); a CUMULATE cycle keeps one accumulator of everything its fired windows saw, into which each
 * firing window moves its last slice and into which rows go whose slice's window has already
 * fired (they count for the cycle's later windows only). Only merging at fire time keeps a fired
 * window from seeing a row accumulated later. Row counts (empty windows are not emitted) add up
 * across slices. One event-time timer per non-empty window: a new slice registers its first
 * unfired window, a firing window registers the next one if a slice it shares with it is
 * non-empty. Floating-point sums may differ from a per-window sum in the last bits (another
 * summation order). TUMBLE windows, and plans with FIRST_VALUE/LAST_VALUE (arrival order) or a
 * user aggregate without {@code merge}, keep one accumulator per window (namespace = window end).
 *
 * <p>{@link #global}: the second phase behind a {@link LocalWindowAggregateOperator}, whose partial
 * rows (one per key and slice) are merged into the slice (or TUMBLE window) accumulator the rows
 * would have been applied to; the first partial of a slice becomes its accumulator.
 */
public final class WindowAggregateOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row>, Triggerable<Row, Object> {
  private final WindowSpec window;
  private final int timeField;
  private final Class<?> timeClass;
  private final RowAggregator aggregator;
  /** HOP or CUMULATE with more than one slice per window and mergeable aggregates. */
  private final boolean sliced;
  /** Slice length (slide or step) and the slice ends' remainder modulo it (the offset). */
  private final long slice;
  private final long sliceOffset;
  /**
   * -1: input rows; else the number of key fields of the partial rows of a
   * {@link LocalWindowAggregateOperator} (key fields, slice end - 1, GroupState), merged, not applied.
   */
  private final int partialKeys;

  private transient ValueStateDescriptor<GroupState> windowDescriptor;
  private transient ValueStateDescriptor<GroupState> sliceDescriptor;
  private transient ValueStateDescriptor<GroupState> cycleDescriptor;
  private transient ValueState<List<Session>> sessions;
  private transient InternalTimerService<Object> timers;
  private transient StreamRecord<Row> out;
  /**
   * The window columns of the last emitted window: every key of a window fires at the same
   * watermark, and converting millis to a LocalDateTime allocates three objects per column.
   */
  private transient WindowRows windowRows;
  private transient Long[] boxedEnds;

  /**
   * @param window the window TVF
   * @param timeField index of the event-time attribute in the input
   * @param aggregates aggregate calls
   * @param inputType type of the input rows
   */
  public WindowAggregateOperator(WindowSpec window, int timeField, List<AggregateSpec> aggregates, RowTypeInfo inputType) {
    this(window, timeField, aggregates, inputType, true);
  }

  /**
   * @param inputRetracts whether the input may carry -U/-D rows; false lets MIN/MAX keep only the
   *     current extreme instead of a value-count tree per window (a retraction then fails)
   */
  public WindowAggregateOperator(WindowSpec window, int timeField, List<AggregateSpec> aggregates, RowTypeInfo inputType,
      boolean inputRetracts) {
    this(window, timeField, aggregates, inputType, inputRetracts, -1);
  }

  /**
   * The global phase behind a {@link LocalWindowAggregateOperator} of the same window, aggregates
   * and input: its input is the local operator's partial rows, keyed by their first {@code keys}
   * fields. {@code timeField} and {@code inputType} are those of the rows the local operator read.
   */
  public static WindowAggregateOperator global(WindowSpec window, int timeField, List<AggregateSpec> aggregates,
      RowTypeInfo inputType, int keys) {
    if (window.kind() == WindowSpec.Kind.SESSION) {
      throw new IllegalArgumentException("SESSION windows merge per key: no two-phase aggregation");
    }
    return new WindowAggregateOperator(window, timeField, aggregates, inputType, false, keys);
  }

  private WindowAggregateOperator(WindowSpec window, int timeField, List<AggregateSpec> aggregates, RowTypeInfo inputType,
      boolean inputRetracts, int partialKeys) {
    this.partialKeys = partialKeys;
    this.window = window;
    this.timeField = timeField;
    this.timeClass = inputType.getFieldType(timeField).getTypeClass();
    this.aggregator = new RowAggregator(aggregates, inputType, inputRetracts);
    this.sliced = (window.kind() == WindowSpec.Kind.HOP || window.kind() == WindowSpec.Kind.CUMULATE)
        && window.size() > window.step() && mergeable(aggregates);
    this.slice = window.step();
    // the slice containing ts = 0 ends at the last (HOP) or first (CUMULATE) end of its windows
    long[] ends = window.kind() == WindowSpec.Kind.SESSION ? new long[] {0} : window.windowEnds(0);
    this.sliceOffset = Math.floorMod(window.kind() == WindowSpec.Kind.HOP ? ends[ends.length - 1] : ends[0], slice);
  }

  /**
   * Whether merging slice accumulators gives what one accumulator per window gives: not for
   * FIRST/LAST_VALUE (arrival order would become slice order) nor user aggregates without merge.
   */
  private static boolean mergeable(List<AggregateSpec> aggregates) {
    for (AggregateSpec a : aggregates) {
      switch (a.kind()) {
        case FIRST_VALUE, LAST_VALUE -> {
          return false;
        }
        case USER_DEFINED -> {
          if (!a.userFunction().hasMerge()) {
            return false;
          }
        }
        default -> { }
      }
    }
    return true;
  }

  /**
   * Whether a {@link LocalWindowAggregateOperator} may pre-aggregate for this window: not SESSION
   * (merged per key), and slice accumulators must merge (see {@link #mergeable}).
   */
  public static boolean supportsTwoPhase(WindowSpec window, List<AggregateSpec> aggregates) {
    return window.kind() != WindowSpec.Kind.SESSION && mergeable(aggregates);
  }

  /** Whether HOP/CUMULATE rows update one slice accumulator each (else one per window). */
  public boolean isSliced() {
    return sliced;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open() throws Exception {
    windowDescriptor = new ValueStateDescriptor<>("window-accs", GroupState.typeInfo(aggregator));
    sliceDescriptor = new ValueStateDescriptor<>("slice-accs", GroupState.typeInfo(aggregator));
    cycleDescriptor = new ValueStateDescriptor<>("cumulate-cycle-accs", GroupState.typeInfo(aggregator));
    TypeSerializer ns = window.kind() == WindowSpec.Kind.SESSION ? VoidNamespace.SERIALIZER : BasicSerializers.LONG;
    timers = getInternalTimerService("window-agg", ns, this);
    windowRows = new WindowRows(timeClass);
    if (window.kind() == WindowSpec.Kind.SESSION) {
      sessions = getKeyedStateBackend().getState(new ValueStateDescriptor<>("sessions",
          new SimpleTypeInfo<>((Class<List<Session>>) (Class) List.class, new SessionsSerializer(aggregator.serializer()),
              "List<Session>")));
    }
    out = new StreamRecord<>(null);
    boxedEnds = new Long[64];
  }

  private ValueState<GroupState> windowState(long end) {
    return getKeyedStateBackend().getPartitionedState(end, BasicSerializers.LONG, windowDescriptor);
  }

  /** The slice ending at {@code end}. */
  private ValueState<GroupState> sliceState(long end) {
    return getKeyedStateBackend().getPartitionedState(boxed(end), BasicSerializers.LONG, sliceDescriptor);
  }

  /**
   * A boxed window or slice end, shared by the keys: a firing HOP window looks up each of its
   * slices, and a fresh Long per lookup was a tenth of the allocation of Nexmark q5.
   */
  private Long boxed(long end) {
    int i = (int) (end ^ (end >>> 32)) * 0x9E3779B9 >>> 26;
    Long b = boxedEnds[i];
    if (b == null || b != end) {
      b = end;
      boxedEnds[i] = b;
    }
    return b;
  }

  /** What the fired windows of the CUMULATE cycle ending at {@code cycleEnd} have accumulated. */
  private ValueState<GroupState> cycleState(long cycleEnd) {
    return getKeyedStateBackend().getPartitionedState(cycleEnd, BasicSerializers.LONG, cycleDescriptor);
  }

  /** End of the slice containing {@code ts}. */
  private long sliceEnd(long ts) {
    return Math.floorDiv(ts - sliceOffset, slice) * slice + sliceOffset + slice;
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row in = record.getValue();
    Object time = in.getField(partialKeys < 0 ? timeField : partialKeys);
    if (time == null) {
      return; // no event time: belongs to no window
    }
    long ts = RowUtil.toMillis(time);
    if (window.kind() == WindowSpec.Kind.SESSION) {
      processSession(in, ts);
      return;
    }
    if (sliced) {
      processSliced(in, ts);
      return;
    }
    boolean accumulate = RowUtil.isAccumulate(in.getKind());
    long watermark = timers.currentWatermark();
    for (long end : window.windowEnds(ts)) {
      if (end - 1 <= watermark) {
        continue; // late: this window has fired
      }
      ValueState<GroupState> st = windowState(end);
      GroupState g = st.value();
      if (g == null) {
        if (!accumulate) {
          continue;
        }
        g = new GroupState(aggregator.createAccumulators());
        timers.registerEventTimeTimer(end, end - 1);
      }
      add(g, in, accumulate);
      st.update(g);
    }
  }

  @Override
  public void onEventTime(InternalTimer<Row, Object> timer) throws Exception {
    if (window.kind() == WindowSpec.Kind.SESSION) {
      fireSessions(timer.getKey(), timer.getTimestamp());
      return;
    }
    long end = (Long) timer.getNamespace();
    if (sliced) {
      if (window.kind() == WindowSpec.Kind.HOP) {
        fireHop(timer.getKey(), end);
      } else {
        fireCumulate(timer.getKey(), end);
      }
      return;
    }
    ValueState<GroupState> st = windowState(end);
    GroupState g = st.value();
    if (g != null && g.rowCount > 0) {
      emit(timer.getKey(), g.accs, window.windowStart(end), end);
    }
    st.clear();
  }

  private void emit(Row key, Object[] accs, long start, long end) {
    Row row = windowRows.row(key, key.getArity(), aggregator, accs, start, end);
    output.collect(out.replace(row, end - 1));
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, Object> timer) {}

  // ---------------------------------------------------------------- HOP / CUMULATE slices

  private void processSliced(Row in, long ts) throws Exception {
    boolean accumulate = RowUtil.isAccumulate(in.getKind());
    long watermark = timers.currentWatermark();
    long sliceEnd = sliceEnd(ts);
    boolean hop = window.kind() == WindowSpec.Kind.HOP;
    long lastWindow = hop ? sliceEnd + window.size() - slice : window.windowStart(sliceEnd) + window.size();
    if (lastWindow - 1 <= watermark) {
      return; // late: every window of the slice has fired
    }
    // fired windows end at or before watermark + 1: the first unfired one containing the slice
    boolean firstFired = sliceEnd - 1 <= watermark;
    long firstUnfired = firstFired ? sliceEnd(watermark + 1) : sliceEnd;
    // a CUMULATE row whose slice has been moved into the cycle counts for the later windows only
    ValueState<GroupState> st = !hop && firstFired ? cycleState(lastWindow) : sliceState(sliceEnd);
    GroupState g = st.value();
    if (g == null) {
      if (!accumulate) {
        return;
      }
      timers.registerEventTimeTimer(boxed(firstUnfired), firstUnfired - 1);
      if (partialKeys >= 0) {
        // the local operator has let go of the partial: it becomes the slice's accumulator
        st.update((GroupState) in.getField(partialKeys + 1));
        return;
      }
      g = new GroupState(aggregator.createAccumulators());
    }
    add(g, in, accumulate);
    st.update(g);
  }

  /** Applies an input row to {@code g}, or merges a partial row's accumulators into it. */
  private void add(GroupState g, Row in, boolean accumulate) {
    if (partialKeys >= 0) {
      GroupState partial = (GroupState) in.getField(partialKeys + 1);
      aggregator.merge(g.accs, partial.accs);
      g.rowCount += partial.rowCount;
    } else {
      aggregator.apply(g.accs, in);
      g.rowCount += accumulate ? 1 : -1;
    }
  }

  private void fireHop(Row key, long end) throws Exception {
    long firstSlice = end - window.size() + slice;
    GroupState only = null;
    Object[] merged = null;
    long rowCount = 0;
    boolean shared = false;
    for (long s = firstSlice; s <= end; s += slice) {
      ValueState<GroupState> st = sliceState(s);
      GroupState g = st.value();
      if (g == null) {
        continue;
      }
      rowCount += g.rowCount;
      if (only == null && merged == null) {
        only = g; // a window with one non-empty slice emits from it without a merge
      } else {
        if (merged == null) {
          merged = aggregator.createAccumulators();
          aggregator.merge(merged, only.accs);
        }
        aggregator.merge(merged, g.accs);
      }
      if (s == firstSlice) {
        st.clear(); // this is the last window containing it
      } else {
        shared = true;
      }
    }
    if (rowCount > 0) {
      emit(key, merged != null ? merged : only.accs, end - window.size(), end);
    }
    if (shared) {
      timers.registerEventTimeTimer(boxed(end + slice), end + slice - 1);
    }
  }

  private void fireCumulate(Row key, long end) throws Exception {
    long start = window.windowStart(end);
    long cycleEnd = start + window.size();
    ValueState<GroupState> cycle = cycleState(cycleEnd);
    GroupState acc = cycle.value();
    ValueState<GroupState> sliceSt = sliceState(end);
    GroupState last = sliceSt.value();
    if (last != null) {
      if (acc == null) {
        acc = last;
      } else {
        aggregator.merge(acc.accs, last.accs);
        acc.rowCount += last.rowCount;
      }
      sliceSt.clear();
    }
    if (acc == null) {
      return;
    }
    if (acc.rowCount > 0) {
      emit(key, acc.accs, start, end);
    }
    if (end >= cycleEnd) {
      cycle.clear();
    } else {
      cycle.update(acc);
      timers.registerEventTimeTimer(end + slice, end + slice - 1);
    }
  }

  // ---------------------------------------------------------------- SESSION

  /** One session of a key: [start, end) and its accumulators. */
  static final class Session {
    long start;
    long end;
    Object[] accs;

    Session(long start, long end, Object[] accs) {
      this.start = start;
      this.end = end;
      this.accs = accs;
    }
  }

  /**
   * Session timers are lazy: every session in state has a pending timer at or before its end - 1,
   * but not necessarily at it. A row that extends or merges sessions registers nothing (one of the
   * merged sessions' timers is at or before the new end - 1), and a timer that fires before a
   * session's end re-registers at the current end (see {@link #fireSessions}). A bidder's session
   * is extended by almost every row, and deleting and registering a timer per row was 70 % of
   * Nexmark q11's samples. The re-registered timer fires in the same watermark advance when the
   * watermark has passed it, so sessions are emitted at the same watermark as with a timer per end.
   */
  private void processSession(Row in, long ts) throws Exception {
    if (!RowUtil.isAccumulate(in.getKind())) {
      throw new UnsupportedOperationException(
          "SESSION window aggregation needs an insert-only input, got a " + in.getKind().shortString() + " row: " + in);
    }
    long start = ts;
    long end = ts + window.size();
    if (end - 1 <= timers.currentWatermark()) {
      return; // late
    }
    List<Session> list = sessions.value();
    Session target = null;
    if (list != null) {
      // sessions in state never touch each other, so only those touching the row's session merge
      for (int i = 0; i < list.size(); ) {
        Session s = list.get(i);
        // touching sessions merge, like Flink's TimeWindow.intersects
        if (s.start <= end && s.end >= start) {
          start = Math.min(start, s.start);
          end = Math.max(end, s.end);
          if (target == null) {
            target = s;
            i++;
          } else {
            aggregator.merge(target.accs, s.accs);
            list.remove(i);
          }
        } else {
          i++;
        }
      }
    }
    if (target != null) {
      // in place: the backend hands out a private copy of a value a running snapshot still reads
      target.start = start;
      target.end = end;
      aggregator.accumulate(target.accs, in);
      return;
    }
    Object[] accs = aggregator.createAccumulators();
    aggregator.accumulate(accs, in);
    if (list == null) {
      list = new ArrayList<>(2);
      list.add(new Session(start, end, accs));
      sessions.update(list);
    } else {
      list.add(new Session(start, end, accs));
    }
    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, end - 1);
  }

  private void fireSessions(Row key, long time) throws Exception {
    List<Session> list = sessions.value();
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); ) {
      Session s = list.get(i);
      if (s.end - 1 <= time) {
        emit(key, s.accs, s.start, s.end);
        list.remove(i);
      } else {
        // this may have been the session's only timer (lazy timers); a duplicate is ignored
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, s.end - 1);
        i++;
      }
    }
    if (list.isEmpty()) {
      sessions.clear();
    }
  }

  static final class SessionsSerializer implements TypeSerializer<List<Session>> {
    private final TypeSerializer<Object[]> accs;

    SessionsSerializer(TypeSerializer<Object[]> accs) {
      this.accs = accs;
    }

    @Override
    public void serialize(List<Session> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (Session s : value) {
        out.writeLong(s.start);
        out.writeLong(s.end);
        accs.serialize(s.accs, out);
      }
    }

    @Override
    public List<Session> deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      List<Session> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long start = in.readLong();
        long end = in.readLong();
        list.add(new Session(start, end, accs.deserialize(in)));
      }
      return list;
    }

    @Override
    public List<Session> copy(List<Session> value) {
      List<Session> list = new ArrayList<>(value.size());
      for (Session s : value) {
        list.add(new Session(s.start, s.end, accs.copy(s.accs)));
      }
      return list;
    }
  }
}
