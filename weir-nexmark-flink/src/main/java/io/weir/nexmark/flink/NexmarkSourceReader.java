package io.weir.nexmark.flink;

import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Event;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.table.data.RowData;

/**
 * Emits the events of its splits one by one (one per {@link #pollNext} call, like Flink's own
 * generator sources, so checkpoint barriers are never held back), each with its event time as the
 * record timestamp. Watermarks come from the SQL {@code WATERMARK} clause, as with Flink's Nexmark
 * connector.
 */
final class NexmarkSourceReader implements SourceReader<RowData, NexmarkSplit> {
  private final NexmarkGenerator generator;
  private final ArrayDeque<NexmarkSplit> splits = new ArrayDeque<>();
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private boolean noMoreSplits;
  private NexmarkSplit current;
  private SplitLayout layout;
  private long offset;
  private long end;

  NexmarkSourceReader(NexmarkConfig config) {
    this.generator = new NexmarkGenerator(config);
  }

  @Override
  public void start() {}

  @Override
  public InputStatus pollNext(ReaderOutput<RowData> output) {
    if (current == null && !nextSplit()) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }
    Event e = generator.eventAt(layout.eventIndex(offset));
    output.collect(EventRows.toRow(e), e.timestamp());
    if (++offset >= end) {
      current = null;
      if (splits.isEmpty() && noMoreSplits) {
        return InputStatus.END_OF_INPUT;
      }
    }
    return InputStatus.MORE_AVAILABLE;
  }

  private boolean nextSplit() {
    while (!splits.isEmpty()) {
      NexmarkSplit s = splits.poll();
      SplitLayout l = SplitLayout.of(s, generator.eventCount());
      long size = l.size();
      if (s.offset() < size) {
        current = s;
        layout = l;
        offset = s.offset();
        end = size;
        return true;
      }
    }
    if (!noMoreSplits && available.isDone()) {
      available = new CompletableFuture<>();
    }
    return false;
  }

  @Override
  public List<NexmarkSplit> snapshotState(long checkpointId) {
    List<NexmarkSplit> out = new java.util.ArrayList<>(splits.size() + 1);
    if (current != null) {
      out.add(current.at(offset));
    }
    out.addAll(splits);
    return out;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<NexmarkSplit> newSplits) {
    splits.addAll(newSplits);
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {}
}
