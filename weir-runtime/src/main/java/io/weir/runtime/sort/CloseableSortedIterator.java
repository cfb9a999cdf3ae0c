package io.weir.runtime.sort;

import java.util.Iterator;

/** The sorted output of an {@link ExternalSorter}; closing releases its open spill files. */
public interface CloseableSortedIterator<T> extends Iterator<SortedRecord<T>>, AutoCloseable {
  @Override
  void close();
}
