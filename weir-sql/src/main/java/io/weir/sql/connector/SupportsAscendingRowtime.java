package io.weir.sql.connector;

import org.apache.calcite.rex.RexNode;

/**
 * A source that knows the order of its rows in event time. The planner may push a filter below a
 * table's WATERMARK (into the source) in STREAMING only when the rowtime never decreases in each
 * reader's output and the watermark never exceeds the rowtime: then no row is late whether the
 * filtered-out rows advance the watermark or not, so the results are the same (windows may close
 * later, at the next row that passes the filter). See docs/architecture.md, SQL.
 */
public interface SupportsAscendingRowtime {
  /**
   * Whether {@code rowtime} (an expression over this source's physical columns, already
   * simplified under the filters this source accepted) never decreases along each reader's output.
   */
  boolean isRowtimeAscending(RexNode rowtime);
}
