package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.datastream.functions.CoProcessFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.TwoInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;

/** Runs a {@link CoProcessFunction}; timers only when both inputs are keyed. */
public class CoProcessOperator<IN1, IN2, OUT> extends ProcessOperatorBase<OUT, CoProcessFunction<IN1, IN2, OUT>>
    implements TwoInputStreamOperator<IN1, IN2, OUT>, Triggerable<Object, VoidNamespace> {
  private transient ContextImpl ctx;
  private transient OnTimerContextImpl timerCtx;

  public CoProcessOperator(CoProcessFunction<IN1, IN2, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    timerService = timerServiceIfKeyed(this);
    ctx = new ContextImpl(userFunction);
    timerCtx = new OnTimerContextImpl(userFunction);
  }

  @Override
  public void processElement1(StreamRecord<IN1> record) throws Exception {
    startElement(record);
    userFunction.processElement1(record.getValue(), ctx, collector);
    elementTimestamp = null;
  }

  @Override
  public void processElement2(StreamRecord<IN2> record) throws Exception {
    startElement(record);
    userFunction.processElement2(record.getValue(), ctx, collector);
    elementTimestamp = null;
  }

  @Override
  public void onEventTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    startTimer(timer, TimeDomain.EVENT_TIME);
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
  }

  @Override
  public void onProcessingTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    startTimer(timer, TimeDomain.PROCESSING_TIME);
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
  }

  private final class ContextImpl extends CoProcessFunction<IN1, IN2, OUT>.Context {
    ContextImpl(CoProcessFunction<IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return elementTimestamp;
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      SideOutputs.emit(output, outputTag, value, elementTimestamp);
    }
  }

  private final class OnTimerContextImpl extends CoProcessFunction<IN1, IN2, OUT>.OnTimerContext {
    OnTimerContextImpl(CoProcessFunction<IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public Long timestamp() {
      return timerTimestamp;
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      SideOutputs.emit(output, outputTag, value, timerTimestamp);
    }

    @Override
    public TimeDomain timeDomain() {
      return timeDomain;
    }
  }
}
