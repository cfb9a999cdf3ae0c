package io.weir.connectors.file;

import java.io.Closeable;
import java.io.IOException;

/** Reads the records of one file, one at a time, on a reader's fetcher thread (blocking I/O). */
public interface FileRecordReader<T> extends Closeable {
  /**
   * The next record, or null at the end of the file. A malformed record throws
   * {@link MalformedRecordException} after the reader has moved past it, so reading can go on.
   */
  T read() throws IOException;

  /** Bytes consumed so far, including the last record returned or rejected. */
  long offset();

  /** Lines consumed so far. */
  long lineNumber();
}
