package io.weir.connectors.testutil;

import io.weir.core.source.ReaderOutput;
import io.weir.core.source.SourceOutput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects what a reader emits; checks that split outputs are created and released in pairs. */
public final class TestReaderOutput<T> implements ReaderOutput<T> {
  public final List<T> records = new ArrayList<>();
  public final Set<String> openSplits = new HashSet<>();
  public final List<String> releasedSplits = new ArrayList<>();

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
    if (!openSplits.add(splitId)) {
      throw new IllegalStateException("split output created twice: " + splitId);
    }
    return this;
  }

  @Override
  public void releaseOutputForSplit(String splitId) {
    if (!openSplits.remove(splitId)) {
      throw new IllegalStateException("released an output never created: " + splitId);
    }
    releasedSplits.add(splitId);
  }
}
