package io.weir.runtime.state;

import static io.weir.runtime.testutil.TestTypes.INT;
import static io.weir.runtime.testutil.TestTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.runtime.testing.TestProcessingTimeService;
import io.weir.runtime.timers.InternalTimeServiceManager;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimerServiceTest {
  static final int MAX_PARALLELISM = 128;

  final TestProcessingTimeService clock = new TestProcessingTimeService();
  final KeyedStateBackend<String> backend = StateBackends.createKeyedStateBackend(
      RuntimeExecutionMode.STREAMING, STRING.createSerializer(), MAX_PARALLELISM,
      new KeyGroupRange(0, MAX_PARALLELISM - 1), new Configuration());
  final InternalTimeServiceManager<String> manager =
      StateBackends.createTimeServiceManager(RuntimeExecutionMode.STREAMING, backend, clock);
  final List<String> fired = new ArrayList<>();

  Triggerable<String, Integer> recorder(Consumer<InternalTimer<String, Integer>> onEvent) {
    return new Triggerable<>() {
      @Override
      public void onEventTime(InternalTimer<String, Integer> timer) {
        assertThat(backend.getCurrentKey()).isEqualTo(timer.getKey());
        fired.add("E:" + timer.getKey() + "@" + timer.getTimestamp() + "/" + timer.getNamespace());
        onEvent.accept(timer);
      }

      @Override
      public void onProcessingTime(InternalTimer<String, Integer> timer) {
        assertThat(backend.getCurrentKey()).isEqualTo(timer.getKey());
        fired.add("P:" + timer.getKey() + "@" + timer.getTimestamp() + "/" + timer.getNamespace());
      }
    };
  }

  @Test
  void eventTimersFireInTimestampOrderOnceAndOnlyWhenDue() throws Exception {
    InternalTimerService<Integer> ts = manager.getInternalTimerService("t", INT.createSerializer(), recorder(t -> {}));
    backend.setCurrentKey("a");
    ts.registerEventTimeTimer(0, 30);
    ts.registerEventTimeTimer(0, 10);
    ts.registerEventTimeTimer(0, 10); // duplicate
    ts.registerEventTimeTimer(1, 10); // other namespace: distinct
    backend.setCurrentKey("b");
    ts.registerEventTimeTimer(0, 20);
    ts.registerEventTimeTimer(0, 10);
    ts.registerEventTimeTimer(0, 40);
    ts.deleteEventTimeTimer(0, 40);
    ts.deleteEventTimeTimer(0, 999); // absent: no-op

    manager.advanceWatermark(9);
    assertThat(fired).isEmpty();
    manager.advanceWatermark(20);
    // Ties (t=10) fire in registration order.
    assertThat(fired).containsExactly("E:a@10/0", "E:a@10/1", "E:b@10/0", "E:b@20/0");
    assertThat(ts.currentWatermark()).isEqualTo(20);
    fired.clear();
    manager.advanceWatermark(Long.MAX_VALUE);
    assertThat(fired).containsExactly("E:a@30/0");
  }

  @Test
  void timersRegisteredWhileFiringFireInTheSameAdvanceWhenDue() throws Exception {
    InternalTimerService<Integer>[] holder = new InternalTimerService[1];
    holder[0] = manager.getInternalTimerService("t", INT.createSerializer(), recorder(t -> {
      if (t.getTimestamp() < 14) {
        holder[0].registerEventTimeTimer(0, t.getTimestamp() + 2);
      }
    }));
    backend.setCurrentKey("k");
    holder[0].registerEventTimeTimer(0, 10);
    manager.advanceWatermark(15);
    assertThat(fired).containsExactly("E:k@10/0", "E:k@12/0", "E:k@14/0");
  }

  @Test
  void deleteThenReRegisterFiresOnce() throws Exception {
    InternalTimerService<Integer> ts = manager.getInternalTimerService("t", INT.createSerializer(), recorder(t -> {}));
    backend.setCurrentKey("k");
    for (int i = 0; i < 1000; i++) {
      ts.registerEventTimeTimer(0, 5);
      ts.deleteEventTimeTimer(0, 5);
    }
    ts.registerEventTimeTimer(0, 5);
    manager.advanceWatermark(100);
    assertThat(fired).containsExactly("E:k@5/0");
  }

  @Test
  void processingTimersFireWhenTheClockPassesThem() throws Exception {
    InternalTimerService<Integer> ts = manager.getInternalTimerService("t", INT.createSerializer(), recorder(t -> {}));
    backend.setCurrentKey("a");
    ts.registerProcessingTimeTimer(0, 100);
    ts.registerProcessingTimeTimer(0, 100);
    ts.registerProcessingTimeTimer(0, 50);
    backend.setCurrentKey("b");
    ts.registerProcessingTimeTimer(0, 70);
    ts.registerProcessingTimeTimer(0, 80);
    ts.deleteProcessingTimeTimer(0, 80);
    clock.setCurrentTime(60);
    assertThat(fired).containsExactly("P:a@50/0");
    clock.setCurrentTime(200);
    assertThat(fired).containsExactly("P:a@50/0", "P:b@70/0", "P:a@100/0");
    assertThat(ts.currentProcessingTime()).isEqualTo(200);
    assertThat(clock.numPendingCallbacks()).isZero();
  }

  @Test
  void registeringWithoutCurrentKeyFailsClearly() {
    InternalTimerService<Integer> ts = manager.getInternalTimerService("svc", INT.createSerializer(), recorder(t -> {}));
    assertThatThrownBy(() -> ts.registerEventTimeTimer(0, 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'svc'").hasMessageContaining("No current key");
  }

  @Test
  void timersSurviveSnapshotRestoreAndWaitForTheirServiceByName() throws Exception {
    InternalTimerService<Integer> ts = manager.getInternalTimerService("t", INT.createSerializer(), recorder(t -> {}));
    InternalTimerService<Integer> other = manager.getInternalTimerService("other", INT.createSerializer(), recorder(t -> {}));
    backend.setCurrentKey("a");
    ts.registerEventTimeTimer(3, 10);
    ts.registerProcessingTimeTimer(4, 500);
    backend.setCurrentKey("b");
    ts.registerEventTimeTimer(5, 10);
    other.registerEventTimeTimer(6, 7);
    var snapshot = manager.snapshot(1);

    TestProcessingTimeService clock2 = new TestProcessingTimeService(100);
    KeyedStateBackend<String> backend2 = StateBackends.createKeyedStateBackend(
        RuntimeExecutionMode.STREAMING, STRING.createSerializer(), MAX_PARALLELISM,
        new KeyGroupRange(0, MAX_PARALLELISM - 1), new Configuration());
    InternalTimeServiceManager<String> manager2 =
        StateBackends.createTimeServiceManager(RuntimeExecutionMode.STREAMING, backend2, clock2);
    manager2.restore(List.of(snapshot));
    // "other" is never requested again, but its timers must be carried into the next snapshot.
    var snapshot2 = manager2.snapshot(2);

    TestProcessingTimeService clock3 = new TestProcessingTimeService(100);
    KeyedStateBackend<String> backend3 = StateBackends.createKeyedStateBackend(
        RuntimeExecutionMode.STREAMING, STRING.createSerializer(), MAX_PARALLELISM,
        new KeyGroupRange(0, MAX_PARALLELISM - 1), new Configuration());
    InternalTimeServiceManager<String> manager3 =
        StateBackends.createTimeServiceManager(RuntimeExecutionMode.STREAMING, backend3, clock3);
    manager3.restore(List.of(snapshot2));
    List<String> got = new ArrayList<>();
    Triggerable<String, Integer> rec = new Triggerable<>() {
      @Override
      public void onEventTime(InternalTimer<String, Integer> t) {
        got.add("E:" + backend3.getCurrentKey() + "@" + t.getTimestamp() + "/" + t.getNamespace());
      }

      @Override
      public void onProcessingTime(InternalTimer<String, Integer> t) {
        got.add("P:" + backend3.getCurrentKey() + "@" + t.getTimestamp() + "/" + t.getNamespace());
      }
    };
    manager3.getInternalTimerService("t", INT.createSerializer(), rec);
    manager3.getInternalTimerService("other", INT.createSerializer(), rec);
    manager3.advanceWatermark(10);
    assertThat(got).containsExactly("E:a@10/3", "E:b@10/5", "E:b@7/6");
    clock3.setCurrentTime(499);
    assertThat(got).hasSize(3);
    clock3.setCurrentTime(500);
    assertThat(got).endsWith("P:a@500/4");
  }

  @ParameterizedTest
  @ValueSource(longs = {3, 17, 99})
  void randomRegistrationsFireLikeASortedReference(long seed) throws Exception {
    Random rnd = new Random(seed);
    InternalTimerService<Integer> ts = manager.getInternalTimerService("t", INT.createSerializer(), recorder(t -> {}));
    record T(long time, String key, int ns) {}
    List<T> reference = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      T t = new T(rnd.nextInt(500), "k" + rnd.nextInt(20), rnd.nextInt(3));
      backend.setCurrentKey(t.key);
      if (rnd.nextInt(4) == 0 && !reference.isEmpty()) {
        T victim = reference.get(rnd.nextInt(reference.size()));
        backend.setCurrentKey(victim.key);
        ts.deleteEventTimeTimer(victim.ns, victim.time);
        reference.remove(victim);
      } else {
        ts.registerEventTimeTimer(t.ns, t.time);
        if (!reference.contains(t)) {
          reference.add(t);
        }
      }
    }
    manager.advanceWatermark(Long.MAX_VALUE);
    List<Long> times = fired.stream().map(s -> Long.parseLong(s.substring(s.indexOf('@') + 1, s.indexOf('/')))).toList();
    assertThat(times).isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(fired).containsExactlyInAnyOrderElementsOf(
        reference.stream().map(t -> "E:" + t.key + "@" + t.time + "/" + t.ns).toList());
  }
}
