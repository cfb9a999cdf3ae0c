package io.weir.datastream.windowing.assigners;

import io.weir.datastream.windowing.windows.Window;
import java.util.Collection;

/** An assigner whose windows can grow together (sessions). */
public abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  private static final long serialVersionUID = 1L;

  /** Finds the windows that must be merged and reports each group through the callback. */
  public abstract void mergeWindows(Collection<W> windows, MergeCallback<W> callback);

  @FunctionalInterface
  public interface MergeCallback<W> {
    void merge(Collection<W> toBeMerged, W mergeResult);
  }
}
