package io.weir.datastream.operators;

import io.weir.core.functions.Function;
import io.weir.datastream.functions.TimeDomain;
import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.AbstractUdfStreamOperator;
import io.weir.runtime.operators.TimestampedCollector;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.Triggerable;

/**
 * The plumbing every process-style operator shares. The function contexts must extend the user
 * function's own inner classes, so they cannot share a base class; instead they are thin views
 * over the fields here, which the operator sets before each call into the function.
 */
abstract class ProcessOperatorBase<OUT, F extends Function> extends AbstractUdfStreamOperator<OUT, F> {
  transient TimestampedCollector<OUT> collector;
  /** Null for functions that have no timers. */
  transient TimerService timerService;
  /** What the element contexts report as {@code timestamp()}. */
  transient Long elementTimestamp;
  /** What the timer context reports as {@code timestamp()}: set for event time only. */
  transient Long timerTimestamp;
  transient TimeDomain timeDomain;

  ProcessOperatorBase(F function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(output);
  }

  /** Timers scoped to the current key, delivered to {@code target}. */
  final TimerService keyedTimerService(Triggerable<?, VoidNamespace> target) {
    return Timers.keyed(getInternalTimerService(Timers.USER_TIMERS, VoidNamespace.SERIALIZER, target));
  }

  /** Keyed timers after keyBy; otherwise time can be read but registering a timer fails clearly. */
  final TimerService timerServiceIfKeyed(Triggerable<?, VoidNamespace> target) {
    return isKeyed() ? keyedTimerService(target) : Timers.nonKeyed(this);
  }

  /** Before an element goes to the function: results and side outputs carry its timestamp. */
  final void startElement(StreamRecord<?> record) {
    collector.setTimestamp(record);
    elementTimestamp = Timers.timestampOf(record);
  }

  /**
   * Before a timer goes to the function: event-time timers stamp results with the timer time,
   * processing-time timers leave them without a timestamp.
   */
  final void startTimer(InternalTimer<?, ?> timer, TimeDomain domain) {
    if (domain == TimeDomain.EVENT_TIME) {
      collector.setAbsoluteTimestamp(timer.getTimestamp());
      timerTimestamp = timer.getTimestamp();
    } else {
      collector.eraseTimestamp();
      timerTimestamp = null;
    }
    timeDomain = domain;
  }

  long processingTime() {
    return context.getProcessingTimeService().getCurrentProcessingTime();
  }

  @SuppressWarnings("unchecked")
  <K> K typedCurrentKey() {
    return (K) getCurrentKey();
  }
}
