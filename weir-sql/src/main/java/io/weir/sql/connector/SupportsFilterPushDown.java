package io.weir.sql.connector;

import java.util.List;
import org.apache.calcite.rex.RexNode;

/**
 * Filter push-down (Flink's {@code SupportsFilterPushDown}): the planner offers the conjuncts of
 * the filter above a scan; the source keeps the ones it evaluates itself and the planner keeps
 * the rest above the scan. Input references index the source's physical columns.
 */
public interface SupportsFilterPushDown {
  /**
   * A copy of this source that drops rows failing every accepted filter; {@code accepted} and
   * {@code remaining} partition the offered filters.
   */
  Result applyFilters(List<RexNode> filters);

  /** What a source accepted. */
  record Result(ScanTableSource source, List<RexNode> accepted, List<RexNode> remaining) {
    /** Nothing accepted: the planner filters everything above the scan. */
    public static Result none(ScanTableSource source, List<RexNode> filters) {
      return new Result(source, List.of(), List.copyOf(filters));
    }
  }
}
