package io.weir.nexmark.source;

import io.weir.core.source.InputStatus;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SourceSplit;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** Minimal enumerator/reader contexts and a driver that polls a reader like a worker thread. */
final class SourceTestSupport {
  private SourceTestSupport() {}

  static final class EnumeratorContext<S extends SourceSplit> implements SplitEnumeratorContext<S> {
    final int parallelism;
    final Map<Integer, List<S>> assigned = new LinkedHashMap<>();
    final Set<Integer> noMoreSplits = new LinkedHashSet<>();

    EnumeratorContext(int parallelism) {
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
      throw new UnsupportedOperationException();
    }
  }

  static final class ReaderContext implements SourceReaderContext {
    final int subtask;
    final int parallelism;
    int splitRequests;

    ReaderContext(int subtask, int parallelism) {
      this.subtask = subtask;
      this.parallelism = parallelism;
    }

    @Override
    public int getIndexOfSubtask() {
      return subtask;
    }

    @Override
    public int currentParallelism() {
      return parallelism;
    }

    @Override
    public void sendSplitRequest() {
      splitRequests++;
    }

    @Override
    public void reportSkippedRecord(String reason) {}
  }

  /** Collects records with their timestamps and the wall-clock nanos they arrived at. */
  static final class Output<T> implements ReaderOutput<T> {
    final List<T> records = new ArrayList<>();
    final List<Long> timestamps = new ArrayList<>();
    final List<Long> arrivalNanos = new ArrayList<>();

    @Override
    public void collect(T record) {
      collect(record, Long.MIN_VALUE);
    }

    @Override
    public void collect(T record, long timestamp) {
      records.add(record);
      timestamps.add(timestamp);
      arrivalNanos.add(System.nanoTime());
    }

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }

  /**
   * Polls until END_OF_INPUT or until {@code maxRecords} were emitted (checked after each poll);
   * waits on isAvailable() when the reader has nothing. Returns the number of NOTHING_AVAILABLE
   * answers.
   */
  static <T, S extends SourceSplit> int run(SourceReader<T, S> reader, Output<T> out, long maxRecords)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int idle = 0;
    while (out.records.size() < maxRecords) {
      InputStatus st = reader.pollNext(out);
      if (st == InputStatus.END_OF_INPUT) {
        break;
      }
      if (st == InputStatus.NOTHING_AVAILABLE) {
        idle++;
        reader.isAvailable().get(30, TimeUnit.SECONDS);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("reader did not finish in 30 s (" + out.records.size() + " records)");
      }
    }
    return idle;
  }
}
