package io.weir.datastream.operators;

import io.weir.core.functions.OutputTag;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;

/** Runs a {@link KeyedProcessFunction} with keyed state and timers (VoidNamespace). */
public class KeyedProcessOperator<K, IN, OUT> extends ProcessOperatorBase<OUT, KeyedProcessFunction<K, IN, OUT>>
    implements OneInputStreamOperator<IN, OUT>, Triggerable<K, VoidNamespace> {
  private transient ContextImpl ctx;
  private transient OnTimerContextImpl timerCtx;

  public KeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    timerService = keyedTimerService(this);
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
  public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    fire(timer, TimeDomain.EVENT_TIME);
  }

  @Override
  public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    fire(timer, TimeDomain.PROCESSING_TIME);
  }

  private void fire(InternalTimer<K, VoidNamespace> timer, TimeDomain domain) throws Exception {
    startTimer(timer, domain);
    userFunction.onTimer(timer.getTimestamp(), timerCtx, collector);
    timeDomain = null;
  }

  private final class ContextImpl extends KeyedProcessFunction<K, IN, OUT>.Context {
    ContextImpl(KeyedProcessFunction<K, IN, OUT> function) {
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

    @Override
    public K getCurrentKey() {
      return typedCurrentKey();
    }
  }

  private final class OnTimerContextImpl extends KeyedProcessFunction<K, IN, OUT>.OnTimerContext {
    OnTimerContextImpl(KeyedProcessFunction<K, IN, OUT> function) {
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
    public K getCurrentKey() {
      return typedCurrentKey();
    }

    @Override
    public TimeDomain timeDomain() {
      return timeDomain;
    }
  }
}
