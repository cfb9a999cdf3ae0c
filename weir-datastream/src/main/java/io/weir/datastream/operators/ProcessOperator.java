package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.datastream.functions.ProcessFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;

/**
 * Runs a {@link ProcessFunction}. On a keyed stream (process called after keyBy) the function
 * gets keyed state and timers; otherwise registering a timer fails with a clear message.
 */
public class ProcessOperator<IN, OUT> extends AbstractUdfStreamOperator<OUT, ProcessFunction<IN, OUT>>
    implements OneInputStreamOperator<IN, OUT>, Triggerable<Object, VoidNamespace> {
  private transient TimestampedCollector<OUT> collector;
  private transient TimerService timerService;
  private transient ContextImpl ctx;
  private transient OnTimerContextImpl timerCtx;

  public ProcessOperator(ProcessFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(output);
    timerService = isKeyed()
        ? Timers.keyed(getInternalTimerService(Timers.USER_TIMERS, VoidNamespace.SERIALIZER, this))
        : Timers.nonKeyed(this);
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
  public void onEventTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    collector.setAbsoluteTimestamp(timer.getTimestamp());
    fire(timer.getTimestamp(), TimeDomain.EVENT_TIME, timer.getTimestamp());
  }

  @Override
  public void onProcessingTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    collector.eraseTimestamp();
    fire(timer.getTimestamp(), TimeDomain.PROCESSING_TIME, null);
  }

  private void fire(long time, TimeDomain domain, Long timestamp) throws Exception {
    timerCtx.domain = domain;
    timerCtx.timestamp = timestamp;
    userFunction.onTimer(time, timerCtx, collector);
    timerCtx.domain = null;
  }

  private final class ContextImpl extends ProcessFunction<IN, OUT>.Context {
    Long timestamp;

    ContextImpl(ProcessFunction<IN, OUT> function) {
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
  }

  private final class OnTimerContextImpl extends ProcessFunction<IN, OUT>.OnTimerContext {
    Long timestamp;
    TimeDomain domain;

    OnTimerContextImpl(ProcessFunction<IN, OUT> function) {
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
    public TimeDomain timeDomain() {
      return domain;
    }
  }
}
