package io.weir.datastream;

import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.windows.Window;

/** A non-keyed stream split into windows (parallelism 1). PLACEHOLDER. */
public class AllWindowedStream<T, W extends Window> {
  public AllWindowedStream(DataStream<T> input, WindowAssigner<? super T, W> assigner) {}
}
