package io.weir.datastream.windowing.functions;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;
import io.weir.datastream.windowing.windows.Window;

/** The older, simpler form of {@link ProcessWindowFunction}: key, window and elements. */
@FunctionalInterface
public interface WindowFunction<IN, OUT, KEY, W extends Window> extends Function {
  void apply(KEY key, W window, Iterable<IN> input, Collector<OUT> out) throws Exception;
}
