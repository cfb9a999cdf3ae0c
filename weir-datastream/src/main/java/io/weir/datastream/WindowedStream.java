package io.weir.datastream;

import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.windows.Window;

/** A keyed stream split into windows. PLACEHOLDER: the windowing work fills this in. */
public class WindowedStream<T, K, W extends Window> {
  public WindowedStream(KeyedStream<T, K> input, WindowAssigner<? super T, W> assigner) {}

  /** countWindow(size) and countWindow(size, slide) of KeyedStream delegate here. */
  public static <T, K> WindowedStream<T, K, ?> countWindow(KeyedStream<T, K> input, long size, long slide) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
