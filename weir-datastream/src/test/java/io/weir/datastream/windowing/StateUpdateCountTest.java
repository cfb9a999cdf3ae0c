package io.weir.datastream.windowing;

import static io.weir.datastream.windowing.WindowTestFunctions.KEY;
import static io.weir.datastream.windowing.WindowTestFunctions.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.state.AggregatingState;
import io.weir.core.state.ListState;
import io.weir.core.state.MapState;
import io.weir.core.state.ReducingState;
import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.types.Tuple2;
import io.weir.core.types.Types;
import io.weir.datastream.windowing.WindowTestFunctions.Variant;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.operators.InternalWindowFunction;
import io.weir.datastream.windowing.operators.SlicingWindowOperator;
import io.weir.datastream.windowing.operators.WindowContents;
import io.weir.datastream.windowing.operators.WindowOperator;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.runtime.operators.OneInputStreamOperator;
import io.weir.runtime.state.KeyedStateBackend;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sliding windows must not cost one state update per overlapping window per record: counts the
 * writes an operator makes to keyed state while processing records (not while firing) through a
 * counting view of its state backend.
 */
class StateUpdateCountTest {
  private static final Set<String> WRITES = Set.of("update", "add", "addAll", "put", "putAll", "remove", "clear");

  @ParameterizedTest(name = "size={0} slide={1} {2}")
  @CsvSource({
      "10, 1, REDUCE", "60, 1, REDUCE", "600, 10, AGGREGATE", "200, 2, PROCESS", "90, 30, AGGREGATE_PROCESS"})
  void panesCostOneUpdatePerRecordWhateverTheOverlap(long size, long slide, Variant variant) throws Exception {
    double panes = updatesPerRecord(true, size, slide, variant);
    assertThat(panes).as("state writes per record, pane-based").isEqualTo(1.0);

    // The same count on the per-window operator grows with size/slide: the counter sees it.
    double perWindow = updatesPerRecord(false, size, slide, variant);
    assertThat(perWindow).as("state writes per record, per-window operator").isGreaterThanOrEqualTo(size / slide * 0.9);
  }

  /** State writes of the operator under test (the tests of this class run one at a time). */
  private static final AtomicLong WRITE_COUNT = new AtomicLong();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private double updatesPerRecord(boolean slicing, long size, long slide, Variant variant) throws Exception {
    SlidingEventTimeWindows assigner = SlidingEventTimeWindows.of(Duration.ofMillis(size), Duration.ofMillis(slide));
    OneInputStreamOperator<Tuple2<String, Long>, Object> operator = slicing
        ? new CountingSlicing(assigner, variant.contents(), variant.function())
        : new CountingPerWindow((WindowAssigner) assigner, variant.contents(), variant.function());
    AtomicLong writes = WRITE_COUNT;
    OneInputOperatorTestHarness<Tuple2<String, Long>, Object> h =
        new OneInputOperatorTestHarness<>(operator, KEY, Types.STRING);
    h.open();
    Random rnd = new Random(size * 1000 + slide);
    int records = 2000;
    long duringRecords = 0;
    for (int i = 0; i < records; i++) {
      long before = writes.get();
      h.processElement(t("k" + rnd.nextInt(3), rnd.nextInt(10)), i * 3L + rnd.nextInt(3));
      duringRecords += writes.get() - before;
      if (i % 50 == 49) {
        h.processWatermark(i * 3L - 20);
      }
    }
    h.processWatermark(Long.MAX_VALUE);
    assertThat(h.getOutputRecords()).isNotEmpty();
    h.close();
    return (double) duringRecords / records;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static final class CountingSlicing extends SlicingWindowOperator<String, Tuple2<String, Long>, Object, Object, Object> {
    private transient KeyedStateBackend counting;

    CountingSlicing(SlidingEventTimeWindows assigner, WindowContents<Tuple2<String, Long>, Object, Object> contents,
        InternalWindowFunction<Object, Object, String, TimeWindow> fn) {
      super(assigner, contents, fn, 0, null);
    }

    @Override
    public KeyedStateBackend getKeyedStateBackend() {
      if (counting == null) {
        counting = countingBackend(super.getKeyedStateBackend(), WRITE_COUNT);
      }
      return counting;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static final class CountingPerWindow extends WindowOperator<String, Tuple2<String, Long>, Object, Object, Object, TimeWindow> {
    private transient KeyedStateBackend counting;

    CountingPerWindow(WindowAssigner<Tuple2<String, Long>, TimeWindow> assigner,
        WindowContents<Tuple2<String, Long>, Object, Object> contents,
        InternalWindowFunction<Object, Object, String, TimeWindow> fn) {
      super(assigner, contents, fn, (Trigger) assigner.getDefaultTrigger(), 0, null, 0);
    }

    @Override
    public KeyedStateBackend getKeyedStateBackend() {
      if (counting == null) {
        counting = countingBackend(super.getKeyedStateBackend(), WRITE_COUNT);
      }
      return counting;
    }
  }

  private static KeyedStateBackend<?> countingBackend(KeyedStateBackend<?> real, AtomicLong writes) {
    return (KeyedStateBackend<?>) Proxy.newProxyInstance(
        StateUpdateCountTest.class.getClassLoader(), new Class<?>[] {KeyedStateBackend.class}, (proxy, m, args) -> {
          Object result = invoke(real, m, args);
          if (m.getName().equals("getPartitionedState") || m.getName().equals("getState")) {
            StateDescriptor<?, ?> d = (StateDescriptor<?, ?>) args[args.length - 1];
            return countingState((State) result, stateInterface(d), writes);
          }
          return result;
        });
  }

  private static Class<?> stateInterface(StateDescriptor<?, ?> d) {
    return switch (d.getKind()) {
      case VALUE -> ValueState.class;
      case LIST -> ListState.class;
      case MAP -> MapState.class;
      case REDUCING -> ReducingState.class;
      case AGGREGATING -> AggregatingState.class;
    };
  }

  private static Object countingState(State real, Class<?> iface, AtomicLong writes) {
    return Proxy.newProxyInstance(StateUpdateCountTest.class.getClassLoader(), new Class<?>[] {iface}, (proxy, m, args) -> {
      if (WRITES.contains(m.getName())) {
        writes.incrementAndGet();
      }
      return invoke(real, m, args);
    });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
