package io.weir.datastream.windowing.functions;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;
import io.weir.datastream.windowing.windows.Window;

/**
 * Computes the result of one window of one key. Gets all elements of the window, or, after an
 * incremental {@code reduce}/{@code aggregate}, the single pre-aggregated value. Results carry the
 * window's {@code maxTimestamp()} as timestamp.
 */
public abstract class ProcessWindowFunction<IN, OUT, KEY, W extends Window> extends AbstractRichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void process(KEY key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

  /**
   * The window is being removed (after its allowed lateness): clear what was put into
   * {@link Context#windowState()} here, or it stays forever.
   */
  public void clear(Context context) throws Exception {}

  /** What a firing window can see. */
  public abstract class Context {
    public abstract W window();

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();

    /** State of this key and this window (kept across late firings of the window). */
    public abstract KeyedStateStore windowState();

    /** State of this key, shared by all its windows. */
    public abstract KeyedStateStore globalState();

    /** Emits to a side output (timestamp: the window's maxTimestamp). */
    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
