package io.weir.datastream.windowing.functions;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;
import io.weir.datastream.windowing.windows.Window;

/** {@link ProcessWindowFunction} of a non-keyed ({@code windowAll}) stream. */
public abstract class ProcessAllWindowFunction<IN, OUT, W extends Window> extends AbstractRichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void process(Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

  /** The window is being removed: clear what was put into {@link Context#windowState()}. */
  public void clear(Context context) throws Exception {}

  public abstract class Context {
    public abstract W window();

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();

    public abstract KeyedStateStore windowState();

    public abstract KeyedStateStore globalState();

    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
