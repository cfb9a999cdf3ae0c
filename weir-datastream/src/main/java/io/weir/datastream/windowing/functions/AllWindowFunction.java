package io.weir.datastream.windowing.functions;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;
import io.weir.datastream.windowing.windows.Window;

/** {@link WindowFunction} of a non-keyed ({@code windowAll}) stream. */
@FunctionalInterface
public interface AllWindowFunction<IN, OUT, W extends Window> extends Function {
  void apply(W window, Iterable<IN> values, Collector<OUT> out) throws Exception;
}
