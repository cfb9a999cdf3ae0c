package io.weir.sql.planner;

import com.google.common.collect.ImmutableList;
import io.weir.sql.catalog.CatalogTable;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.SupportsFilterPushDown;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Projection and filter push-down for a Calc directly above a connector scan, applied just before
 * physical translation (the same for both modes): the source gets the accepted filter conjuncts
 * and the used columns, the Calc keeps the remaining filter and the expressions, re-indexed.
 * Disabled with {@value #ENABLED}.
 */
final class SourcePushDown {
  static final String ENABLED = TableConfigOptions.SOURCE_PUSHDOWN_ENABLED;

  private SourcePushDown() {}

  /** A scan whose source already has projections/filters applied. */
  static final class PushedTable extends AbstractTable
      implements WeirSchema.ConnectorTable, org.apache.calcite.schema.TranslatableTable {
    private final CatalogTable table;
    private final ScanTableSource source;
    private final RelDataType rowType;
    private final List<String> projected;
    private final List<String> filters;

    PushedTable(CatalogTable table, ScanTableSource source, RelDataType rowType, List<String> projected,
        List<String> filters) {
      this.table = table;
      this.source = source;
      this.rowType = rowType;
      this.projected = projected;
      this.filters = filters;
    }

    @Override
    public CatalogTable catalogTable() {
      return table;
    }

    ScanTableSource source() {
      return source;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return rowType;
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
    }

    /** EXPLAIN detail, e.g. {@code project=[a, b], filter=[>(b, 1)], }. */
    String explain() {
      StringBuilder b = new StringBuilder();
      if (projected != null) {
        b.append("project=[").append(String.join(", ", projected)).append("], ");
      }
      if (!filters.isEmpty()) {
        b.append("filter=[").append(String.join(", ", filters)).append("], ");
      }
      return b.toString();
    }
  }

  /** The rewritten Calc (or bare scan), or null when the source takes nothing. */
  static RelNode rewrite(LogicalCalc calc, LogicalTableScan scan, CatalogTable table, ScanTableSource source) {
    RexProgram program = calc.getProgram();
    RexBuilder rb = calc.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(r -> projects.add(program.expandLocalRef(r)));
    RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
    List<RexNode> remaining = new ArrayList<>();
    List<RexNode> accepted = List.of();
    if (condition != null) {
      List<RexNode> offered = new ArrayList<>();
      for (RexNode c : RelOptUtil.conjunctions(condition)) {
        (RexUtil.isDeterministic(c) ? offered : remaining).add(c);
      }
      if (source instanceof SupportsFilterPushDown fp && !offered.isEmpty()) {
        SupportsFilterPushDown.Result r = fp.applyFilters(offered);
        if (!r.accepted().isEmpty()) {
          source = r.source();
          accepted = r.accepted();
          remaining.addAll(r.remaining());
        } else {
          remaining.addAll(offered);
        }
      } else {
        remaining.addAll(offered);
      }
    }
    RelDataType scanType = scan.getRowType();
    int n = scanType.getFieldCount();
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, RexUtil.composeConjunction(rb, remaining, true));
    if (used.isEmpty()) {
      // a source producing no columns is not worth a special case (e.g. COUNT(*))
      used = ImmutableBitSet.of(0);
    }
    List<String> projectedNames = null;
    int[] fields = used.toArray();
    RexNode remainingCondition = RexUtil.composeConjunction(rb, remaining, true);
    int[][] rowFields = nestedFields(scanType, fields, projects, remainingCondition);
    // narrowed ROW columns as top-level columns when the source can: no nested row per record
    boolean flat = false;
    if (rowFields != null) {
      ScanTableSource p = source.applyFlatProjection(fields, rowFields);
      flat = p != null;
      if (p == null) {
        p = source.applyProjection(fields, rowFields);
      }
      if (p != null) {
        source = p;
        projectedNames = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
          String name = scanType.getFieldNames().get(fields[i]);
          if (rowFields[i] != null) {
            List<String> sub = new ArrayList<>();
            List<RelDataTypeField> row = scanType.getFieldList().get(fields[i]).getType().getFieldList();
            for (int k : rowFields[i]) {
              sub.add(row.get(k).getName());
            }
            name += "." + (sub.size() == 1 ? sub.get(0) : "{" + String.join(", ", sub) + "}");
          }
          projectedNames.add(name);
        }
      } else {
        rowFields = null;
      }
    }
    if (projectedNames == null && fields.length < n) {
      ScanTableSource p = source.applyProjection(fields);
      if (p != null) {
        source = p;
        projectedNames = new ArrayList<>();
        for (int f : fields) {
          projectedNames.add(scanType.getFieldNames().get(f));
        }
      }
    }
    if (projectedNames == null && accepted.isEmpty()) {
      return null;
    }
    if (projectedNames == null) {
      fields = ImmutableBitSet.range(n).toArray();
    }
    int[] newIndex = new int[n];
    java.util.Arrays.fill(newIndex, -1);
    // narrowed ROW columns: old field index -> new field index (flat: -> new column)
    int[][] newFieldIndex = new int[n][];
    RelDataTypeFactory typeFactory = calc.getCluster().getTypeFactory();
    RelDataTypeFactory.Builder tb = typeFactory.builder();
    for (int i = 0; i < fields.length; i++) {
      newIndex[fields[i]] = tb.getFieldCount();
      RelDataTypeField f = scanType.getFieldList().get(fields[i]);
      if (flat && rowFields[i] != null) {
        newFieldIndex[fields[i]] = new int[f.getType().getFieldCount()];
        for (int k : rowFields[i]) {
          newFieldIndex[fields[i]][k] = tb.getFieldCount();
          RexNode access = rb.makeFieldAccess(new RexInputRef(fields[i], f.getType()), k);
          tb.add(f.getName() + "." + f.getType().getFieldList().get(k).getName(), access.getType());
        }
      } else if (rowFields != null && rowFields[i] != null) {
        RelDataType rowType = f.getType();
        List<RelDataType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        newFieldIndex[fields[i]] = new int[rowType.getFieldCount()];
        for (int k = 0; k < rowFields[i].length; k++) {
          RelDataTypeField sub = rowType.getFieldList().get(rowFields[i][k]);
          types.add(sub.getType());
          names.add(sub.getName());
          newFieldIndex[fields[i]][rowFields[i][k]] = k;
        }
        RelDataType narrowed = typeFactory.createTypeWithNullability(
            typeFactory.createStructType(rowType.getStructKind(), types, names), rowType.isNullable());
        tb.add(f.getName(), narrowed);
      } else {
        tb.add(f);
      }
    }
    RelDataType newType = tb.build();
    boolean fl = flat;
    List<String> names = scanType.getFieldNames();
    List<String> filterText = accepted.stream().map(f -> format(f, names)).collect(Collectors.toList());
    PushedTable pushed = new PushedTable(table, source, newType, projectedNames, filterText);
    RelOptTable old = scan.getTable();
    RelOptTable t = RelOptTableImpl.create(old.getRelOptSchema(), newType, pushed, ImmutableList.copyOf(old.getQualifiedName()));
    LogicalTableScan newScan = LogicalTableScan.create(scan.getCluster(), t, scan.getHints());
    RexShuttle remap = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(newIndex[ref.getIndex()], ref.getType());
      }

      @Override
      public RexNode visitFieldAccess(org.apache.calcite.rex.RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexInputRef ref && newFieldIndex[ref.getIndex()] != null && fl) {
          return new RexInputRef(newFieldIndex[ref.getIndex()][access.getField().getIndex()], access.getType());
        }
        if (access.getReferenceExpr() instanceof RexInputRef ref && newFieldIndex[ref.getIndex()] != null) {
          RexNode row = new RexInputRef(newIndex[ref.getIndex()], newType.getFieldList().get(newIndex[ref.getIndex()]).getType());
          return rb.makeFieldAccess(row, newFieldIndex[ref.getIndex()][access.getField().getIndex()]);
        }
        return super.visitFieldAccess(access);
      }
    };
    List<RexNode> newProjects = new ArrayList<>();
    for (RexNode p : projects) {
      newProjects.add(p.accept(remap));
    }
    RexNode newCondition = RexUtil.composeConjunction(rb, remaining, true);
    if (newCondition != null) {
      newCondition = newCondition.accept(remap);
    }
    RexProgram np = RexProgram.create(newType, newProjects, newCondition, calc.getRowType(), rb);
    if (np.isTrivial() && newType.getFieldNames().equals(calc.getRowType().getFieldNames())) {
      return newScan;
    }
    return LogicalCalc.create(newScan, np);
  }

  /**
   * For each used column (in {@code fields} order) the ROW fields read when the column is only read
   * through field accesses and not all its fields are needed, else null; null when no column narrows.
   */
  static int[][] nestedFields(RelDataType scanType, int[] fields, List<RexNode> projects, RexNode condition) {
    int n = scanType.getFieldCount();
    boolean[] whole = new boolean[n];
    java.util.List<java.util.TreeSet<Integer>> accessed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      accessed.add(new java.util.TreeSet<>());
    }
    org.apache.calcite.rex.RexVisitorImpl<Void> finder = new org.apache.calcite.rex.RexVisitorImpl<>(true) {
      @Override
      public Void visitInputRef(RexInputRef ref) {
        whole[ref.getIndex()] = true;
        return null;
      }

      @Override
      public Void visitFieldAccess(org.apache.calcite.rex.RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexInputRef ref) {
          accessed.get(ref.getIndex()).add(access.getField().getIndex());
          return null;
        }
        return super.visitFieldAccess(access);
      }
    };
    projects.forEach(p -> p.accept(finder));
    if (condition != null) {
      condition.accept(finder);
    }
    int[][] out = new int[fields.length][];
    boolean any = false;
    for (int i = 0; i < fields.length; i++) {
      int f = fields[i];
      RelDataType t = scanType.getFieldList().get(f).getType();
      if (!whole[f] && t.isStruct() && !accessed.get(f).isEmpty() && accessed.get(f).size() < t.getFieldCount()) {
        out[i] = accessed.get(f).stream().mapToInt(Integer::intValue).toArray();
        any = true;
      }
    }
    return any ? out : null;
  }

  /** A filter with column names instead of $i, e.g. {@code >(price, 1)}. */
  static String format(RexNode node, List<String> names) {
    if (node instanceof RexInputRef ref) {
      return names.get(ref.getIndex());
    }
    if (node instanceof RexCall call) {
      return call.getOperator().getName() + "("
          + call.getOperands().stream().map(o -> format(o, names)).collect(Collectors.joining(", ")) + ")";
    }
    if (node instanceof org.apache.calcite.rex.RexLiteral lit) {
      return lit.computeDigest(org.apache.calcite.rex.RexDigestIncludeType.NO_TYPE);
    }
    return node.toString();
  }
}
