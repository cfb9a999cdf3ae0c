package io.weir.datastream.windowing.triggers;

import io.weir.datastream.windowing.windows.Window;

/**
 * Fires once the watermark passes the window's end; the default of event-time windows. An element
 * that arrives for a window the watermark already passed (allowed lateness) fires it again at
 * once, with the element included.
 */
public final class EventTimeTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private EventTimeTrigger() {}

  @SuppressWarnings("unchecked")
  public static <T, W extends Window> Trigger<T, W> create() {
    return (Trigger<T, W>) (Trigger<?, ?>) new EventTimeTrigger();
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window, TriggerContext ctx) {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
      return TriggerResult.FIRE;
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
    return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(Window window, OnMergeContext ctx) {
    // Only register when the merged window has not fired already; otherwise the next watermark
    // would fire it a second time.
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
      ctx.registerEventTimeTimer(window.maxTimestamp());
    }
  }

  @Override
  public void clear(Window window, TriggerContext ctx) {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  @Override
  public String toString() {
    return "EventTimeTrigger";
  }
}
