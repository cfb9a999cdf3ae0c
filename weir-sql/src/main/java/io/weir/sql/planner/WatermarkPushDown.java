package io.weir.sql.planner;

import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.SupportsAscendingRowtime;
import io.weir.sql.connector.SupportsFilterPushDown;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Push-down through a table's WATERMARK: {@code Calc -> WatermarkAssigner -> Calc(computed
 * columns) -> Scan}. The top Calc's filter conjuncts that the source accepts move below the
 * watermark (into the bottom Calc, from where {@link SourcePushDown} hands them to the source)
 * when that keeps the results: always in BATCH (no late rows), in STREAMING only when the source
 * guarantees an ascending rowtime ({@link SupportsAscendingRowtime}) and the watermark is the
 * rowtime minus a non-negative constant, so no row is late either way. Under the pushed filter the
 * computed columns are simplified ({@code CASE WHEN event_type = 0 .. ELSE bid.dateTime END}
 * becomes {@code bid.dateTime} under {@code event_type = 2}), and computed columns nobody reads
 * are dropped, so the source is asked only for the physical columns still used.
 */
final class WatermarkPushDown {
  private WatermarkPushDown() {}

  /** The rewritten top Calc, or null when nothing moves. */
  static RelNode rewrite(LogicalCalc top, LogicalWatermarkAssigner wa, LogicalCalc bottom, ScanTableSource source,
      boolean batch) {
    RexBuilder rb = top.getCluster().getRexBuilder();
    RexProgram tp = top.getProgram();
    List<RexNode> topProjects = new ArrayList<>();
    tp.getProjectList().forEach(r -> topProjects.add(tp.expandLocalRef(r)));
    RexNode topCondition = tp.getCondition() == null ? null : tp.expandLocalRef(tp.getCondition());
    RexProgram bp = bottom.getProgram();
    if (bp.getCondition() != null) {
      return null;
    }
    List<RexNode> bottomProjects = new ArrayList<>();
    bp.getProjectList().forEach(r -> bottomProjects.add(bp.expandLocalRef(r)));
    int wmIdx = wa.watermarkIndex();
    int rtIdx = wa.rowtimeIndex();
    int waFields = wa.getRowType().getFieldCount();

    // 1. filter conjuncts over the source's columns (computed columns expanded)
    List<RexNode> topConjuncts = topCondition == null ? List.of() : RelOptUtil.conjunctions(topCondition);
    List<RexNode> offered = new ArrayList<>();
    List<Integer> offeredFrom = new ArrayList<>();
    RexShuttle expand = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return bottomProjects.get(toBottom(ref.getIndex(), wmIdx));
      }
    };
    for (int i = 0; i < topConjuncts.size(); i++) {
      RexNode c = topConjuncts.get(i).accept(expand);
      if (RexUtil.isDeterministic(c)) {
        offered.add(c);
        offeredFrom.add(i);
      }
    }
    List<RexNode> accepted = List.of();
    boolean[] moved = new boolean[topConjuncts.size()];
    if (source instanceof SupportsFilterPushDown fp && !offered.isEmpty()) {
      SupportsFilterPushDown.Result r = fp.applyFilters(offered);
      if (!r.accepted().isEmpty()) {
        RexNode rowtime = simplify(rb, bottomProjects.get(rtIdx), r.accepted());
        boolean safe = batch || r.source() instanceof SupportsAscendingRowtime a && a.isRowtimeAscending(rowtime)
            && watermarkNotAhead(bottomProjects.get(wmIdx), bottomProjects.get(rtIdx));
        if (safe) {
          accepted = r.accepted();
          for (RexNode a : accepted) {
            int k = offered.indexOf(a);
            if (k < 0) {
              return null; // the source changed the filter: keep the plan as it is
            }
            moved[offeredFrom.get(k)] = true;
          }
        }
      }
    }
    List<RexNode> remaining = new ArrayList<>();
    for (int i = 0; i < topConjuncts.size(); i++) {
      if (!moved[i]) {
        remaining.add(topConjuncts.get(i));
      }
    }
    RexNode newTopCondition = RexUtil.composeConjunction(rb, remaining, true);

    // 2. the columns still read above the watermark (the rowtime always: the assigner stamps it)
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(topProjects, newTopCondition).union(ImmutableBitSet.of(rtIdx));
    if (accepted.isEmpty() && used.cardinality() == waFields
        && SourcePushDown.nestedFields(wa.getRowType(), used.toArray(), topProjects, newTopCondition) == null) {
      return null;
    }
    int[] newIndex = new int[waFields];
    // ROW columns read only through some of their fields: those fields become columns of their own
    // below the watermark, so the scan can narrow the ROW (nested projection push-down)
    int[] usedFields = used.toArray();
    int[][] rowFields = SourcePushDown.nestedFields(wa.getRowType(), usedFields, topProjects, newTopCondition);
    int[][] fieldColumn = new int[waFields][];
    List<RexNode> newBottom = new ArrayList<>();
    List<String> newBottomNames = new ArrayList<>();
    List<String> bottomNames = bottom.getRowType().getFieldNames();
    for (int u = 0; u < usedFields.length; u++) {
      int i = usedFields[u];
      RexNode e = simplify(rb, bottomProjects.get(toBottom(i, wmIdx)), accepted);
      String name = bottomNames.get(toBottom(i, wmIdx));
      if (rowFields != null && rowFields[u] != null && i != rtIdx) {
        fieldColumn[i] = new int[e.getType().getFieldCount()];
        for (int k : rowFields[u]) {
          fieldColumn[i][k] = newBottom.size();
          newBottom.add(rb.makeFieldAccess(e, k));
          newBottomNames.add(name + "." + e.getType().getFieldList().get(k).getName());
        }
        continue;
      }
      newIndex[i] = newBottom.size();
      newBottom.add(e);
      newBottomNames.add(name);
    }
    newBottom.add(simplify(rb, bottomProjects.get(wmIdx), accepted));
    newBottomNames.add(bottomNames.get(wmIdx));
    RelNode scan = bottom.getInput();
    RexNode pushedCondition = RexUtil.composeConjunction(rb, accepted, true);
    LogicalCalc b = LogicalCalc.create(scan,
        RexProgram.create(scan.getRowType(), newBottom, pushedCondition, newBottomNames, rb));
    LogicalWatermarkAssigner w = new LogicalWatermarkAssigner(wa.getCluster(), wa.getTraitSet(), b, newIndex[rtIdx],
        newBottom.size() - 1);
    RelDataType waType = w.getRowType();
    RexShuttle remap = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(newIndex[ref.getIndex()], ref.getType());
      }

      @Override
      public RexNode visitFieldAccess(org.apache.calcite.rex.RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexInputRef ref && fieldColumn[ref.getIndex()] != null) {
          int column = fieldColumn[ref.getIndex()][access.getField().getIndex()];
          return new RexInputRef(column, waType.getFieldList().get(column).getType());
        }
        return super.visitFieldAccess(access);
      }
    };
    List<RexNode> projects = new ArrayList<>();
    topProjects.forEach(p -> projects.add(p.accept(remap)));
    RexNode condition = newTopCondition == null ? null : newTopCondition.accept(remap);
    RexProgram program = RexProgram.create(waType, projects, condition, top.getRowType(), rb);
    if (program.isTrivial() && waType.getFieldNames().equals(top.getRowType().getFieldNames())) {
      return w;
    }
    return LogicalCalc.create(w, program);
  }

  /** Index in the bottom Calc of output {@code i} of the watermark assigner (which drops the watermark column). */
  private static int toBottom(int i, int wmIdx) {
    return i < wmIdx ? i : i + 1;
  }

  /** {@code wm} is {@code rowtime} or {@code rowtime - c} with a constant {@code c >= 0}. */
  static boolean watermarkNotAhead(RexNode wm, RexNode rowtime) {
    if (wm.equals(rowtime)) {
      return true;
    }
    if (wm instanceof RexCall call && call.getKind() == SqlKind.MINUS && call.getOperands().size() == 2
        && call.getOperands().get(0).equals(rowtime) && call.getOperands().get(1) instanceof RexLiteral lit
        && !lit.isNull()) {
      BigDecimal v = lit.getValueAs(BigDecimal.class);
      return v != null && v.signum() >= 0;
    }
    return false;
  }

  /** {@code e} knowing the {@code facts} hold: columns the facts fix to a constant are replaced, then simplified. */
  static RexNode simplify(RexBuilder rb, RexNode e, List<RexNode> facts) {
    if (facts.isEmpty()) {
      return e;
    }
    RelOptPredicateList predicates = RelOptPredicateList.of(rb, facts);
    Map<RexNode, RexNode> constants = predicates.constantMap;
    RexNode replaced = e.accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        RexNode c = constants.get(ref);
        return c == null ? ref : rb.ensureType(ref.getType(), c, true);
      }
    });
    RexExecutor executor = RexUtil.EXECUTOR;
    return new RexSimplify(rb, predicates, executor).simplifyPreservingType(replaced);
  }
}
