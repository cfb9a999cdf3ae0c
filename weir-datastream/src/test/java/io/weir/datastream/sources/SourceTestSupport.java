package io.weir.datastream.sources;

import io.weir.core.source.InputStatus;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** A minimal in-test coordinator: split requests go straight to the enumerator. */
final class SourceTestSupport {
  private SourceTestSupport() {}

  static final class EnumContext implements SplitEnumeratorContext<IndexRangeSplit> {
    final int parallelism;
    final Map<Integer, SourceReader<?, IndexRangeSplit>> readers = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> SourceReader<T, IndexRangeSplit> reader(int subtask) {
      return (SourceReader<T, IndexRangeSplit>) readers.get(subtask);
    }
    SplitEnumerator<IndexRangeSplit, ?> enumerator;

    EnumContext(int parallelism) {
      this.parallelism = parallelism;
    }

    @Override
    public int currentParallelism() {
      return parallelism;
    }

    @Override
    public Set<Integer> registeredReaders() {
      return new TreeSet<>(readers.keySet());
    }

    @Override
    public void assignSplits(Map<Integer, List<IndexRangeSplit>> assignment) {
      assignment.forEach((subtask, splits) -> readers.get(subtask).addSplits(splits));
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
      readers.get(subtask).notifyNoMoreSplits();
    }

    @Override
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMs, long periodMs) {
      throw new UnsupportedOperationException();
    }

    ReaderContext readerContext(int subtask) {
      return new ReaderContext(this, subtask);
    }
  }

  static class ReaderContext implements SourceReaderContext {
    final EnumContext enumContext;
    final int subtask;
    int requests;

    ReaderContext(EnumContext enumContext, int subtask) {
      this.enumContext = enumContext;
      this.subtask = subtask;
    }

    @Override
    public int getIndexOfSubtask() {
      return subtask;
    }

    @Override
    public int currentParallelism() {
      return enumContext.parallelism;
    }

    @Override
    public void sendSplitRequest() {
      requests++;
      enumContext.enumerator.handleSplitRequest(subtask);
    }

    @Override
    public void reportSkippedRecord(String reason) {}
  }

  static final class ListOutput<T> implements ReaderOutput<T> {
    final List<T> records = new ArrayList<>();

    @Override
    public void collect(T record) {
      records.add(record);
    }

    @Override
    public void collect(T record, long timestamp) {
      records.add(record);
    }

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }

  /** Polls until END_OF_INPUT; fails on NOTHING_AVAILABLE with an unavailable reader (would hang). */
  static <T> void drain(SourceReader<T, IndexRangeSplit> reader, ReaderOutput<T> out) throws Exception {
    while (true) {
      InputStatus s = reader.pollNext(out);
      if (s == InputStatus.END_OF_INPUT) {
        return;
      }
      if (s == InputStatus.NOTHING_AVAILABLE && !reader.isAvailable().isDone()) {
        throw new AssertionError("reader is stuck: nothing available and no split pending");
      }
    }
  }
}
