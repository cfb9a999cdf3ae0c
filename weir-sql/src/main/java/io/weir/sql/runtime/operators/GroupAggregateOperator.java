package io.weir.sql.runtime.operators;

import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.core.types.RowTypeInfo;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import io.weir.sql.runtime.aggregate.GroupState;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.util.RowUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY aggregation on a keyed input (the state key must be the Row of the grouping fields, in
 * order, as a {@link io.weir.sql.runtime.functions.RowKeySelector} of those fields yields; an empty
 * Row for a global aggregate). Output rows are {@code key fields ++ aggregate values}.
 *
 * <p>STREAMING: consumes a changelog (+I/+U accumulate, -U/-D retract) and emits one: +I for a new
 * group, -U old / +U new when a group's result changes (nothing when unchanged), -D when the
 * group's row count reaches 0. A retraction for an unknown group (e.g. expired by TTL) is ignored.
 * With {@code stateTtlMillis > 0} a group not touched for that long (processing time) is dropped
 * silently, as {@code table.exec.state.ttl} in Flink. With {@code miniBatchSize > 0} input is
 * buffered per key and folded before state access; the buffer is flushed when it holds that many
 * rows, every {@code miniBatchLatencyMs} of processing time, before each checkpoint barrier, on
 * the final watermark and at end of input; a watermark that arrives while rows are buffered is held
 * back until the flush.
 *
 * <p>BATCH (input sorted by key by the engine): accumulates a key's rows and emits only its final
 * +I row from the key's end-of-input timer, so the same operator is correct in both modes.
 */
public final class GroupAggregateOperator extends AbstractStreamOperator<Row>
    implements OneInputStreamOperator<Row, Row>, Triggerable<Row, VoidNamespace> {
  private final RowAggregator aggregator;
  /** Merges the partial rows of a {@link LocalGroupAggregateOperator} instead of applying rows. */
  private final boolean global;
  private final int inputArity;
  private final long stateTtlMillis;
  private final int miniBatchSize;
  private final long miniBatchLatencyMs;

  private transient ValueState<GroupState> state;
  private transient InternalTimerService<VoidNamespace> timers;
  /** Buffered rows per key: a Row while the key has one (most keys), else an ArrayList of them. */
  /** STREAMING with mini-batch only, else null. */
  private transient KeyedMiniBatch<Object> miniBatch;
  private transient StreamRecord<Row> out;
  private transient boolean sawInput;
  private transient boolean emptyGlobalChecked;
  private transient io.weir.runtime.timers.ProcessingTimeService.Cancellable latencyFlush;

  /**
   * @param aggregates aggregate calls over input fields
   * @param inputType type of the input rows (argument types for accumulator serializers)
   * @param stateTtlMillis idle-state retention in ms ({@code table.exec.state.ttl}); 0 = forever
   * @param miniBatchSize rows buffered before folding ({@code table.exec.mini-batch.size}); 0 = off
   */
  public GroupAggregateOperator(List<AggregateSpec> aggregates, RowTypeInfo inputType, long stateTtlMillis,
      int miniBatchSize) {
    this(aggregates, inputType, stateTtlMillis, miniBatchSize, DEFAULT_MINI_BATCH_LATENCY_MS);
  }

  /** Default {@code table.exec.mini-batch.allow-latency}: buffered rows wait at most this long. */
  public static final long DEFAULT_MINI_BATCH_LATENCY_MS = 1000;

  /**
   * @param miniBatchLatencyMs with mini-batch on, buffered rows are also flushed every this many ms
   *     of processing time ({@code table.exec.mini-batch.allow-latency})
   */
  public GroupAggregateOperator(List<AggregateSpec> aggregates, RowTypeInfo inputType, long stateTtlMillis,
      int miniBatchSize, long miniBatchLatencyMs) {
    this(aggregates, inputType, stateTtlMillis, miniBatchSize, miniBatchLatencyMs, true);
  }

  /**
   * @param inputRetracts false when the input is insert-only: MIN/MAX then keep one value per group
   *     instead of a value multiset (no retraction can take the extreme away)
   */
  public GroupAggregateOperator(List<AggregateSpec> aggregates, RowTypeInfo inputType, long stateTtlMillis,
      int miniBatchSize, long miniBatchLatencyMs, boolean inputRetracts) {
    this(new RowAggregator(aggregates, inputType, inputRetracts), false, inputType.getArity(), stateTtlMillis,
        miniBatchSize, miniBatchLatencyMs);
  }

  /**
   * The global phase of a two-phase aggregation: its input is the partial rows ({@code key fields ++
   * [GroupState]}) of a {@link LocalGroupAggregateOperator} over the same aggregates and input
   * type, keyed by the key fields; each partial is merged into the group's state (its row count
   * added), and the output is the one-phase operator's.
   *
   * @param inputType type of the rows the local phase aggregates
   * @param keyCount number of grouping fields (the partial row's first fields)
   */
  public static GroupAggregateOperator global(List<AggregateSpec> aggregates, RowTypeInfo inputType, int keyCount,
      long stateTtlMillis, int miniBatchSize, long miniBatchLatencyMs) {
    return new GroupAggregateOperator(new RowAggregator(aggregates, inputType, false), true, keyCount + 1,
        stateTtlMillis, miniBatchSize, miniBatchLatencyMs);
  }

  private GroupAggregateOperator(RowAggregator aggregator, boolean global, int inputArity, long stateTtlMillis,
      int miniBatchSize, long miniBatchLatencyMs) {
    this.aggregator = aggregator;
    this.global = global;
    this.inputArity = inputArity;
    this.stateTtlMillis = stateTtlMillis;
    this.miniBatchSize = miniBatchSize;
    this.miniBatchLatencyMs = miniBatchLatencyMs;
  }

  /** Without TTL and mini-batch. */
  public GroupAggregateOperator(List<AggregateSpec> aggregates, RowTypeInfo inputType) {
    this(aggregates, inputType, 0, 0);
  }

  @Override
  public void open() throws Exception {
    state = getKeyedStateBackend().getState(new ValueStateDescriptor<>("group-accs", GroupState.typeInfo(aggregator)));
    timers = getInternalTimerService("group-agg", VoidNamespace.SERIALIZER, this);
    miniBatch = miniBatchSize > 0 && !batch() ? new KeyedMiniBatch<>(this, miniBatchSize) : null;
    out = new StreamRecord<>(null);
    if (miniBatchSize > 0 && miniBatchLatencyMs > 0 && !batch()) {
      latencyFlush = getOperatorContext().getProcessingTimeService()
          .scheduleAtFixedRate(t -> flushMiniBatch(), miniBatchLatencyMs, miniBatchLatencyMs);
    }
  }

  @Override
  public void close() throws Exception {
    if (latencyFlush != null) {
      latencyFlush.cancel();
    }
    super.close();
  }

  private boolean batch() {
    return isBatchMode();
  }

  @Override
  public void processElement(StreamRecord<Row> record) throws Exception {
    Row in = record.getValue();
    sawInput = true;
    if (batch()) {
      GroupState st = state.value();
      if (st == null) {
        st = new GroupState(aggregator.createAccumulators());
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
      }
      state.update(apply(st, in));
      return;
    }
    if (miniBatch != null) {
      if (miniBatch.add((Row) getCurrentKey(), in, GroupAggregateOperator::bufferMore)) {
        flushMiniBatch();
      }
      return;
    }
    process((Row) getCurrentKey(), in, record.getTimestamp());
  }

  @SuppressWarnings("unchecked")
  private static Object bufferMore(Object buffered, Object in) {
    if (buffered instanceof Row first) {
      List<Row> rows = new ArrayList<>(4);
      rows.add(first);
      rows.add((Row) in);
      return rows;
    }
    ((List<Row>) buffered).add((Row) in);
    return buffered;
  }

  /**
   * Applies rows of the current key ({@code rows}: one Row or a List of them, as buffered) and
   * emits the change of its result.
   */
  @SuppressWarnings("unchecked")
  private void process(Row key, Object rows, long timestamp) throws Exception {
    GroupState st = state.value();
    Row before = null;
    if (st != null && st.rowCount > 0) {
      before = result(key, st);
    }
    if (rows instanceof Row in) {
      st = apply(st, in);
    } else {
      for (Row in : (List<Row>) rows) {
        st = apply(st, in);
      }
    }
    if (st == null) {
      return;
    }
    if (st.rowCount <= 0) {
      state.clear();
      if (before != null) {
        before.setKind(RowKind.DELETE); // result() rows are this call's own: no copy needed
        emit(before, timestamp);
      }
      return;
    }
    if (stateTtlMillis > 0) {
      long now = timers.currentProcessingTime();
      st.lastAccess = now;
      if (st.cleanupTime == 0) {
        st.cleanupTime = now + stateTtlMillis;
        timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, st.cleanupTime);
      }
    }
    state.update(st);
    Row after = result(key, st);
    if (before == null) {
      emit(after, timestamp);
    } else if (!RowUtil.sameFields(before, after)) {
      before.setKind(RowKind.UPDATE_BEFORE);
      emit(before, timestamp);
      after.setKind(RowKind.UPDATE_AFTER);
      emit(after, timestamp);
    }
  }

  /** Folds one row into the group's state (created on first accumulate); null stays null on a retraction. */
  private GroupState apply(GroupState st, Row in) {
    if (global) {
      GroupState partial = (GroupState) in.getField(inputArity - 1);
      if (st == null) {
        // a new group starts as its first partial: the local phase made it for this one consumer
        // and never touches it again (most keys of a mini-batch are new: no copy, no merge)
        return partial;
      }
      aggregator.merge(st.accs, partial.accs);
      st.rowCount += partial.rowCount;
      return st;
    }
    boolean accumulate = RowUtil.isAccumulate(in.getKind());
    if (st == null) {
      if (!accumulate) {
        return null; // retraction of a group we do not know (expired or never seen)
      }
      st = new GroupState(aggregator.createAccumulators());
    }
    aggregator.apply(st.accs, in);
    st.rowCount += accumulate ? 1 : -1;
    return st;
  }

  private Row result(Row key, GroupState st) {
    int k = key.getArity();
    Row row = new Row(k + aggregator.size());
    for (int i = 0; i < k; i++) {
      row.setField(i, key.getField(i));
    }
    aggregator.getValues(st.accs, row, k);
    return row;
  }

  private void emit(Row row, long timestamp) {
    out.replace(row, timestamp);
    output.collect(out);
  }

  private void flushMiniBatch() throws Exception {
    Watermark held = miniBatch == null ? null
        : miniBatch.flush((key, rows) -> process(key, rows, StreamRecord.NO_TIMESTAMP));
    if (held != null) {
      super.processWatermark(held);
    }
  }

  /** With mini-batch, a watermark waits for the next flush ({@link KeyedMiniBatch}). */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (miniBatch != null && miniBatch.hold(mark)) {
      return;
    }
    flushMiniBatch();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flushMiniBatch();
  }

  @Override
  public void endInput() throws Exception {
    if (!batch()) {
      flushMiniBatch();
    }
    emitEmptyGlobalAggregate();
  }

  @Override
  public void finish() throws Exception {
    if (!batch()) {
      flushMiniBatch();
    }
    emitEmptyGlobalAggregate();
  }

  /**
   * SQL gives a global aggregate (no GROUP BY) one row even over no input ({@code COUNT(*) = 0}).
   * Subtask 0 emits it at end of input when the global group does not exist, in both modes, so
   * that STREAMING and BATCH end with the same result.
   */
  @SuppressWarnings("unchecked")
  private void emitEmptyGlobalAggregate() throws Exception {
    if (emptyGlobalChecked || getOperatorContext().getSubtaskIndex() != 0) {
      return;
    }
    emptyGlobalChecked = true;
    Row key;
    try {
      key = ((io.weir.core.functions.KeySelector<Row, Row>) getOperatorContext().getStateKeySelector(1))
          .getKey(new Row(inputArity));
    } catch (Exception | Error e) {
      return; // not a Row key selector we can probe: not a global aggregate
    }
    if (key == null || key.getArity() != 0) {
      return;
    }
    if (batch()) {
      if (sawInput) {
        return;
      }
    } else {
      setCurrentKey(key);
      GroupState st = state.value();
      if (st != null && st.rowCount > 0) {
        return;
      }
    }
    emit(result(key, new GroupState(aggregator.createAccumulators())), StreamRecord.NO_TIMESTAMP);
  }

  @Override
  public void onEventTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    GroupState st = state.value();
    if (st != null && st.rowCount > 0) {
      emit(result(timer.getKey(), st), StreamRecord.NO_TIMESTAMP);
    }
    state.clear();
  }

  @Override
  public void onProcessingTime(InternalTimer<Row, VoidNamespace> timer) throws Exception {
    GroupState st = state.value();
    if (st == null || stateTtlMillis <= 0) {
      return;
    }
    long now = timer.getTimestamp();
    if (st.lastAccess + stateTtlMillis <= now) {
      state.clear();
    } else {
      st.cleanupTime = st.lastAccess + stateTtlMillis;
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, st.cleanupTime);
      state.update(st);
    }
  }
}
