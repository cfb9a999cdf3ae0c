package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.triggers.TriggerResult;
import io.weir.datastream.windowing.windows.GlobalWindow;
import java.util.Collection;
import java.util.Collections;

/**
 * Puts every element of a key into the single {@link GlobalWindow}. Its default trigger never
 * fires: set one (e.g. {@code CountTrigger}); {@code countWindow(n)} does that for you.
 */
public final class GlobalWindows extends WindowAssigner<Object, GlobalWindow> {
  private static final long serialVersionUID = 1L;

  private GlobalWindows() {}

  public static GlobalWindows create() {
    return new GlobalWindows();
  }

  @Override
  public Collection<GlobalWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    return Collections.singletonList(GlobalWindow.get());
  }

  @Override
  public Trigger<Object, GlobalWindow> getDefaultTrigger() {
    return new NeverTrigger();
  }

  @Override
  public TypeSerializer<GlobalWindow> getWindowSerializer() {
    return GlobalWindow.Serializer.INSTANCE;
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "GlobalWindows()";
  }

  /** The default trigger of global windows: never fires. */
  public static final class NeverTrigger extends Trigger<Object, GlobalWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public TriggerResult onElement(Object element, long timestamp, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(GlobalWindow window, TriggerContext ctx) {}

    @Override
    public boolean canMerge() {
      return true;
    }

    @Override
    public void onMerge(GlobalWindow window, OnMergeContext ctx) {}

    @Override
    public String toString() {
      return "NeverTrigger";
    }
  }
}
