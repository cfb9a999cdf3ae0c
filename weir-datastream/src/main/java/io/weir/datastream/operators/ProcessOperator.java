package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.datastream.functions.ProcessFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;

/**
 * Runs a {@link ProcessFunction}. On a keyed stream (process called after keyBy) the function
 * gets keyed state and timers; otherwise registering a timer fails with a clear message.
 */
public class ProcessOperator<IN, OUT> extends ProcessOperatorBase<OUT, ProcessFunction<IN, OUT>>
    implements OneInputStreamOperator<IN, OUT>, Triggerable<Object, VoidNamespace> {
  private transient ContextImpl ctx;
  private transient OnTimerContextImpl timerCtx;

  public ProcessOperator(ProcessFunction<IN, OUT> function) {
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
  public void processElement(StreamRecord<IN> record) throws Exception {
    startElement(record);
    userFunction.processElement(record.getValue(), ctx, collector);
    elementTimestamp = null;
  }

  @Override
  public void onEventTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    fire(timer, TimeDomain.EVENT_TIME);
  }

  @Override
  public void onProcessingTime(InternalTimer<Object, VoidNamespace> timer) throws Exception {
    fire(timer, TimeDomain.PROCESSING_TIME);
  }

  private void fire(InternalTimer<Object, VoidNamespace> timer, TimeDomain domain) throws Exception {
    startTimer(timer, domain);
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
    timeDomain = null;
  }

  private final class ContextImpl extends ProcessFunction<IN, OUT>.Context {
    ContextImpl(ProcessFunction<IN, OUT> function) {
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

  private final class OnTimerContextImpl extends ProcessFunction<IN, OUT>.OnTimerContext {
    OnTimerContextImpl(ProcessFunction<IN, OUT> function) {
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
