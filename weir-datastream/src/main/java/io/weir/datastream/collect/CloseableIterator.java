package io.weir.datastream.collect;

import java.util.Iterator;

/** An iterator over a job's results; {@link #close()} stops the job if it still runs. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();
}
