package io.weir.connectors.datagen;

import io.weir.core.source.SourceReaderContext;
import java.io.Serializable;

/**
 * Makes the record for an index (0, 1, 2, ...) of a {@link DataGeneratorSource}. Deterministic
 * functions give the same records after a restore, since the index position is checkpointed.
 */
@FunctionalInterface
public interface GeneratorFunction<T, O> extends Serializable {
  O map(T value) throws Exception;

  /** Called once per reader before the first record. */
  default void open(SourceReaderContext readerContext) throws Exception {}

  default void close() throws Exception {}
}
