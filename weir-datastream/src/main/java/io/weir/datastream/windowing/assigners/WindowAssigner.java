package io.weir.datastream.windowing.assigners;

import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.Window;
import java.io.Serializable;
import java.util.Collection;

/**
 * Assigns each element to zero or more windows. Event-time assigners use the element's timestamp
 * (a record without one is an error); processing-time assigners use the clock of the subtask.
 */
public abstract class WindowAssigner<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  public abstract Collection<W> assignWindows(T element, long timestamp, WindowAssignerContext context);

  /** The trigger used when the user sets none. */
  public abstract Trigger<T, W> getDefaultTrigger();

  /** Serializer of the windows: they are the namespaces of window state and timers. */
  public abstract TypeSerializer<W> getWindowSerializer();

  /** True when windows are defined on event time (timestamps, watermarks). */
  public abstract boolean isEventTime();

  /** What an assigner may look at besides the element. */
  public interface WindowAssignerContext {
    long getCurrentProcessingTime();
  }
}
