package io.weir.runtime.state;

import static io.weir.runtime.testutil.TestTypes.INT;
import static io.weir.runtime.testutil.TestTypes.LONG;
import static io.weir.runtime.testutil.TestTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.runtime.testing.TestProcessingTimeService;
import io.weir.runtime.timers.InternalTimeServiceManager;
import io.weir.runtime.timers.InternalTimer;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keyed state and timers written by N subtasks, snapshotted, restored into M subtasks: every key's
 * state and timers must end up on exactly the subtask owning its key group, unchanged.
 */
class KeyedStateRescalingTest {
  static final ValueStateDescriptor<Long> VALUE = new ValueStateDescriptor<>("value", LONG);
  static final ListStateDescriptor<String> LIST = new ListStateDescriptor<>("list", STRING);
  static final MapStateDescriptor<String, Long> MAP = new MapStateDescriptor<>("map", STRING, LONG);
  static final ListStateDescriptor<Long> WINDOW = new ListStateDescriptor<>("window", LONG);

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    int[][] scalings = {{2, 3}, {3, 1}, {1, 4}, {4, 2}};
    for (int[] s : scalings) {
      for (long seed : new long[] {1L, 42L, 4711L}) {
        for (int maxParallelism : new int[] {16, 128}) {
          args.add(Arguments.of(s[0], s[1], maxParallelism, seed));
        }
      }
    }
    return args.stream();
  }

  record Expected(long value, List<String> list, Map<String, Long> map, Map<Integer, List<Long>> windows,
                  List<Long> eventTimers) {}

  @ParameterizedTest(name = "{0} -> {1} subtasks, max parallelism {2}, seed {3}")
  @MethodSource("cases")
  void stateAndTimersFollowTheirKeyGroups(int from, int to, int maxParallelism, long seed) throws Exception {
    Random rnd = new Random(seed);
    Map<String, Expected> expected = new TreeMap<>();
    int keys = 200 + rnd.nextInt(200);
    for (int i = 0; i < keys; i++) {
      String key = "key-" + rnd.nextInt(1_000_000);
      List<String> list = new ArrayList<>();
      for (int j = rnd.nextInt(4); j > 0; j--) {
        list.add("e" + rnd.nextInt(100));
      }
      Map<String, Long> map = new HashMap<>();
      for (int j = rnd.nextInt(3); j > 0; j--) {
        map.put("m" + rnd.nextInt(10), rnd.nextLong());
      }
      Map<Integer, List<Long>> windows = new HashMap<>();
      for (int j = rnd.nextInt(3); j > 0; j--) {
        windows.computeIfAbsent(rnd.nextInt(5), w -> new ArrayList<>()).add(rnd.nextLong());
      }
      List<Long> timers = new ArrayList<>();
      for (int j = rnd.nextInt(3); j > 0; j--) {
        long t = rnd.nextInt(1000);
        if (!timers.contains(t)) {
          timers.add(t);
        }
      }
      expected.put(key, new Expected(rnd.nextLong(), list, map, windows, timers));
    }

    List<Map<Integer, byte[]>> keyedSnapshots = new ArrayList<>();
    List<Map<Integer, byte[]>> timerSnapshots = new ArrayList<>();
    for (int subtask = 0; subtask < from; subtask++) {
      Subtask s = new Subtask(maxParallelism, from, subtask);
      for (Map.Entry<String, Expected> e : expected.entrySet()) {
        if (!s.backend.getKeyGroupRange().contains(KeyGroupRangeAssignment.assignToKeyGroup(e.getKey(), maxParallelism))) {
          continue;
        }
        Expected x = e.getValue();
        s.backend.setCurrentKey(e.getKey());
        s.backend.getState(VALUE).update(x.value);
        s.backend.getState(LIST).addAll(x.list);
        s.backend.getState(MAP).putAll(x.map);
        for (Map.Entry<Integer, List<Long>> w : x.windows.entrySet()) {
          s.backend.getPartitionedState(w.getKey(), INT.createSerializer(), WINDOW).addAll(w.getValue());
        }
        for (long t : x.eventTimers) {
          s.timers.registerEventTimeTimer(VoidNamespace.INSTANCE, t);
        }
      }
      keyedSnapshots.add(s.backend.snapshot(1));
      timerSnapshots.add(s.manager.snapshot(1));
    }

    Map<String, Integer> owner = new HashMap<>();
    for (int subtask = 0; subtask < to; subtask++) {
      Subtask s = new Subtask(maxParallelism, to, subtask, keyedSnapshots, timerSnapshots);
      List<String> seen = new ArrayList<>();
      s.backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, VALUE, (k, st) -> seen.add(k));
      for (String key : seen) {
        assertThat(owner.put(key, subtask)).as("key %s restored twice", key).isNull();
        assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, to)).isEqualTo(subtask);
        Expected x = expected.get(key);
        s.backend.setCurrentKey(key);
        assertThat(s.backend.getState(VALUE).value()).isEqualTo(x.value);
        assertThat(s.backend.getState(LIST).get()).containsExactlyElementsOf(x.list);
        Map<String, Long> map = new HashMap<>();
        s.backend.getState(MAP).entries().forEach(en -> map.put(en.getKey(), en.getValue()));
        assertThat(map).isEqualTo(x.map);
        for (int w = 0; w < 5; w++) {
          assertThat(s.backend.getPartitionedState(w, INT.createSerializer(), WINDOW).get())
              .containsExactlyElementsOf(x.windows.getOrDefault(w, List.of()));
        }
      }
      s.manager.advanceWatermark(Long.MAX_VALUE);
      Map<String, List<Long>> fired = new TreeMap<>();
      for (InternalTimer<String, VoidNamespace> t : s.fired) {
        assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator(t.getKey(), maxParallelism, to)).isEqualTo(subtask);
        fired.computeIfAbsent(t.getKey(), k -> new ArrayList<>()).add(t.getTimestamp());
      }
      for (Map.Entry<String, List<Long>> f : fired.entrySet()) {
        assertThat(f.getValue()).containsExactlyElementsOf(
            expected.get(f.getKey()).eventTimers.stream().sorted().toList());
      }
      for (String key : seen) {
        if (!expected.get(key).eventTimers.isEmpty()) {
          assertThat(fired).containsKey(key);
        }
      }
    }
    assertThat(owner.keySet()).isEqualTo(expected.keySet());
  }

  static final class Subtask {
    final KeyedStateBackend<String> backend;
    final InternalTimeServiceManager<String> manager;
    final InternalTimerService<VoidNamespace> timers;
    final List<InternalTimer<String, VoidNamespace>> fired = new ArrayList<>();

    Subtask(int maxParallelism, int parallelism, int index) throws Exception {
      this(maxParallelism, parallelism, index, List.of(), List.of());
    }

    Subtask(int maxParallelism, int parallelism, int index,
            List<Map<Integer, byte[]>> keyed, List<Map<Integer, byte[]>> timerState) throws Exception {
      backend = StateBackends.createKeyedStateBackend(RuntimeExecutionMode.STREAMING, STRING.createSerializer(),
          maxParallelism, KeyGroupRangeAssignment.rangeForOperator(maxParallelism, parallelism, index),
          new Configuration());
      manager = StateBackends.createTimeServiceManager(
          RuntimeExecutionMode.STREAMING, backend, new TestProcessingTimeService());
      backend.restore(keyed);
      manager.restore(timerState);
      timers = manager.getInternalTimerService("t", VoidNamespace.SERIALIZER, new Triggerable<>() {
        @Override
        public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
          assertThat(backend.getCurrentKey()).isEqualTo(timer.getKey());
          fired.add(timer);
        }

        @Override
        public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}
      });
    }
  }
}
