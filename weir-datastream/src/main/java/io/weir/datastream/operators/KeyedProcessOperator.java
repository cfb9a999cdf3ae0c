package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;

/** Runs a {@link KeyedProcessFunction} with keyed state and timers (VoidNamespace). */
public class KeyedProcessOperator<K, IN, OUT>
    extends AbstractUdfStreamOperator<OUT, KeyedProcessFunction<K, IN, OUT>>
    implements OneInputStreamOperator<IN, OUT>, Triggerable<K, VoidNamespace> {
  private transient TimestampedCollector<OUT> collector;
  private transient TimerService timerService;
  private transient ContextImpl ctx;
  private transient OnTimerContextImpl timerCtx;

  public KeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(output);
    timerService = Timers.keyed(getInternalTimerService(Timers.USER_TIMERS, VoidNamespace.SERIALIZER, this));
    ctx = new ContextImpl(userFunction);
    timerCtx = new OnTimerContextImpl(userFunction);
  }

  @Override
  public void processElement(StreamRecord<IN> record) throws Exception {
    collector.setTimestamp(record);
    ctx.timestamp = Timers.timestampOf(record);
    userFunction.processElement(record.getValue(), ctx, collector);
    ctx.timestamp = null;
  }

  @Override
  public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    collector.setAbsoluteTimestamp(timer.getTimestamp());
    fire(timer.getTimestamp(), TimeDomain.EVENT_TIME, timer.getTimestamp());
  }

  @Override
  public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    collector.eraseTimestamp();
    fire(timer.getTimestamp(), TimeDomain.PROCESSING_TIME, null);
  }

  private void fire(long time, TimeDomain domain, Long timestamp) throws Exception {
    timerCtx.domain = domain;
    timerCtx.timestamp = timestamp;
    userFunction.onTimer(time, timerCtx, collector);
    timerCtx.domain = null;
  }

  @SuppressWarnings("unchecked")
  private K currentKey() {
    return (K) getCurrentKey();
  }

  private final class ContextImpl extends KeyedProcessFunction<K, IN, OUT>.Context {
    Long timestamp;

    ContextImpl(KeyedProcessFunction<K, IN, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return timestamp;
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      SideOutputs.emit(output, outputTag, value, timestamp);
    }

    @Override
    public K getCurrentKey() {
      return currentKey();
    }
  }

  private final class OnTimerContextImpl extends KeyedProcessFunction<K, IN, OUT>.OnTimerContext {
    Long timestamp;
    TimeDomain domain;

    OnTimerContextImpl(KeyedProcessFunction<K, IN, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return timestamp;
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      SideOutputs.emit(output, outputTag, value, timestamp);
    }

    @Override
    public K getCurrentKey() {
      return currentKey();
    }

    @Override
    public TimeDomain timeDomain() {
      return domain;
    }
  }
}
