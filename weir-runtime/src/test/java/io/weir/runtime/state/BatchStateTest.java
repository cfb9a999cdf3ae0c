package io.weir.runtime.state;

import static io.weir.runtime.testutil.TestTypes.LONG;
import static io.weir.runtime.testutil.TestTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.testing.TestProcessingTimeService;
import io.weir.runtime.timers.InternalTimeServiceManager;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchStateTest {
  static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", LONG);

  final TestProcessingTimeService clock = new TestProcessingTimeService();
  final KeyedStateBackend<String> backend = StateBackends.createKeyedStateBackend(
      RuntimeExecutionMode.BATCH, STRING.createSerializer(), 128, new KeyGroupRange(0, 127), new Configuration());
  final InternalTimeServiceManager<String> manager =
      StateBackends.createTimeServiceManager(RuntimeExecutionMode.BATCH, backend, clock);
  final List<String> log = new ArrayList<>();
  InternalTimerService<VoidNamespace> timers;

  void setUpTimers() {
    timers = manager.getInternalTimerService("t", VoidNamespace.SERIALIZER, new Triggerable<>() {
      @Override
      public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
        // The key's state is still readable while its timers fire.
        ValueState<Long> count = backend.getState(COUNT);
        log.add(timer.getKey() + "@" + timer.getTimestamp() + " count=" + count.value()
            + " wm=" + (timers.currentWatermark() == Long.MAX_VALUE ? "+inf" : timers.currentWatermark()));
        if (timer.getTimestamp() == 5) {
          timers.registerEventTimeTimer(VoidNamespace.INSTANCE, 1_000); // registered while firing: fires too
        }
      }

      @Override
      public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        log.add("processing timer fired");
      }
    });
  }

  void record(String key, long... timerTimes) {
    backend.setCurrentKey(key);
    ValueState<Long> count = backend.getState(COUNT);
    count.update(count.value() == null ? 1 : count.value() + 1);
    for (long t : timerTimes) {
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, t);
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, t);
    }
  }

  @Test
  void keyChangeFiresPreviousKeysTimersInOrderThenDropsItsState() throws Exception {
    setUpTimers();
    List<String> changes = new ArrayList<>();
    backend.addKeyChangeListener(previous -> changes.add(previous));
    record("a", 30, 5);
    record("a", 20, 5);
    assertThat(timers.currentWatermark()).isEqualTo(Long.MIN_VALUE);
    assertThat(log).isEmpty();
    record("b", 7);
    assertThat(changes).containsExactly("a");
    assertThat(log).containsExactly(
        "a@5 count=2 wm=+inf", "a@20 count=2 wm=+inf", "a@30 count=2 wm=+inf", "a@1000 count=2 wm=+inf");
    // Records of the next key are never late.
    assertThat(timers.currentWatermark()).isEqualTo(Long.MIN_VALUE);
    assertThat(backend.getState(COUNT).value()).isEqualTo(1L);
    record("c");
    backend.setCurrentKey("a"); // a key seen before starts empty: its state was dropped
    assertThat(backend.getState(COUNT).value()).isNull();
    log.clear();
    record("a", 3);
    manager.advanceWatermark(100); // not the end: ignored
    assertThat(log).isEmpty();
    manager.advanceWatermark(Long.MAX_VALUE);
    assertThat(log).containsExactly("a@3 count=1 wm=+inf");
    clock.setCurrentTime(Long.MAX_VALUE);
    assertThat(log).doesNotContain("processing timer fired");
  }

  @Test
  void sameKeyAgainIsNoChange() throws Exception {
    setUpTimers();
    record("x", 1);
    record("x");
    assertThat(log).isEmpty();
    assertThat(backend.getState(COUNT).value()).isEqualTo(2L);
  }

  @Test
  void snapshotsAreRefusedInBatchMode() {
    assertThatThrownBy(() -> backend.snapshot(1))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("BATCH");
    assertThatThrownBy(() -> manager.snapshot(1))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("BATCH");
  }

  @Test
  void userExceptionFromATimerPropagatesFromSetCurrentKey() {
    InternalTimerService<VoidNamespace> ts = manager.getInternalTimerService("t", VoidNamespace.SERIALIZER,
        new Triggerable<String, VoidNamespace>() {
          @Override
          public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
            throw new java.io.IOException("user failure");
          }

          @Override
          public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}
        });
    backend.setCurrentKey("a");
    ts.registerEventTimeTimer(VoidNamespace.INSTANCE, 1);
    assertThatThrownBy(() -> backend.setCurrentKey("b")).isInstanceOf(java.io.IOException.class).hasMessage("user failure");
  }
}
