package io.weir.connectors.testutil;

import io.weir.core.source.SourceSplit;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** Records assignments; async calls run only when the test says so ({@link #runAsyncCalls}). */
public final class TestEnumeratorContext<S extends SourceSplit> implements SplitEnumeratorContext<S> {
  private final int parallelism;
  public final Map<Integer, List<S>> assigned = new LinkedHashMap<>();
  public final Set<Integer> noMoreSplits = new LinkedHashSet<>();
  private final List<Runnable> asyncCalls = new ArrayList<>();
  public final List<Long> asyncPeriods = new ArrayList<>();

  public TestEnumeratorContext(int parallelism) {
    this.parallelism = parallelism;
  }

  @Override
  public int currentParallelism() {
    return parallelism;
  }

  @Override
  public Set<Integer> registeredReaders() {
    Set<Integer> s = new LinkedHashSet<>();
    for (int i = 0; i < parallelism; i++) {
      s.add(i);
    }
    return s;
  }

  @Override
  public void assignSplits(Map<Integer, List<S>> assignment) {
    assignment.forEach((k, v) -> assigned.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
  }

  @Override
  public void signalNoMoreSplits(int subtask) {
    noMoreSplits.add(subtask);
  }

  @Override
  public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMs, long periodMs) {
    asyncPeriods.add(periodMs);
    asyncCalls.add(() -> {
      T result = null;
      Throwable error = null;
      try {
        result = callable.call();
      } catch (Throwable t) {
        error = t;
      }
      handler.accept(result, error);
    });
  }

  /** Runs every registered async call once (as if its period elapsed). */
  public void runAsyncCalls() {
    for (Runnable r : List.copyOf(asyncCalls)) {
      r.run();
    }
  }

  public List<S> assignedTo(int subtask) {
    return assigned.getOrDefault(subtask, List.of());
  }
}
