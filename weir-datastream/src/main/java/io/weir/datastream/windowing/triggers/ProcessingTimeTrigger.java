package io.weir.datastream.windowing.triggers;

import io.weir.datastream.windowing.windows.Window;

/**
 * Fires when the subtask's clock passes the window's end; the default of processing-time
 * windows. Processing-time timers fire only in STREAMING mode: in BATCH such windows emit nothing.
 */
public final class ProcessingTimeTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private ProcessingTimeTrigger() {}

  @SuppressWarnings("unchecked")
  public static <T, W extends Window> Trigger<T, W> create() {
    return (Trigger<T, W>) (Trigger<?, ?>) new ProcessingTimeTrigger();
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window, TriggerContext ctx) {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.FIRE;
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(Window window, OnMergeContext ctx) {
    if (window.maxTimestamp() > ctx.getCurrentProcessingTime()) {
      ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
  }

  @Override
  public void clear(Window window, TriggerContext ctx) {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }

  @Override
  public String toString() {
    return "ProcessingTimeTrigger";
  }
}
