package io.weir.datastream.windowing.operators;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;
import io.weir.core.functions.OutputTag;
import io.weir.datastream.windowing.functions.KeyedStateStore;
import io.weir.datastream.windowing.windows.Window;

/**
 * What a window operator calls when a window fires. {@code IN} is what the window's state yields:
 * the element list ({@code Iterable<T>}) or the single reduced/aggregated value.
 */
public interface InternalWindowFunction<IN, OUT, K, W extends Window> extends Function {
  void process(K key, W window, InternalWindowContext context, IN input, Collector<OUT> out) throws Exception;

  void clear(W window, InternalWindowContext context) throws Exception;

  /** Services of the operator for the firing window. */
  interface InternalWindowContext {
    long currentProcessingTime();

    long currentWatermark();

    KeyedStateStore windowState();

    KeyedStateStore globalState();

    <X> void output(OutputTag<X> outputTag, X value);
  }
}
