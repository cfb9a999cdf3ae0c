package io.weir.runtime.operators;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.state.AsyncSnapshot;
import io.weir.runtime.state.KeyGroupRange;
import io.weir.runtime.state.KeyGroupRangeAssignment;
import io.weir.runtime.state.KeyedStateBackend;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.state.OperatorStateStore;
import io.weir.runtime.state.StateBackends;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.streamrecord.Watermark;
import io.weir.runtime.streamrecord.WatermarkStatus;
import io.weir.runtime.timers.InternalTimeServiceManager;
import io.weir.runtime.timers.InternalTimerService;
import io.weir.runtime.timers.Triggerable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base of all operators: keyed state and timers when the operator is keyed, operator state,
 * watermark handling (two-input: minimum of both inputs, idle inputs excluded), snapshots.
 * Subclasses implement processElement(s) and use the hooks {@link #restoreOrInitState} and
 * {@link #snapshotOperatorState}.
 */
public abstract class AbstractStreamOperator<OUT> implements StreamOperator<OUT> {
  private String name = getClass().getSimpleName();

  protected transient OperatorContext context;
  protected transient Output<OUT> output;
  private transient KeyedStateBackend<Object> keyedStateBackend;
  private transient InternalTimeServiceManager<Object> timeServiceManager;
  private transient OperatorStateStore operatorStateStore;
  private transient StreamingRuntimeContext runtimeContext;
  private transient KeySelector<Object, Object> keySelector1;
  private transient KeySelector<Object, Object> keySelector2;

  /** Combined (operator-level) watermark; for two inputs the minimum of the active inputs. */
  protected transient long currentWatermark;
  private transient long input1Watermark;
  private transient long input2Watermark;
  private transient boolean input1Idle;
  private transient boolean input2Idle;

  @Override
  @SuppressWarnings("unchecked")
  public void setup(OperatorContext context, Output<OUT> output) {
    this.context = context;
    this.output = output;
    this.keySelector1 = (KeySelector<Object, Object>) context.getStateKeySelector(1);
    this.keySelector2 = (KeySelector<Object, Object>) context.getStateKeySelector(2);
    this.currentWatermark = Long.MIN_VALUE;
    this.input1Watermark = Long.MIN_VALUE;
    this.input2Watermark = Long.MIN_VALUE;
    this.runtimeContext = new StreamingRuntimeContext(this);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final void initializeState() throws Exception {
    List<OperatorSnapshot> restored = context.getRestoredState();
    operatorStateStore = StateBackends.createOperatorStateStore();
    if (!restored.isEmpty()) {
      operatorStateStore.restore(restored, context.getSubtaskIndex(), context.getParallelism());
    }
    if (isKeyed()) {
      KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperator(
          context.getMaxParallelism(), context.getParallelism(), context.getSubtaskIndex());
      keyedStateBackend = StateBackends.createKeyedStateBackend(
          context.getExecutionMode(),
          (TypeSerializer<Object>) context.getStateKeySerializer(),
          context.getMaxParallelism(),
          range,
          context.getConfiguration());
      timeServiceManager = StateBackends.createTimeServiceManager(
          context.getExecutionMode(), keyedStateBackend, context.getProcessingTimeService());
      if (!restored.isEmpty()) {
        List<Map<Integer, byte[]>> keyed = new ArrayList<>();
        List<Map<Integer, byte[]>> timers = new ArrayList<>();
        for (OperatorSnapshot s : restored) {
          keyed.add(s.keyedState);
          timers.add(s.timers);
        }
        keyedStateBackend.restore(keyed);
        timeServiceManager.restore(timers);
      }
    }
    restoreOrInitState(!restored.isEmpty());
  }

  /** Hook: register/restore operator state here (state backends exist already). */
  protected void restoreOrInitState(boolean restored) throws Exception {}

  /** Hook: copy fields into registered operator state before it is snapshotted. */
  protected void snapshotOperatorState(long checkpointId) throws Exception {}

  @Override
  public void open() throws Exception {}

  @Override
  public void finish() throws Exception {}

  @Override
  public void close() throws Exception {
    if (keyedStateBackend != null) {
      keyedStateBackend.dispose();
    }
  }

  /**
   * Keyed state is frozen now and written by the returned snapshot (on a snapshot thread);
   * timers and operator state are written now (they are small).
   */
  @Override
  public final AsyncSnapshot<OperatorSnapshot> snapshotStateAsync(long checkpointId)
      throws Exception {
    snapshotOperatorState(checkpointId);
    OperatorSnapshot snapshot = new OperatorSnapshot();
    if (keyedStateBackend == null) {
      operatorStateStore.snapshot(snapshot);
      return AsyncSnapshot.done(snapshot);
    }
    AsyncSnapshot<Map<Integer, byte[]>> keyed = keyedStateBackend.snapshotAsync(checkpointId);
    try {
      snapshot.timers.putAll(timeServiceManager.snapshot(checkpointId));
      operatorStateStore.snapshot(snapshot);
    } catch (Throwable t) {
      keyed.discard();
      throw t;
    }
    return keyed.map(k -> {
      snapshot.keyedState.putAll(k);
      return snapshot;
    });
  }

  @Override
  public final OperatorSnapshot snapshotState(long checkpointId) throws Exception {
    snapshotOperatorState(checkpointId);
    OperatorSnapshot snapshot = new OperatorSnapshot();
    if (keyedStateBackend != null) {
      snapshot.keyedState.putAll(keyedStateBackend.snapshot(checkpointId));
      snapshot.timers.putAll(timeServiceManager.snapshot(checkpointId));
    }
    operatorStateStore.snapshot(snapshot);
    return snapshot;
  }

  // ---------------------------------------------------------------- watermarks

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    currentWatermark = mark.getTimestamp();
    if (timeServiceManager != null) {
      timeServiceManager.advanceWatermark(mark.getTimestamp());
    }
    output.emitWatermark(mark);
  }

  public void processWatermark1(Watermark mark) throws Exception {
    input1Watermark = mark.getTimestamp();
    advanceCombinedWatermark();
  }

  public void processWatermark2(Watermark mark) throws Exception {
    input2Watermark = mark.getTimestamp();
    advanceCombinedWatermark();
  }

  /** Two-input operators: an idle input does not hold back the combined watermark. */
  public void processWatermarkStatus(int input, WatermarkStatus status) throws Exception {
    if (input == 1) {
      input1Idle = status.isIdle();
    } else {
      input2Idle = status.isIdle();
    }
    advanceCombinedWatermark();
  }

  private void advanceCombinedWatermark() throws Exception {
    long combined;
    if (input1Idle && input2Idle) {
      return;
    } else if (input1Idle) {
      combined = input2Watermark;
    } else if (input2Idle) {
      combined = input1Watermark;
    } else {
      combined = Math.min(input1Watermark, input2Watermark);
    }
    if (combined > currentWatermark) {
      processWatermark(new Watermark(combined));
    }
  }

  public long getCurrentWatermark() {
    return currentWatermark;
  }

  // ---------------------------------------------------------------- keys

  public boolean isKeyed() {
    return keySelector1 != null || keySelector2 != null;
  }

  public void setKeyContextElement1(StreamRecord<?> record) throws Exception {
    if (keySelector1 != null) {
      setCurrentKey(keySelector1.getKey(record.getValue()));
    }
  }

  public void setKeyContextElement2(StreamRecord<?> record) throws Exception {
    if (keySelector2 != null) {
      setCurrentKey(keySelector2.getKey(record.getValue()));
    }
  }

  public void setCurrentKey(Object key) {
    requireKeyed("a current key").setCurrentKey(key);
  }

  public Object getCurrentKey() {
    return requireKeyed("a current key").getCurrentKey();
  }

  @SuppressWarnings("unchecked")
  public <K> KeyedStateBackend<K> getKeyedStateBackend() {
    return (KeyedStateBackend<K>) keyedStateBackend;
  }

  public OperatorStateStore getOperatorStateStore() {
    return operatorStateStore;
  }

  @SuppressWarnings("unchecked")
  public <K, N> InternalTimerService<N> getInternalTimerService(
      String timerServiceName, TypeSerializer<N> namespaceSerializer, Triggerable<K, N> triggerable) {
    requireKeyed("timers");
    return timeServiceManager.getInternalTimerService(
        timerServiceName, namespaceSerializer, (Triggerable<Object, N>) triggerable);
  }

  private KeyedStateBackend<Object> requireKeyed(String what) {
    if (keyedStateBackend == null) {
      throw new UnsupportedOperationException(
          "Operator '" + name + "' uses " + what + ", which exists only on a keyed stream: "
              + "call keyBy(...) before this operation");
    }
    return keyedStateBackend;
  }

  // ---------------------------------------------------------------- misc

  public StreamingRuntimeContext getRuntimeContext() {
    return runtimeContext;
  }

  public OperatorContext getOperatorContext() {
    return context;
  }

  public Output<OUT> getOutput() {
    return output;
  }

  protected boolean isBatchMode() {
    return context.getExecutionMode() == RuntimeExecutionMode.BATCH;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public void setName(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}
