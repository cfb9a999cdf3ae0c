package io.weir.connectors.file;

import io.weir.core.types.TypeInfo;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * How a {@link FileSource} turns a file into records: {@link CsvFormat}, {@link JsonLinesFormat}.
 * A format is a serializable description; it opens one {@link FileRecordReader} per file, at a
 * checkpointed position.
 */
public interface FileFormat<T> extends Serializable {
  TypeInfo<T> getProducedType();

  /**
   * Opens {@code file} to read the records after {@code offset} bytes ({@code lineNumber} lines)
   * that a previous reader had consumed; both 0 for a fresh file. Fails with an IOException for
   * problems that concern the whole file (e.g. a CSV header lacking a column).
   */
  FileRecordReader<T> createReader(Path file, long offset, long lineNumber) throws IOException;
}
