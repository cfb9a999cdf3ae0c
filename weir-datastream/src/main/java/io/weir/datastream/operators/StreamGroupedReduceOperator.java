package io.weir.datastream.operators;

import io.weir.core.functions.ReduceFunction;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;

/**
 * Rolling reduce per key (reduce, sum, min, max, minBy, maxBy). STREAMING emits the new aggregate
 * after every record, with that record's timestamp; BATCH emits only the final aggregate of each
 * key, from an event-time timer at +inf that the batch backend fires when the key changes or the
 * input ends, with the key's latest record timestamp (what the last STREAMING update carries).
 */
public class StreamGroupedReduceOperator<T> extends AbstractUdfStreamOperator<T, ReduceFunction<T>>
    implements OneInputStreamOperator<T, T>, Triggerable<Object, VoidNamespace> {
  private static final String STATE_NAME = "_rolling_reduce";

  private final TypeInfo<T> type;
  /**
   * User reduce functions may mutate and return their first argument, which is the stored
   * aggregate; when it was also emitted downstream that would change an already emitted record,
   * so the stored aggregate is a copy. Built-in aggregations never mutate their inputs.
   */
  private final boolean copyAggregate;

  private transient ValueState<T> aggregate;
  /** Null when no copy is needed. */
  private transient TypeSerializer<T> copier;
  private transient InternalTimerService<VoidNamespace> finalTimer;
  private transient boolean batch;
  /** BATCH: keys arrive one after another, so the current key's latest timestamp fits in a field. */
  private transient long batchKeyTimestamp;

  public StreamGroupedReduceOperator(ReduceFunction<T> reducer, TypeInfo<T> type, boolean copyAggregate) {
    super(reducer);
    this.type = type;
    this.copyAggregate = copyAggregate;
  }

  public StreamGroupedReduceOperator(ReduceFunction<T> reducer, TypeInfo<T> type) {
    this(reducer, type, true);
  }

  @Override
  public void open() throws Exception {
    super.open();
    aggregate = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, type));
    if (copyAggregate) {
      TypeSerializer<T> serializer = type.createSerializer();
      copier = serializer.isImmutableType() ? null : serializer;
    }
    batch = isBatchMode();
    if (batch) {
      finalTimer = getInternalTimerService("rolling-reduce-final", VoidNamespace.SERIALIZER, this);
    }
  }

  @Override
  public void processElement(StreamRecord<T> record) throws Exception {
    T value = record.getValue();
    T current = aggregate.value();
    T next;
    if (current == null) {
      next = value;
      if (batch) {
        finalTimer.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
        batchKeyTimestamp = record.getTimestamp();
      }
    } else {
      next = userFunction.reduce(current, value);
    }
    aggregate.update(copier != null ? copier.copy(next) : next);
    if (!batch) {
      output.collect(record.replace(next));
    } else {
      batchKeyTimestamp = Math.max(batchKeyTimestamp, record.getTimestamp());
    }
  }

  @Override
  public void onEventTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    T value = aggregate.value();
    if (value != null) {
      output.collect(new StreamRecord<>(value, batchKeyTimestamp));
      aggregate.clear();
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<Object, VoidNamespace> timer) {}
}
