package io.weir.datastream.windowing.operators;

import io.weir.core.functions.OutputTag;
import io.weir.core.state.ListState;
import io.weir.core.state.ReducingState;
import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.core.state.ValueState;
import io.weir.core.state.ValueStateDescriptor;
import io.weir.core.types.SerializerTypeInfo;
import io.weir.datastream.windowing.assigners.MergingWindowAssigner;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.triggers.TriggerResult;
import io.weir.datastream.windowing.windows.Window;
import io.weir.runtime.state.VoidNamespace;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.timers.InternalTimer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The general keyed window operator: any assigner (incl. merging session windows and global
 * windows) and any trigger. Window contents live in keyed state with the window as namespace, so
 * an element assigned to n windows costs n state updates; tumbling and sliding windows with their
 * default trigger use {@link SlicingWindowOperator} instead.
 *
 * <p>A window lives until its cleanup time (end + allowed lateness for event time, end for
 * processing time; global windows never end). A record whose windows are all past their cleanup
 * time is late: it goes to the late-data side output or is dropped.
 *
 * <p>{@code keepLastCount > 0} (sliding count windows, list contents only): at each firing only the
 * last {@code keepLastCount} elements are kept and given to the function.
 */
public class WindowOperator<K, IN, ACC, R, OUT, W extends Window> extends BaseWindowOperator<K, IN, R, OUT, W> {
  private static final long serialVersionUID = 1L;

  private final WindowAssigner<? super IN, W> windowAssigner;
  private final WindowContents<IN, ACC, R> contents;
  private final Trigger<? super IN, ? super W> trigger;
  private final long keepLastCount;
  private final ValueStateDescriptor<Map<W, W>> mergingSetDescriptor;

  private transient WindowContents.Handle<IN, ACC, R, W> handle;
  private transient TriggerContextImpl triggerContext;
  private transient WindowAssigner.WindowAssignerContext assignerContext;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public WindowOperator(
      WindowAssigner<? super IN, W> windowAssigner,
      WindowContents<IN, ACC, R> contents,
      InternalWindowFunction<R, OUT, K, W> windowFunction,
      Trigger<? super IN, ? super W> trigger,
      long allowedLateness,
      OutputTag<IN> lateDataOutputTag,
      long keepLastCount) {
    super(windowFunction, windowAssigner.getWindowSerializer(), windowAssigner.isEventTime(), allowedLateness, lateDataOutputTag);
    this.windowAssigner = windowAssigner;
    this.contents = contents;
    this.trigger = trigger;
    this.keepLastCount = keepLastCount;
    if (keepLastCount > 0 && !(contents instanceof WindowContents.Listing)) {
      throw new IllegalArgumentException("keeping the last n elements needs list window contents");
    }
    if (windowAssigner instanceof MergingWindowAssigner) {
      if (!trigger.canMerge()) {
        throw new IllegalArgumentException(
            "The trigger " + trigger + " cannot be used with merging (session) windows " + windowAssigner);
      }
      this.mergingSetDescriptor = new ValueStateDescriptor<>(
          "_merging-window-set",
          new SerializerTypeInfo<>((Class<Map<W, W>>) (Class) Map.class,
              new MergingWindowSet.MappingSerializer<>(windowSerializer), "Map<window, state window>"));
    } else {
      this.mergingSetDescriptor = null;
    }
  }

  public WindowAssigner<? super IN, W> getWindowAssigner() {
    return windowAssigner;
  }

  public Trigger<? super IN, ? super W> getTrigger() {
    return trigger;
  }

  @Override
  public void open() throws Exception {
    super.open();
    handle = contents.bind(backend(), windowSerializer);
    triggerContext = new TriggerContextImpl();
    assignerContext = this::currentProcessingTime;
  }

  private boolean isMerging() {
    return mergingSetDescriptor != null;
  }

  @SuppressWarnings("unchecked")
  private MergingWindowSet<W> mergingWindowSet() {
    ValueState<Map<W, W>> state =
        backend().getPartitionedState(VoidNamespace.INSTANCE, VoidNamespace.SERIALIZER, mergingSetDescriptor);
    return new MergingWindowSet<>((MergingWindowAssigner<?, W>) windowAssigner, state);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void processElement(StreamRecord<IN> record) throws Exception {
    if (eventTime && !record.hasTimestamp()) {
      throw missingTimestamp(windowAssigner);
    }
    IN value = record.getValue();
    Collection<W> windows = ((WindowAssigner<IN, W>) windowAssigner).assignWindows(value, record.getTimestamp(), assignerContext);
    boolean skipped = true;

    if (isMerging()) {
      MergingWindowSet<W> set = mergingWindowSet();
      for (W window : windows) {
        W actual = set.addWindow(window, (mergeResult, mergedWindows, stateWindowResult, mergedStateWindows) -> {
          triggerContext.window = mergeResult;
          triggerContext.onMerge(mergedWindows);
          for (W m : mergedWindows) {
            triggerContext.window = m;
            triggerContext.clear();
            deleteCleanupTimer(m);
          }
          handle.merge(stateWindowResult, mergedStateWindows);
        });
        if (isWindowLate(actual)) {
          set.retireWindow(actual);
          continue;
        }
        skipped = false;
        W stateWindow = set.getStateWindow(actual);
        handle.add(stateWindow, value);
        triggerContext.window = actual;
        TriggerResult result = triggerContext.onElement(record);
        if (result.isFire()) {
          fire(actual, stateWindow);
        }
        if (result.isPurge()) {
          handle.clear(stateWindow);
        }
        registerCleanupTimer(actual);
      }
      set.persist();
    } else {
      for (W window : windows) {
        if (isWindowLate(window)) {
          continue;
        }
        skipped = false;
        handle.add(window, value);
        triggerContext.window = window;
        TriggerResult result = triggerContext.onElement(record);
        if (result.isFire()) {
          fire(window, window);
        }
        if (result.isPurge()) {
          handle.clear(window);
        }
        registerCleanupTimer(window);
      }
    }

    if (skipped && isElementLate(record)) {
      lateRecord(record);
    }
  }

  @Override
  public void onEventTime(InternalTimer<K, W> timer) throws Exception {
    onTimer(timer, true);
  }

  @Override
  public void onProcessingTime(InternalTimer<K, W> timer) throws Exception {
    onTimer(timer, false);
  }

  private void onTimer(InternalTimer<K, W> timer, boolean eventTimer) throws Exception {
    W window = timer.getNamespace();
    triggerContext.window = window;
    MergingWindowSet<W> set = null;
    W stateWindow = window;
    if (isMerging()) {
      set = mergingWindowSet();
      stateWindow = set.getStateWindow(window);
      if (stateWindow == null) {
        // A timer of a window that has been merged into another one since: nothing to do.
        return;
      }
    }
    TriggerResult result = eventTimer
        ? triggerContext.onEventTime(timer.getTimestamp())
        : triggerContext.onProcessingTime(timer.getTimestamp());
    if (result.isFire()) {
      fire(window, stateWindow);
    }
    if (result.isPurge()) {
      handle.clear(stateWindow);
    }
    if (eventTimer == eventTime && timer.getTimestamp() == cleanupTime(window)) {
      handle.clear(stateWindow);
      triggerContext.clear();
      clearWindowFunctionState(window);
      if (set != null) {
        set.retireWindow(window);
      }
    }
    if (set != null) {
      set.persist();
    }
  }

  @SuppressWarnings("unchecked")
  private void fire(W window, W stateWindow) throws Exception {
    ACC acc;
    if (keepLastCount > 0) {
      acc = (ACC) ((WindowContents.ListHandle<IN, W>) (WindowContents.ListHandle<?, ?>) handle).keepLast(stateWindow, keepLastCount);
    } else {
      acc = handle.get(stateWindow);
    }
    if (acc != null) {
      emitWindowContents(window, handle.result(acc));
    }
  }

  /** When the window's state is removed: end + allowed lateness (event time), end (processing time). */
  private long cleanupTime(W window) {
    return eventTime ? saturatedAdd(window.maxTimestamp(), allowedLateness) : window.maxTimestamp();
  }

  private boolean isWindowLate(W window) {
    return eventTime && cleanupTime(window) <= lateWatermark();
  }

  private boolean isElementLate(StreamRecord<IN> record) {
    return eventTime && saturatedAdd(record.getTimestamp(), allowedLateness) <= lateWatermark();
  }

  private void registerCleanupTimer(W window) {
    long t = cleanupTime(window);
    if (t == Long.MAX_VALUE) {
      return; // global windows (and windows at the end of time) never expire
    }
    if (eventTime) {
      timerService.registerEventTimeTimer(window, t);
    } else {
      timerService.registerProcessingTimeTimer(window, t);
    }
  }

  private void deleteCleanupTimer(W window) {
    long t = cleanupTime(window);
    if (t == Long.MAX_VALUE) {
      return;
    }
    if (eventTime) {
      timerService.deleteEventTimeTimer(window, t);
    } else {
      timerService.deleteProcessingTimeTimer(window, t);
    }
  }

  /** Trigger calls for the current key and {@link #window}. */
  private final class TriggerContextImpl implements Trigger.OnMergeContext {
    W window;
    Collection<W> mergedWindows;

    @SuppressWarnings("unchecked")
    private Trigger<IN, W> trigger() {
      return (Trigger<IN, W>) trigger;
    }

    TriggerResult onElement(StreamRecord<IN> record) throws Exception {
      return trigger().onElement(record.getValue(), record.getTimestamp(), window, this);
    }

    TriggerResult onEventTime(long time) throws Exception {
      return trigger().onEventTime(time, window, this);
    }

    TriggerResult onProcessingTime(long time) throws Exception {
      return trigger().onProcessingTime(time, window, this);
    }

    void onMerge(Collection<W> merged) throws Exception {
      this.mergedWindows = merged;
      trigger().onMerge(window, this);
    }

    void clear() throws Exception {
      trigger().clear(window, this);
    }

    @Override
    public long getCurrentProcessingTime() {
      return currentProcessingTime();
    }

    @Override
    public long getCurrentWatermark() {
      return triggerWatermark();
    }

    @Override
    public void registerProcessingTimeTimer(long time) {
      timerService.registerProcessingTimeTimer(window, time);
    }

    @Override
    public void registerEventTimeTimer(long time) {
      timerService.registerEventTimeTimer(window, time);
    }

    @Override
    public void deleteProcessingTimeTimer(long time) {
      timerService.deleteProcessingTimeTimer(window, time);
    }

    @Override
    public void deleteEventTimeTimer(long time) {
      timerService.deleteEventTimeTimer(window, time);
    }

    @Override
    public <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor) {
      return backend().getPartitionedState(window, windowSerializer, descriptor);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void mergePartitionedState(StateDescriptor<? extends State, ?> descriptor) {
      if (mergedWindows == null || mergedWindows.isEmpty()) {
        return;
      }
      switch (descriptor.getKind()) {
        case REDUCING -> {
          List<Object> values = new ArrayList<>();
          for (W m : mergedWindows) {
            ReducingState<Object> s = (ReducingState<Object>) backend().getPartitionedState(m, windowSerializer, (StateDescriptor) descriptor);
            Object v = s.get();
            if (v != null) {
              values.add(v);
            }
            s.clear();
          }
          ReducingState<Object> target = (ReducingState<Object>) backend().getPartitionedState(window, windowSerializer, (StateDescriptor) descriptor);
          for (Object v : values) {
            target.add(v);
          }
        }
        case LIST -> {
          List<Object> values = new ArrayList<>();
          for (W m : mergedWindows) {
            ListState<Object> s = (ListState<Object>) backend().getPartitionedState(m, windowSerializer, (StateDescriptor) descriptor);
            Iterable<Object> it = s.get();
            if (it != null) {
              for (Object o : it) {
                values.add(o);
              }
            }
            s.clear();
          }
          if (!values.isEmpty()) {
            ((ListState<Object>) backend().getPartitionedState(window, windowSerializer, (StateDescriptor) descriptor)).addAll(values);
          }
        }
        default -> throw new UnsupportedOperationException(
            "Trigger " + trigger + ": " + descriptor + " cannot be merged when session windows merge; "
                + "use reducing or list state");
      }
    }
  }
}
