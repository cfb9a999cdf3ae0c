package io.weir.datastream.join;

import io.weir.core.functions.OutputTag;
import io.weir.core.state.MapState;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keyed interval join: emits (left, right) for every pair of the same key with
 * {@code right.ts in [left.ts + lower, left.ts + upper]} (bounds inclusive here; exclusive bounds
 * are turned into inclusive ones by the API). Both sides are buffered in
 * {@code MapState<timestamp, List<value>>}; an element is removed when the watermark passes the
 * last timestamp a partner of it could still have (left: ts + upper, right: ts - lower). A record
 * with a timestamp at or below the watermark is late (its partners may be gone): it goes to the
 * side's late output if set, else it is dropped. In BATCH there is no watermark until the input
 * ends, so nothing is late and both sides of a key are complete before its timers fire.
 */
public class IntervalJoinOperator<K, T1, T2, OUT>
    extends AbstractUdfStreamOperator<OUT, ProcessJoinFunction<T1, T2, OUT>>
    implements TwoInputStreamOperator<T1, T2, OUT>, Triggerable<K, IntervalJoinOperator.Side> {
  private static final long serialVersionUID = 1L;

  /** Timer namespace: which buffer a cleanup timer is for. */
  public enum Side { LEFT, RIGHT }

  private final long lowerBound;
  private final long upperBound;
  private final TypeInfo<T1> leftType;
  private final TypeInfo<T2> rightType;
  private final OutputTag<T1> leftLateTag;
  private final OutputTag<T2> rightLateTag;

  private transient MapStateDescriptor<Long, List<T1>> leftDescriptor;
  private transient MapStateDescriptor<Long, List<T2>> rightDescriptor;
  private transient InternalTimerService<Side> timerService;
  private transient TimestampedCollector<OUT> collector;
  private transient ContextImpl context;
  private transient long lateDropped;

  /** Inclusive bounds: right.ts - left.ts in [lowerBound, upperBound]. */
  public IntervalJoinOperator(
      long lowerBound,
      long upperBound,
      TypeInfo<T1> leftType,
      TypeInfo<T2> rightType,
      ProcessJoinFunction<T1, T2, OUT> function,
      OutputTag<T1> leftLateTag,
      OutputTag<T2> rightLateTag) {
    super(function);
    if (lowerBound > upperBound) {
      throw new IllegalArgumentException(
          "interval join: the lower bound (" + lowerBound + " ms) must not be above the upper bound (" + upperBound
              + " ms, after applying exclusive bounds)");
    }
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
    this.leftType = leftType;
    this.rightType = rightType;
    this.leftLateTag = leftLateTag;
    this.rightLateTag = rightLateTag;
  }

  @Override
  public void open() throws Exception {
    leftDescriptor = new MapStateDescriptor<>("_interval-join-left", Types.LONG, Types.LIST(leftType));
    rightDescriptor = new MapStateDescriptor<>("_interval-join-right", Types.LONG, Types.LIST(rightType));
    timerService = getInternalTimerService("interval-join-cleanup", SideSerializer.INSTANCE, this);
    collector = new TimestampedCollector<>(output);
    context = new ContextImpl(userFunction);
    super.open();
  }

  @Override
  public void close() throws Exception {
    if (lateDropped > 0) {
      org.slf4j.LoggerFactory.getLogger(IntervalJoinOperator.class)
          .info("Interval join '{}' dropped {} late records", getName(), lateDropped);
    }
    super.close();
  }

  private MapState<Long, List<T1>> left() {
    return getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, leftDescriptor);
  }

  private MapState<Long, List<T2>> right() {
    return getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, rightDescriptor);
  }

  private long checkTimestamp(StreamRecord<?> record, int input) {
    if (!record.hasTimestamp()) {
      throw new IllegalStateException(
          "Interval join '" + getName() + "' got a record without a timestamp on input " + input
              + ": interval joins are defined on event time; assign timestamps with a WatermarkStrategy on the source");
    }
    return record.getTimestamp();
  }

  private boolean isLate(long ts) {
    return !isBatchMode() && ts <= currentWatermark;
  }

  @Override
  public void processElement1(StreamRecord<T1> record) throws Exception {
    long ts = checkTimestamp(record, 1);
    T1 value = record.getValue();
    if (isLate(ts)) {
      late(leftLateTag, record);
      return;
    }
    MapState<Long, List<T1>> buffer = left();
    append(buffer, ts, value);
    long from = saturatedAdd(ts, lowerBound);
    long to = saturatedAdd(ts, upperBound);
    List<Map.Entry<Long, List<T2>>> matches = new ArrayList<>();
    for (Map.Entry<Long, List<T2>> e : right().entries()) {
      long rts = e.getKey();
      if (rts >= from && rts <= to) {
        matches.add(e);
      }
    }
    for (Map.Entry<Long, List<T2>> e : matches) {
      for (T2 r : e.getValue()) {
        emit(value, r, ts, e.getKey());
      }
    }
    registerCleanup(Side.LEFT, ts, upperBound);
  }

  @Override
  public void processElement2(StreamRecord<T2> record) throws Exception {
    long ts = checkTimestamp(record, 2);
    T2 value = record.getValue();
    if (isLate(ts)) {
      late(rightLateTag, record);
      return;
    }
    MapState<Long, List<T2>> buffer = right();
    append(buffer, ts, value);
    long from = saturatedAdd(ts, -upperBound);
    long to = saturatedAdd(ts, -lowerBound);
    List<Map.Entry<Long, List<T1>>> matches = new ArrayList<>();
    for (Map.Entry<Long, List<T1>> e : left().entries()) {
      long lts = e.getKey();
      if (lts >= from && lts <= to) {
        matches.add(e);
      }
    }
    for (Map.Entry<Long, List<T1>> e : matches) {
      for (T1 l : e.getValue()) {
        emit(l, value, e.getKey(), ts);
      }
    }
    registerCleanup(Side.RIGHT, ts, -lowerBound);
  }

  private static <T> void append(MapState<Long, List<T>> buffer, long ts, T value) {
    List<T> list = buffer.get(ts);
    if (list == null) {
      list = new ArrayList<>(1);
    }
    list.add(value);
    buffer.put(ts, list);
  }

  private <T> void late(OutputTag<T> tag, StreamRecord<T> record) {
    if (tag != null) {
      output.collect(tag, new StreamRecord<>(record.getValue(), record.getTimestamp()));
    } else {
      lateDropped++;
    }
  }

  /** The last timestamp a partner can have is ts + delta; once the watermark is there, drop the element. */
  private void registerCleanup(Side side, long ts, long delta) {
    long cleanup = saturatedAdd(ts, delta);
    if (cleanup == Long.MAX_VALUE || cleanup == Long.MIN_VALUE) {
      return; // unbounded interval: kept until the job ends
    }
    timerService.registerEventTimeTimer(side, cleanup);
  }

  private void emit(T1 left, T2 right, long leftTs, long rightTs) throws Exception {
    long ts = Math.max(leftTs, rightTs);
    collector.setAbsoluteTimestamp(ts);
    context.leftTs = leftTs;
    context.rightTs = rightTs;
    userFunction.processElement(left, right, context, collector);
  }

  @Override
  public void onEventTime(InternalTimer<K, Side> timer) throws Exception {
    if (timer.getNamespace() == Side.LEFT) {
      left().remove(timer.getTimestamp() - upperBound);
    } else {
      right().remove(timer.getTimestamp() + lowerBound);
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<K, Side> timer) {}

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
  }

  public long getLowerBound() {
    return lowerBound;
  }

  public long getUpperBound() {
    return upperBound;
  }

  private final class ContextImpl extends ProcessJoinFunction<T1, T2, OUT>.Context {
    long leftTs;
    long rightTs;

    ContextImpl(ProcessJoinFunction<T1, T2, OUT> outer) {
      outer.super();
    }

    @Override
    public long getLeftTimestamp() {
      return leftTs;
    }

    @Override
    public long getRightTimestamp() {
      return rightTs;
    }

    @Override
    public long getTimestamp() {
      return Math.max(leftTs, rightTs);
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      output.collect(outputTag, new StreamRecord<>(value, getTimestamp()));
    }
  }

  /** Serializer of the timer namespace. */
  static final class SideSerializer implements TypeSerializer<Side> {
    static final SideSerializer INSTANCE = new SideSerializer();
    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(Side value, DataOutput out) throws IOException {
      out.writeByte(value.ordinal());
    }

    @Override
    public Side deserialize(DataInput in) throws IOException {
      return Side.values()[in.readByte()];
    }

    @Override
    public Side copy(Side value) {
      return value;
    }

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
