package io.weir.sql.planner;

import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.sql.codegen.CodeGenerator;
import io.weir.sql.codegen.GeneratedTableFunctionCall;
import io.weir.sql.codegen.UserFunctionCodeGenerator;
import io.weir.sql.functions.FunctionDefinition;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.functions.RowProjection;
import io.weir.sql.runtime.operators.CorrelateOperator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;

/**
 * {@code FROM t, LATERAL TABLE(f(t.x))} and {@code LEFT JOIN LATERAL TABLE(f(t.x)) ON TRUE}: a
 * Correlate whose right side is a user table function call (optionally under a Calc on the
 * function's columns) becomes one {@link CorrelateOperator} after the left input, same in both modes.
 */
final class CorrelatePlanner {
  private final PhysicalPlanner planner;

  CorrelatePlanner(PhysicalPlanner planner) {
    this.planner = planner;
  }

  PhysicalNode translate(LogicalCorrelate correlate) {
    RelNode right = correlate.getRight();
    LogicalCalc rightCalc = null;
    if (right instanceof LogicalCalc c) {
      rightCalc = c;
      right = c.getInput();
    }
    if (!(right instanceof LogicalTableFunctionScan scan) || !(scan.getCall() instanceof RexCall call)
        || !(call.getOperator() instanceof UserTableFunctionOperator op) || !scan.getInputs().isEmpty()) {
      throw new PlannerException("correlated subquery of this shape is not supported yet (only LATERAL TABLE(user_table_function(..)))");
    }
    JoinRelType type = correlate.getJoinType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT) {
      throw new PlannerException("LATERAL TABLE with a " + type + " join is not supported (only inner and LEFT JOIN ... ON TRUE)");
    }
    PhysicalNode in = planner.translate(correlate.getLeft());
    RexBuilder rb = correlate.getCluster().getRexBuilder();
    RelDataType leftType = correlate.getLeft().getRowType();
    List<RexNode> args = new ArrayList<>();
    RexShuttle uncorrelate = new Uncorrelate(correlate.getCorrelationId(), leftType, rb);
    for (RexNode a : call.getOperands()) {
      args.add(a.accept(uncorrelate));
    }
    FunctionDefinition d = op.definition();
    List<io.weir.sql.catalog.LogicalType> argTypes = new ArrayList<>();
    for (RexNode a : args) {
      argTypes.add(a.getType().getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL
          ? io.weir.sql.catalog.LogicalType.of(io.weir.sql.catalog.LogicalType.Kind.NULL) : TypeConversions.toLogicalType(a.getType()));
    }
    Method m = d.resolveOrFail(argTypes);
    GeneratedTableFunctionCall gen = UserFunctionCodeGenerator.tableFunctionCall(rb, d, m, args);
    RowPredicate filter = null;
    RowProjection projection = null;
    String calcText = "";
    if (rightCalc != null) {
      RexProgram p = rightCalc.getProgram();
      if (p.getCondition() != null) {
        RexNode cond = p.expandLocalRef(p.getCondition());
        filter = CodeGenerator.predicate(rb, cond, null);
        calcText += ", where=[" + cond + "]";
      }
      if (!p.projectsOnlyIdentity()) {
        List<RexNode> projects = new ArrayList<>();
        p.getProjectList().forEach(r -> projects.add(p.expandLocalRef(r)));
        projection = CodeGenerator.projection(rb, projects, null);
        calcText += ", select=" + projects;
      }
    }
    int leftArity = leftType.getFieldCount();
    int rightArity = correlate.getRowType().getFieldCount() - leftArity;
    var operator = new CorrelateOperator(gen, d.tableOutputIsRow(m), leftArity, rightArity, type == JoinRelType.LEFT,
        filter, projection);
    int p = in.transformation().getParallelism();
    var t = new OneInputTransformation<>(in.transformation(), "Correlate(" + d.name() + ")", operator,
        (TypeInfo<Row>) PhysicalPlanner.rowTypeInfo(correlate.getRowType()), p > 0 ? p : -1);
    String desc = "Correlate(invocation=[" + d.name() + "(" + args + ")], joinType=[" + type.name() + "]" + calcText
        + ", fields=[" + String.join(", ", correlate.getRowType().getFieldNames()) + "])";
    return new PhysicalNode(desc, List.of(in), t, correlate.getRowType(), in.updating(), in.updateProducer());
  }

  /** {@code $cor0.x} → the left row's field x. */
  private static final class Uncorrelate extends RexShuttle {
    private final CorrelationId id;
    private final RelDataType leftType;
    private final RexBuilder rb;

    Uncorrelate(CorrelationId id, RelDataType leftType, RexBuilder rb) {
      this.id = id;
      this.leftType = leftType;
      this.rb = rb;
    }

    @Override
    public RexNode visitFieldAccess(RexFieldAccess fa) {
      if (fa.getReferenceExpr() instanceof RexCorrelVariable v && v.id.equals(id)) {
        return rb.makeInputRef(leftType.getFieldList().get(fa.getField().getIndex()).getType(), fa.getField().getIndex());
      }
      return super.visitFieldAccess(fa);
    }

    @Override
    public RexNode visitCorrelVariable(RexCorrelVariable v) {
      throw new PlannerException("a LATERAL table function argument may only reference columns of the left side");
    }
  }
}
