package io.weir.connectors.file;

import java.io.IOException;
import java.io.Serializable;

/** How a {@link FileSink} turns records into file content: {@link CsvWriterFormat}, {@link JsonLinesWriterFormat}. */
public interface FileWriterFormat<T> extends Serializable {
  /** File name extension without the dot, e.g. "csv". */
  String getFileExtension();

  /** One encoder per sink writer (not shared between threads). */
  Encoder<T> createEncoder();

  /** Appends records as text. */
  interface Encoder<T> {
    /** Text at the start of every part file (e.g. a CSV header line), or null. */
    default String header() {
      return null;
    }

    /** Appends {@code record} and its line terminator. */
    void encode(T record, StringBuilder out) throws IOException;
  }
}
