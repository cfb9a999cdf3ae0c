package io.weir.sql.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the columns no operator above reads (Flink's planner does the same), so that joins,
 * aggregates and their state carry only what the query uses: Nexmark q4 joins auction and bid and
 * then reads 4 + 3 of their 17 columns, and a StreamingJoinOperator keeps whole rows as state.
 * Calcite's {@link RelFieldTrimmer} does the work; this subclass adds Weir's nodes and keeps the
 * shapes the physical planner recognizes:
 * <ul>
 *   <li>{@link LogicalWatermarkAssigner}: left whole, a projection of the used columns goes on
 *   top; the physical planner's push-down ({@link WatermarkPushDown}, {@link SourcePushDown})
 *   then narrows the computed columns and the scan below it from that projection.
 *   <li>window TVFs (TUMBLE/HOP/CUMULATE/SESSION): the input keeps the used columns and the
 *   DESCRIPTOR's time column; window_start/window_end/window_time always stay.
 *   <li>correlates (lateral table functions, temporal and lookup joins): keep all their columns and
 *   leave the right side as it is (its Snapshot/function-call shape is matched physically); only
 *   the left input is trimmed inside.
 * </ul>
 * Trimming runs after the logical rewrites and before OVER aggregates become LogicalWindows
 * (RexOver expressions are trimmed as ordinary projections). The root's row type never changes;
 * {@link TableConfigOptions#TRIM_UNUSED_FIELDS} turns it off. Public only because Calcite calls the
 * {@code trimFields} overloads reflectively.
 */
public final class FieldTrimmer extends RelFieldTrimmer {
  private static final Logger LOG = LoggerFactory.getLogger(FieldTrimmer.class);

  private final RelBuilder relBuilder;

  private FieldTrimmer(RelBuilder relBuilder) {
    super(null, relBuilder);
    this.relBuilder = relBuilder;
  }

  /** {@code rel} with unused columns dropped inside; {@code rel} itself when trimming fails or would change its row type. */
  static RelNode trimUnusedFields(RelNode rel) {
    // no merging or simplification: keep the expressions as the rewrites left them (the merging
    // of the projections trimming adds is left to ProjectMergeRule afterwards)
    RelBuilder builder = RelBuilder.proto(org.apache.calcite.plan.Contexts.of(RelBuilder.Config.DEFAULT
            .withSimplify(false).withBloat(-1).withDedupAggregateCalls(false)))
        .create(rel.getCluster(), null);
    RelNode trimmed;
    try {
      trimmed = new FieldTrimmer(builder).trim(rel);
    } catch (RuntimeException | AssertionError e) {
      LOG.warn("trimming unused fields failed, planning with all fields: {}", e.toString(), e);
      return rel;
    }
    if (!trimmed.getRowType().getFieldNames().equals(rel.getRowType().getFieldNames())
        && RelOptUtil.areRowTypesEqual(rel.getRowType(), trimmed.getRowType(), false)) {
      // a projection that only renamed may have been dropped below: the root's names are the query's
      trimmed = rename(builder, trimmed, rel.getRowType().getFieldNames());
    }
    if (!rel.getRowType().equals(trimmed.getRowType())) {
      LOG.warn("trimming unused fields changed the row type from {} to {}, planning with all fields",
          rel.getRowType().getFullTypeString(), trimmed.getRowType().getFullTypeString());
      return rel;
    }
    return trimmed;
  }

  /** {@code rel} with its columns named {@code names}: a top projection renamed, or one added (under a top Sort, whose order the result keeps). */
  private static RelNode rename(RelBuilder builder, RelNode rel, List<String> names) {
    if (rel instanceof org.apache.calcite.rel.core.Sort sort) {
      return sort.copy(sort.getTraitSet(), List.of(rename(builder, sort.getInput(), names)));
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalProject p) {
      return org.apache.calcite.rel.logical.LogicalProject.create(p.getInput(), p.getHints(), p.getProjects(), names,
          p.getVariablesSet());
    }
    return builder.push(rel).project(builder.fields(), names, true).build();
  }

  /** The assigner stays whole (the push-down below it keys on its shape); a projection above keeps only the used columns. */
  public TrimResult trimFields(LogicalWatermarkAssigner wa, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    int fieldCount = wa.getRowType().getFieldCount();
    if (fieldsUsed.cardinality() == fieldCount || fieldsUsed.isEmpty()) {
      return result(wa, Mappings.createIdentity(fieldCount));
    }
    Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, fieldCount, fieldsUsed.cardinality());
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i : fieldsUsed) {
      mapping.set(i, projects.size());
      projects.add(relBuilder.getRexBuilder().makeInputRef(wa, i));
      names.add(wa.getRowType().getFieldNames().get(i));
    }
    RelNode project = relBuilder.push(wa).project(projects, names).build();
    return result(project, mapping, wa);
  }

  /** Window TVFs pass through the used input columns plus their time column; other table functions keep everything. */
  @Override
  public TrimResult trimFields(LogicalTableFunctionScan tvf, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    if (!(tvf.getCall() instanceof RexCall call) || !(call.getOperator() instanceof SqlWindowTableFunction)
        || tvf.getInputs().size() != 1) {
      return super.trimFields(tvf, fieldsUsed, extraFields);
    }
    RelNode input = tvf.getInput(0);
    int n = input.getRowType().getFieldCount();
    int fieldCount = tvf.getRowType().getFieldCount();
    // the DESCRIPTOR's column (and any other column the call names) is read by the window assigner
    ImmutableBitSet inputUsed = fieldsUsed.intersect(ImmutableBitSet.range(n))
        .union(RelOptUtil.InputFinder.bits(call.getOperands(), null));
    TrimResult trimmed = trimChild(tvf, input, inputUsed, extraFields);
    RelNode newInput = trimmed.left;
    Mapping inputMapping = trimmed.right;
    if (newInput == input && inputMapping.isIdentity()) {
      return result(tvf, Mappings.createIdentity(fieldCount));
    }
    int newN = newInput.getRowType().getFieldCount();
    Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, fieldCount, newN + fieldCount - n);
    for (int i = 0; i < n; i++) {
      int target = inputMapping.getTargetOpt(i);
      if (target >= 0) {
        mapping.set(i, target);
      }
    }
    var b = tvf.getCluster().getTypeFactory().builder();
    b.addAll(newInput.getRowType().getFieldList());
    for (int i = n; i < fieldCount; i++) {
      mapping.set(i, newN + i - n);
      b.add(tvf.getRowType().getFieldList().get(i));
    }
    RelDataType rowType = b.build();
    List<RexNode> operands = new ArrayList<>();
    RexPermuteInputsShuttle remap = new RexPermuteInputsShuttle(inputMapping, newInput);
    for (RexNode o : call.getOperands()) {
      operands.add(o.accept(remap));
    }
    RexNode newCall = tvf.getCluster().getRexBuilder().makeCall(rowType, call.getOperator(), operands);
    LogicalTableFunctionScan newTvf = LogicalTableFunctionScan.create(tvf.getCluster(), List.of(newInput), newCall,
        tvf.getElementType(), rowType, null);
    return result(newTvf, mapping, tvf);
  }

  /**
   * All columns stay and the right side is untouched: it refers to the left row through the
   * correlation variable, and the physical planner matches its shape (Snapshot, table function).
   */
  @Override
  public TrimResult trimFields(LogicalCorrelate correlate, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    RelNode left = correlate.getLeft();
    TrimResult l = trimChildRestore(correlate, left, ImmutableBitSet.range(left.getRowType().getFieldCount()), extraFields);
    int fieldCount = correlate.getRowType().getFieldCount();
    if (l.left == left) {
      return result(correlate, Mappings.createIdentity(fieldCount));
    }
    RelNode copy = correlate.copy(correlate.getTraitSet(), l.left, correlate.getRight(), correlate.getCorrelationId(),
        correlate.getRequiredColumns(), correlate.getJoinType());
    return result(copy, Mappings.createIdentity(fieldCount), correlate);
  }
}
