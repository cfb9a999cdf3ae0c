package io.weir.sql.planner;

import io.weir.core.types.Row;
import io.weir.runtime.graph.Transformation;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * One node of the physical plan: the transformation that computes it, a description for EXPLAIN,
 * and its changelog mode ({@code updating}: may emit -U/+U/-D; {@code updateProducer} names the
 * operator that first introduced updates).
 */
public record PhysicalNode(String description, List<PhysicalNode> inputs, Transformation<Row> transformation,
    RelDataType rowType, boolean updating, String updateProducer) {

  public String explain() {
    StringBuilder sb = new StringBuilder();
    explain(sb, 0, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    return sb.toString().stripTrailing();
  }

  /** A node met again (subplan reuse: one operator, several consumers) is marked Reused and not expanded twice. */
  private void explain(StringBuilder sb, int depth, java.util.Set<PhysicalNode> shown) {
    boolean again = !inputs.isEmpty() && !shown.add(this);
    sb.append("  ".repeat(depth)).append(again ? "Reused(" + description + ")" : description);
    if (updating) {
      sb.append(", changelog=[I,UB,UA,D]");
    }
    sb.append('\n');
    if (again) {
      return;
    }
    for (PhysicalNode in : inputs) {
      in.explain(sb, depth + 1, shown);
    }
  }
}
