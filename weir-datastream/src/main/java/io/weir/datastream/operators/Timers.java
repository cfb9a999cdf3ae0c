package io.weir.datastream.operators;

import io.weir.datastream.functions.TimerService;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.timers.InternalTimerService;

/** Adapters from the runtime's timer services to the user-facing {@link TimerService}. */
final class Timers {
  static final String USER_TIMERS = "user-timers";

  private Timers() {}

  static TimerService keyed(InternalTimerService<VoidNamespace> internal) {
    return new TimerService() {
      @Override
      public long currentProcessingTime() {
        return internal.currentProcessingTime();
      }

      @Override
      public long currentWatermark() {
        return internal.currentWatermark();
      }

      @Override
      public void registerEventTimeTimer(long time) {
        internal.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
      }

      @Override
      public void registerProcessingTimeTimer(long time) {
        internal.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
      }

      @Override
      public void deleteEventTimeTimer(long time) {
        internal.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
      }

      @Override
      public void deleteProcessingTimeTimer(long time) {
        internal.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
      }
    };
  }

  /** Time can be read on any stream, but timers need a key to be scoped to. */
  static TimerService nonKeyed(AbstractStreamOperator<?> operator) {
    return new TimerService() {
      @Override
      public long currentProcessingTime() {
        return operator.getOperatorContext().getProcessingTimeService().getCurrentProcessingTime();
      }

      @Override
      public long currentWatermark() {
        return operator.getCurrentWatermark();
      }

      @Override
      public void registerEventTimeTimer(long time) {
        throw unsupported();
      }

      @Override
      public void registerProcessingTimeTimer(long time) {
        throw unsupported();
      }

      @Override
      public void deleteEventTimeTimer(long time) {
        throw unsupported();
      }

      @Override
      public void deleteProcessingTimeTimer(long time) {
        throw unsupported();
      }

      private UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException(
            "Operator '" + operator.getName() + "' uses timers, which exist only on a keyed stream: "
                + "call keyBy(...) before process(...)");
      }
    };
  }

  static Long timestampOf(io.weir.runtime.streamrecord.StreamRecord<?> record) {
    return record != null && record.hasTimestamp() ? record.getTimestamp() : null;
  }
}
