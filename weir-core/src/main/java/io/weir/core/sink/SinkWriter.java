package io.weir.core.sink;

/** Writes records; blocking I/O is allowed only in bounded amounts (buffered writers). */
public interface SinkWriter<T> extends AutoCloseable {
  void write(T element, Context context) throws Exception;

  /** Called before a checkpoint barrier passes, and at end of input (endOfInput = true). */
  void flush(boolean endOfInput) throws Exception;

  @Override
  default void close() throws Exception {}

  interface Context {
    /** Event time of the record, or null when it has none. */
    Long timestamp();

    long currentWatermark();
  }
}
