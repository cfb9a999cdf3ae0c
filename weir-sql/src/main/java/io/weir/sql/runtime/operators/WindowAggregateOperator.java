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
 * <p>Rows whose windows have all fired already (late rows) are dropped. TUMBLE/HOP/CUMULATE keep one
 * accumulator per window (namespace = window end) and accept retractions (-U/-D); SESSION merges
 * overlapping sessions and needs an insert-only input. In BATCH every window of a key fires on the
 * key's end-of-input timers.
 */
public final class WindowAggregateOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row>, Triggerable<Row, Object> {
  private final WindowSpec window;
  private final int timeField;
  private final Class<?> timeClass;
  private final RowAggregator aggregator;

  private transient ValueStateDescriptor<GroupState> windowDescriptor;
  private transient ValueState<List<Session>> sessions;
  private transient InternalTimerService<Object> timers;
  private transient StreamRecord<Row> out;

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
    this.window = window;
    this.timeField = timeField;
    this.timeClass = inputType.getFieldType(timeField).getTypeClass();
    this.aggregator = new RowAggregator(aggregates, inputType, inputRetracts);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open() throws Exception {
    windowDescriptor = new ValueStateDescriptor<>("window-accs", GroupState.typeInfo(aggregator));
    TypeSerializer ns = window.kind() == WindowSpec.Kind.SESSION ? VoidNamespace.SERIALIZER : BasicSerializers.LONG;
    timers = getInternalTimerService("window-agg", ns, this);
    if (window.kind() == WindowSpec.Kind.SESSION) {
      sessions = getKeyedStateBackend().getState(new ValueStateDescriptor<>("sessions",
          new SimpleTypeInfo<>((Class<List<Session>>) (Class) List.class, new SessionsSerializer(aggregator.serializer()),
              "List<Session>")));
    }
    out = new StreamRecord<>(null);
  }

  private ValueState<GroupState> windowState(long end) {
    return getKeyedStateBackend().getPartitionedState(end, BasicSerializers.LONG, windowDescriptor);
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row in = record.getValue();
    Object time = in.getField(timeField);
    if (time == null) {
      return; // no event time: belongs to no window
    }
    long ts = RowUtil.toMillis(time);
    if (window.kind() == WindowSpec.Kind.SESSION) {
      processSession(in, ts);
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
      aggregator.apply(g.accs, in);
      g.rowCount += accumulate ? 1 : -1;
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
    ValueState<GroupState> st = windowState(end);
    GroupState g = st.value();
    if (g != null && g.rowCount > 0) {
      emit(timer.getKey(), g.accs, window.windowStart(end), end);
    }
    st.clear();
  }

  private void emit(Row key, Object[] accs, long start, long end) {
    int k = key.getArity();
    int n = aggregator.size();
    Row row = new Row(k + n + 3);
    for (int i = 0; i < k; i++) {
      row.setField(i, key.getField(i));
    }
    aggregator.getValues(accs, row, k);
    row.setField(k + n, RowUtil.fromMillis(start, timeClass));
    row.setField(k + n + 1, RowUtil.fromMillis(end, timeClass));
    row.setField(k + n + 2, RowUtil.fromMillis(end - 1, timeClass));
    output.collect(out.replace(row, end - 1));
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, Object> timer) {}

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
    if (list == null) {
      list = new ArrayList<>();
    }
    Object[] accs = aggregator.createAccumulators();
    aggregator.accumulate(accs, in);
    List<Session> kept = new ArrayList<>();
    for (Session s : list) {
      // touching sessions merge, like Flink's TimeWindow.intersects
      if (s.start <= end && s.end >= start) {
        start = Math.min(start, s.start);
        end = Math.max(end, s.end);
        aggregator.merge(accs, s.accs);
        timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, s.end - 1);
      } else {
        kept.add(s);
      }
    }
    kept.add(new Session(start, end, accs));
    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, end - 1);
    sessions.update(kept);
  }

  private void fireSessions(Row key, long time) throws Exception {
    List<Session> list = sessions.value();
    if (list == null) {
      return;
    }
    List<Session> kept = new ArrayList<>();
    for (Session s : list) {
      if (s.end - 1 <= time) {
        emit(key, s.accs, s.start, s.end);
      } else {
        kept.add(s);
      }
    }
    if (kept.isEmpty()) {
      sessions.clear();
    } else {
      sessions.update(kept);
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
