package io.weir.datastream.sources;

import io.weir.core.source.InputStatus;
import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads index-range splits one after another, a bounded batch per {@link #pollNext}, and asks for
 * the next split when one is done. Split assignment may arrive on another thread, so the split
 * queue and the availability future are guarded by this reader's monitor.
 */
public abstract class IndexRangeReader<T> implements SourceReader<T, IndexRangeSplit> {
  static final int BATCH = 512;
  private static final CompletableFuture<Void> AVAILABLE = CompletableFuture.completedFuture(null);

  private final SourceReaderContext context;
  private final ArrayDeque<IndexRangeSplit> splits = new ArrayDeque<>();
  private boolean noMoreSplits;
  private CompletableFuture<Void> availability;

  private IndexRangeSplit current;
  private long position;

  protected IndexRangeReader(SourceReaderContext context) {
    this.context = context;
  }

  /** Positions the reader at {@code index}, the first index of a split or a restored position. */
  protected abstract void seek(long index) throws Exception;

  /** The element at the current position; positions advance by one per call. */
  protected abstract T next() throws Exception;

  @Override
  public void start() {
    context.sendSplitRequest();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    if (current == null) {
      IndexRangeSplit next;
      synchronized (this) {
        next = splits.poll();
        if (next == null) {
          return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
      }
      current = next;
      position = next.from();
      seek(position);
    }
    long end = Math.min(current.to(), position + BATCH);
    while (position < end) {
      T value = next();
      position++;
      output.collect(value);
    }
    if (position >= current.to()) {
      current = null;
      boolean ask;
      synchronized (this) {
        ask = splits.isEmpty() && !noMoreSplits;
      }
      if (ask) {
        context.sendSplitRequest();
      }
    }
    return InputStatus.MORE_AVAILABLE;
  }

  @Override
  public synchronized CompletableFuture<Void> isAvailable() {
    if (current != null || !splits.isEmpty() || noMoreSplits) {
      return AVAILABLE;
    }
    if (availability == null || availability.isDone()) {
      availability = new CompletableFuture<>();
    }
    return availability;
  }

  @Override
  public void addSplits(List<IndexRangeSplit> newSplits) {
    CompletableFuture<Void> toComplete;
    synchronized (this) {
      splits.addAll(newSplits);
      toComplete = availability;
      availability = null;
    }
    if (toComplete != null) {
      toComplete.complete(null);
    }
  }

  @Override
  public void notifyNoMoreSplits() {
    CompletableFuture<Void> toComplete;
    synchronized (this) {
      noMoreSplits = true;
      toComplete = availability;
      availability = null;
    }
    if (toComplete != null) {
      toComplete.complete(null);
    }
  }

  @Override
  public synchronized List<IndexRangeSplit> snapshotState(long checkpointId) {
    List<IndexRangeSplit> state = new ArrayList<>();
    if (current != null && position < current.to()) {
      state.add(current.withFrom(position));
    }
    state.addAll(splits);
    return state;
  }
}
