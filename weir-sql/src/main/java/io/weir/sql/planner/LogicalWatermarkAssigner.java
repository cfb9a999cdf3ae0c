package io.weir.sql.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Marks the event-time attribute of a table with a WATERMARK: rows pass unchanged; the runtime
 * operator stamps each record with the rowtime column and emits watermarks computed from the
 * watermark column (the table's WATERMARK expression, evaluated by the projection below this node).
 * The output drops the watermark column.
 */
public final class LogicalWatermarkAssigner extends SingleRel {
  /**
   * Whether the physical plan runs the assigner and the Calcs right below and above it as one
   * operator (default true; false keeps one operator per step, for comparisons).
   */
  public static final String FUSION_ENABLED = "table.optimizer.watermark-calc-fusion.enabled";

  private final int rowtimeIndex;
  private final int watermarkIndex;

  public LogicalWatermarkAssigner(RelOptCluster cluster, RelTraitSet traits, RelNode input, int rowtimeIndex,
      int watermarkIndex) {
    super(cluster, traits, input);
    this.rowtimeIndex = rowtimeIndex;
    this.watermarkIndex = watermarkIndex;
  }

  public int rowtimeIndex() {
    return rowtimeIndex;
  }

  public int watermarkIndex() {
    return watermarkIndex;
  }

  @Override
  protected RelDataType deriveRowType() {
    RelDataType in = input.getRowType();
    var b = getCluster().getTypeFactory().builder();
    for (int i = 0; i < in.getFieldCount(); i++) {
      if (i != watermarkIndex) {
        b.add(in.getFieldList().get(i));
      }
    }
    return b.build();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LogicalWatermarkAssigner(getCluster(), traitSet, inputs.get(0), rowtimeIndex, watermarkIndex);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("rowtime", input.getRowType().getFieldNames().get(rowtimeIndex))
        .item("watermark", input.getRowType().getFieldNames().get(watermarkIndex));
  }
}
