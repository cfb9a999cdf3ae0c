package io.weir.sql.runtime.functions;

import io.weir.core.types.Row;
import java.io.Serializable;
import java.util.List;

/**
 * Looks up the rows of a dimension table by key, for a processing-time lookup join
 * ({@code JOIN dim FOR SYSTEM_TIME AS OF l.proctime ON l.k = dim.k}). A connector's lookup source
 * provides one; it is opened once per subtask and called on the subtask's thread.
 */
public interface LookupFunction extends Serializable {
  default void open() throws Exception {}

  /** The rows whose lookup key fields equal {@code key} (an INSERT row of the key values); never null. */
  List<Row> lookup(Row key) throws Exception;

  default void close() throws Exception {}
}
