package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.datastream.functions.CoProcessFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;

/** Runs a {@link CoProcessFunction}; timers only when both inputs are keyed. */
public class CoProcessOperator<IN1, IN2, OUT>
    extends AbstractUdfStreamOperator<OUT, CoProcessFunction<IN1, IN2, OUT>>
    implements TwoInputStreamOperator<IN1, IN2, OUT>, Triggerable<Object, VoidNamespace> {
  private transient TimestampedCollector<OUT> collector;
  private transient TimerService timerService;
  private transient ContextImpl ctx;
  private transient OnTimerContextImpl timerCtx;

  public CoProcessOperator(CoProcessFunction<IN1, IN2, OUT> function) {
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
  public void processElement1(StreamRecord<IN1> record) throws Exception {
    collector.setTimestamp(record);
    ctx.timestamp = Timers.timestampOf(record);
    userFunction.processElement1(record.getValue(), ctx, collector);
    ctx.timestamp = null;
  }

  @Override
  public void processElement2(StreamRecord<IN2> record) throws Exception {
    collector.setTimestamp(record);
    ctx.timestamp = Timers.timestampOf(record);
    userFunction.processElement2(record.getValue(), ctx, collector);
    ctx.timestamp = null;
  }

  @Override
  public void onEventTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    collector.setAbsoluteTimestamp(timer.getTimestamp());
    timerCtx.domain = TimeDomain.EVENT_TIME;
    timerCtx.timestamp = timer.getTimestamp();
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
  }

  @Override
  public void onProcessingTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    collector.eraseTimestamp();
    timerCtx.domain = TimeDomain.PROCESSING_TIME;
    timerCtx.timestamp = null;
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
  }

  private final class ContextImpl extends CoProcessFunction<IN1, IN2, OUT>.Context {
    Long timestamp;

    ContextImpl(CoProcessFunction<IN1, IN2, OUT> function) {
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

  private final class OnTimerContextImpl extends CoProcessFunction<IN1, IN2, OUT>.OnTimerContext {
    Long timestamp;
    TimeDomain domain;

    OnTimerContextImpl(CoProcessFunction<IN1, IN2, OUT> function) {
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
