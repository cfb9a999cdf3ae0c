package io.weir.core.source;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** What an enumerator can do: see readers, assign splits, run periodic discovery. */
public interface SplitEnumeratorContext<SplitT extends SourceSplit> {
  int currentParallelism();

  Set<Integer> registeredReaders();

  void assignSplits(Map<Integer, List<SplitT>> assignment);

  default void assignSplit(SplitT split, int subtask) {
    assignSplits(Map.of(subtask, List.of(split)));
  }

  /** Tells a reader that no more splits will come; it ends once its splits are done. */
  void signalNoMoreSplits(int subtask);

  /**
   * Runs {@code callable} off the coordinator thread (blocking I/O is fine there), then
   * {@code handler} back on the coordinator thread. With {@code periodMs > 0} it repeats.
   */
  <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMs, long periodMs);

  default <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
    callAsync(callable, handler, 0, 0);
  }
}
