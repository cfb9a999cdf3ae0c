package io.weir.datastream.windowing.triggers;

import io.weir.core.state.State;
import io.weir.core.state.StateDescriptor;
import io.weir.datastream.windowing.windows.Window;
import java.io.Serializable;

/**
 * Decides when a window fires. Called per element of the window, and for timers the trigger
 * registered through its {@link TriggerContext}. Triggers keep no fields that change: per-window
 * data goes into partitioned state ({@link TriggerContext#getPartitionedState}), scoped to the
 * key and the window, so it is checkpointed and cleared with the window.
 */
public abstract class Trigger<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  public abstract TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx) throws Exception;

  public abstract TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception;

  public abstract TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception;

  /** Whether the trigger supports merging windows (needed with session windows). */
  public boolean canMerge() {
    return false;
  }

  /** Windows were merged into {@code window}: re-register timers, merge state. */
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    throw new UnsupportedOperationException("Trigger " + this + " does not support merging windows");
  }

  /** The window is being removed: delete its timers and state. */
  public abstract void clear(W window, TriggerContext ctx) throws Exception;

  /** Timers and state of one key and window. */
  public interface TriggerContext {
    long getCurrentProcessingTime();

    /** The operator's watermark; Long.MIN_VALUE in BATCH until the input ends. */
    long getCurrentWatermark();

    /** Processing-time timers fire only in STREAMING mode. */
    void registerProcessingTimeTimer(long time);

    void registerEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    /** State of the current key and window. */
    <S extends State> S getPartitionedState(StateDescriptor<S, ?> stateDescriptor);
  }

  /** Context of {@link #onMerge}: the state of the merged windows can be merged into the new one. */
  public interface OnMergeContext extends TriggerContext {
    /**
     * Moves this state of all merged windows into the merge result's. Supported for reducing and
     * list state; other kinds cannot be combined without knowing their meaning.
     */
    void mergePartitionedState(StateDescriptor<? extends State, ?> stateDescriptor);
  }
}
