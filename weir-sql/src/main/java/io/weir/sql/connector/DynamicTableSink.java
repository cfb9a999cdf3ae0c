package io.weir.sql.connector;

import io.weir.core.sink.Sink;
import io.weir.core.types.Row;

/**
 * The write side of a table: a {@link Sink} of rows of the table's physical columns. A sink that
 * does not {@link #acceptsUpdates() accept updates} receives only INSERT rows; the planner rejects
 * an INSERT whose query produces updates, naming the operator that produces them.
 */
public interface DynamicTableSink {
  Sink<Row> createSink();

  /** Whether the sink can consume UPDATE_BEFORE / UPDATE_AFTER / DELETE rows (RowKind is kept). */
  boolean acceptsUpdates();

  default String describe() {
    return getClass().getSimpleName();
  }
}
