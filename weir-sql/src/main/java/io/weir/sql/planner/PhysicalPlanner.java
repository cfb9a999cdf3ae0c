package io.weir.sql.planner;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.sources.CollectionSource;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.PartitionTransformation;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.graph.UnionTransformation;
import io.weir.runtime.partitioner.KeyGroupStreamPartitioner;
import io.weir.sql.catalog.CatalogTable;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.codegen.CodeGenerator;
import io.weir.sql.codegen.ExprCodeGenerator;
import io.weir.sql.codegen.GeneratedKeySelector;
import io.weir.sql.connector.FactoryUtil;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.SupportsAscendingRowtime;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.functions.RowProjection;
import io.weir.sql.runtime.operators.CalcOperator;
import io.weir.sql.runtime.operators.DeduplicateOperator;
import io.weir.sql.runtime.operators.GroupAggregateOperator;
import io.weir.sql.runtime.operators.JoinType;
import io.weir.sql.runtime.operators.RankOperator;
import io.weir.sql.runtime.operators.StreamingJoinOperator;
import io.weir.sql.runtime.operators.WatermarkAssignerOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import io.weir.sql.runtime.operators.ExpandOperator;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import io.weir.sql.runtime.operators.WindowAggregateOperator;
import io.weir.sql.runtime.operators.WindowSpec;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import io.weir.sql.runtime.operators.OverAggregateOperator;
import io.weir.sql.runtime.operators.OverFrame;

/**
 * Translates an optimized logical plan into the physical plan of one mode: {@link PhysicalNode}s
 * with transformations and operators of io.weir.sql.runtime. The logical plan is the same for
 * both modes; here STREAMING gets changelog-producing stateful operators and BATCH the same
 * operators on key-sorted input (the engine sorts keyed inputs in BATCH, so they emit final rows
 * only).
 */
public final class PhysicalPlanner {
  private final Configuration config;
  private final boolean batch;
  private final ClassLoader classLoader;
  private final int maxParallelism;
  private final long stateTtlMillis;
  private final int miniBatchSize;
  private final long miniBatchLatencyMs;
  /**
   * BATCH: fused watermark assigners whose watermark never passes a row (ascending rowtime, see
   * {@link TableConfigOptions#BATCH_WINDOWS_ON_WATERMARKS}); they emit watermarks only once a
   * watermark-driven window operator is planned over them, so other BATCH jobs carry none.
   */
  private final java.util.Set<Transformation<?>> ascendingWatermarks =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  public PhysicalPlanner(Configuration config, boolean batch, ClassLoader classLoader) {
    this.config = config;
    this.batch = batch;
    this.classLoader = classLoader;
    this.maxParallelism = config.get(CoreOptions.MAX_PARALLELISM);
    Duration ttl = parseDuration(config.getString(TableConfigOptions.STATE_TTL, "0 ms"));
    this.stateTtlMillis = ttl.toMillis();
    this.miniBatchSize = Boolean.parseBoolean(config.getString(TableConfigOptions.MINI_BATCH_ENABLED, "false"))
        ? Integer.parseInt(config.getString(TableConfigOptions.MINI_BATCH_SIZE, "1000")) : 0;
    this.miniBatchLatencyMs = parseDuration(config.getString(TableConfigOptions.MINI_BATCH_ALLOW_LATENCY,
        GroupAggregateOperator.DEFAULT_MINI_BATCH_LATENCY_MS + " ms")).toMillis();
  }

  private static Duration parseDuration(String s) {
    String t = s.trim();
    if (t.matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(t));
    }
    return io.weir.core.config.ConfigOption.parseDuration(t);
  }

  /** Resolves the execution mode: AUTOMATIC means BATCH when every source is bounded. */
  public static boolean isBatch(Configuration config, boolean allSourcesBounded) {
    RuntimeExecutionMode mode = config.get(CoreOptions.RUNTIME_MODE);
    return mode == RuntimeExecutionMode.BATCH || mode == RuntimeExecutionMode.AUTOMATIC && allSourcesBounded;
  }

  /** Turns Project/Filter into Calc (filter + projection evaluated by one generated operator). */
  public static RelNode toCalc(RelNode rel) {
    HepProgramBuilder b = new HepProgramBuilder();
    b.addRuleCollection(List.of(CoreRules.FILTER_TO_CALC, CoreRules.PROJECT_TO_CALC));
    b.addRuleCollection(List.of(CoreRules.CALC_MERGE, CoreRules.CALC_REMOVE));
    HepPlanner hep = new HepPlanner(b.build());
    hep.setRoot(rel);
    return hep.findBestExp();
  }

  /** Identical subtrees translated once (unless {@link SubplanReuse#ENABLED} is false); null: off. */
  private SubplanReuse subplans;

  public PhysicalNode translate(RelNode rel) {
    if (subplans == null && Boolean.parseBoolean(config.getString(SubplanReuse.ENABLED, "true"))) {
      subplans = new SubplanReuse();
    }
    return subplans != null ? subplans.translate(rel, this::translateNode) : translateNode(rel);
  }

  private PhysicalNode translateNode(RelNode rel) {
    if (rel instanceof LogicalTableScan scan) {
      return scan(scan);
    }
    if (rel instanceof LogicalWatermarkAssigner wa) {
      return fuseWatermark() ? watermark(null, wa) : watermark(wa);
    }
    if (rel instanceof LogicalCalc calc) {
      RelNode pushed = pushDown(calc);
      if (pushed != null) {
        return translate(pushed);
      }
      if (calc.getInput() instanceof LogicalWatermarkAssigner wa && fuseWatermark()) {
        return watermark(calc, wa);
      }
      if (calc.getInput() instanceof LogicalWindow w) {
        PhysicalNode topN = rank(calc, w);
        if (topN != null) {
          return topN;
        }
      }
      return calc(calc);
    }
    if (rel instanceof LogicalWindow w) {
      return over(w);
    }
    if (rel instanceof LogicalValues values) {
      return values(values);
    }
    if (rel instanceof LogicalAggregate agg) {
      return aggregate(agg);
    }
    if (rel instanceof LogicalJoin join) {
      return join(join);
    }
    if (rel instanceof LogicalUnion union) {
      return union(union);
    }
    if (rel instanceof LogicalSort sort) {
      return sort(sort);
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalCorrelate temporal && temporalSnapshot(temporal) != null) {
      return temporalJoin(temporal);
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalCorrelate correlate) {
      return new CorrelatePlanner(this).translate(correlate);
    }
    if (rel instanceof LogicalTableFunctionScan tvf && isWindowTvf(tvf)) {
      return windowTvf(tvf);
    }
    throw new PlannerException("SQL feature not supported yet in " + (batch ? "BATCH" : "STREAMING") + " mode: "
        + rel.getRelTypeName().replace("Logical", "") + " (" + SqlPlanner.explain(rel).split("\n")[0].trim() + ")");
  }

  static RowTypeInfo rowTypeInfo(RelDataType t) {
    return (RowTypeInfo) LogicalType.rowTypeInfo(SqlPlanner.names(t), TypeConversions.fieldTypes(t));
  }

  private static String fields(RelDataType t) {
    return String.join(", ", SqlPlanner.names(t));
  }

  private PhysicalNode scan(LogicalTableScan scan) {
    WeirSchema.ConnectorTable ct = scan.getTable().unwrap(WeirSchema.ConnectorTable.class);
    if (ct == null) {
      throw new PlannerException("table " + scan.getTable().getQualifiedName() + " cannot be scanned");
    }
    CatalogTable table = ct.catalogTable();
    SourcePushDown.PushedTable pushed = ct instanceof SourcePushDown.PushedTable pt ? pt : null;
    ScanTableSource source = pushed != null ? pushed.source() : createSource(table);
    String desc = "TableSourceScan(table=[" + table.name() + "], fields=[" + fields(scan.getRowType()) + "], "
        + (pushed != null ? pushed.explain() : "") + source.describe() + ")";
    return reusedScan(table, desc, () -> {
      RowTypeInfo type = rowTypeInfo(scan.getRowType());
      var t = new SourceTransformation<>("TableSourceScan(" + table.name() + ")", source.createSource(),
          WatermarkStrategy.<Row>noWatermarks(), (TypeInfo<Row>) type, -1);
      if (batch && !source.isBounded()) {
        throw new PlannerException("table " + table.name() + " is unbounded and cannot be read in BATCH mode");
      }
      return new PhysicalNode(desc, List.of(), t, scan.getRowType(), false, null);
    });
  }

  /** How often a processing-time window's watermark follows the wall clock (ms). */
  static final long PROCTIME_WATERMARK_INTERVAL_MS = 50;

  /** The source a scan reads (after push-down), or null for a table that is not a connector table. */
  private ScanTableSource scanSource(LogicalTableScan scan) {
    WeirSchema.ConnectorTable ct = scan.getTable().unwrap(WeirSchema.ConnectorTable.class);
    if (ct == null) {
      return null;
    }
    return ct instanceof SourcePushDown.PushedTable pt ? pt.source() : createSource(ct.catalogTable());
  }

  /**
   * BATCH: the operator whose watermarks drive a window operator over {@code in}, or null when the
   * window operators must hold their windows to the end of the input. Found through stateless
   * Calcs and exchanges: a fused watermark assigner over an ascending rowtime, or a window operator
   * that is itself watermark-driven (its rows are never behind its watermarks either).
   */
  private Transformation<?> watermarkDriver(PhysicalNode in) {
    if (!batch || in.updating()
        || !Boolean.parseBoolean(config.getString(TableConfigOptions.BATCH_WINDOWS_ON_WATERMARKS, "true"))) {
      return null;
    }
    Transformation<?> t = in.transformation();
    while (true) {
      if (ascendingWatermarks.contains(t) || t.isWatermarkDrivenInBatch()) {
        return t;
      }
      if (t instanceof PartitionTransformation<?> p) {
        t = p.getInputs().get(0);
      } else if (t instanceof OneInputTransformation<?, ?> o && (o.getOperator() instanceof CalcOperator
          || o.getOperator() instanceof io.weir.sql.runtime.operators.WindowTableFunctionOperator)) {
        t = o.getInputs().get(0);
      } else {
        return null;
      }
    }
  }

  /**
   * Marks a window operator, its local phase and the drivers of its input(s) as watermark-driven in
   * BATCH (nulls are skipped); a driving assigner then emits a watermark per BATCH_WATERMARK_STEP_MS.
   */
  private static void driveByWatermarks(Transformation<?>... operators) {
    for (Transformation<?> t : operators) {
      if (t == null) {
        continue;
      }
      t.setWatermarkDrivenInBatch(true);
      if (t instanceof OneInputTransformation<?, ?> o && o.getOperator() instanceof WatermarkAssignerOperator w) {
        w.setMinWatermarkStep(BATCH_WATERMARK_STEP_MS);
      }
    }
  }

  /** EXPLAIN of a BATCH operator that runs on watermarks: {@code desc} (ending in ')') with the mark. */
  private static String watermarkDriven(CharSequence desc) {
    return desc.subSequence(0, desc.length() - 1) + ", watermarkDriven=[true])";
  }

  /** BATCH watermark-driven windows: how far (event-time ms) the watermark moves between emissions. */
  static final long BATCH_WATERMARK_STEP_MS = 1000;

  /** Scans translated so far, by digest; shared by the planners of one statement set ({@link #reuseScansWith}). */
  private java.util.Map<String, PhysicalNode> scans = new java.util.HashMap<>();

  /**
   * Shares translated scans with the other planners of one job (the INSERTs of a statement set):
   * scans of one table with the same pushed-down projection and filter then read the source once,
   * one source operator feeding every consumer.
   */
  public PhysicalPlanner reuseScansWith(java.util.Map<String, PhysicalNode> shared) {
    this.scans = shared;
    return this;
  }

  /** The scan with this digest translated before (same table, options, fields and push-down), else a new one. */
  private PhysicalNode reusedScan(CatalogTable table, String desc, java.util.function.Supplier<PhysicalNode> create) {
    String digest = (batch ? "BATCH " : "STREAMING ") + desc + " " + new java.util.TreeMap<>(table.options());
    PhysicalNode node = scans.get(digest);
    if (node == null) {
      node = create.get();
      scans.put(digest, node);
    }
    return node;
  }

  /** Projection/filter push-down into the source under a Calc, or null (disabled, or nothing taken). */
  private RelNode pushDown(LogicalCalc calc) {
    if (!Boolean.parseBoolean(config.getString(SourcePushDown.ENABLED, "true"))) {
      return null;
    }
    if (calc.getInput() instanceof LogicalWatermarkAssigner wa && wa.getInput() instanceof LogicalCalc bottom
        && bottom.getInput() instanceof LogicalTableScan below) {
      WeirSchema.ConnectorTable ct = below.getTable().unwrap(WeirSchema.ConnectorTable.class);
      if (ct == null || ct instanceof SourcePushDown.PushedTable) {
        return null;
      }
      return WatermarkPushDown.rewrite(calc, wa, bottom, createSource(ct.catalogTable()), batch);
    }
    if (!(calc.getInput() instanceof LogicalTableScan scan)) {
      return null;
    }
    WeirSchema.ConnectorTable ct = scan.getTable().unwrap(WeirSchema.ConnectorTable.class);
    if (ct == null || ct instanceof SourcePushDown.PushedTable) {
      return null;
    }
    return SourcePushDown.rewrite(calc, scan, ct.catalogTable(), createSource(ct.catalogTable()));
  }

  public ScanTableSource createSource(CatalogTable table) {
    DynamicTableFactory f = FactoryUtil.find(table.name(), table.options(), classLoader);
    FactoryUtil.validate(table.name(), f, table.options());
    return f.createSource(new TableFactoryContext(table.name(), table.schema(), table.options(), config, classLoader,
        table.partitionKeys()));
  }

  /** Whether all connector tables the plan reads are bounded. */
  public boolean allBounded(RelNode rel) {
    if (rel instanceof LogicalTableScan scan) {
      WeirSchema.ConnectorTable ct = scan.getTable().unwrap(WeirSchema.ConnectorTable.class);
      return ct == null || createSource(ct.catalogTable()).isBounded();
    }
    for (RelNode in : rel.getInputs()) {
      if (!allBounded(in)) {
        return false;
      }
    }
    return true;
  }

  private PhysicalNode watermark(LogicalWatermarkAssigner wa) {
    PhysicalNode in = translate(wa.getInput());
    RexBuilder rb = wa.getCluster().getRexBuilder();
    RelDataType inType = wa.getInput().getRowType();
    var op = new WatermarkAssignerOperator(wa.rowtimeIndex(), wa.watermarkIndex(), 0);
    var t1 = new OneInputTransformation<>(in.transformation(), "WatermarkAssigner", op, in.transformation().getOutputType(), -1);
    List<RexNode> keep = new ArrayList<>();
    for (int i = 0; i < inType.getFieldCount(); i++) {
      if (i != wa.watermarkIndex()) {
        keep.add(org.apache.calcite.rex.RexInputRef.of(i, inType));
      }
    }
    RowTypeInfo outType = rowTypeInfo(wa.getRowType());
    var t2 = new OneInputTransformation<>(t1, "Calc(drop watermark)", new CalcOperator(null,
        CodeGenerator.projection(rb, keep, null)), (TypeInfo<Row>) outType, -1);
    String rowtime = inType.getFieldNames().get(wa.rowtimeIndex());
    return new PhysicalNode("WatermarkAssigner(rowtime=[" + rowtime + "], watermark=[" + inType.getFieldNames().get(wa.watermarkIndex())
        + "])", List.of(in), t2, wa.getRowType(), in.updating(), in.updateProducer());
  }

  private boolean fuseWatermark() {
    return Boolean.parseBoolean(config.getString(LogicalWatermarkAssigner.FUSION_ENABLED, "true"));
  }

  /**
   * A WATERMARK with the Calc below it (the table's computed columns, after push-down) and the Calc
   * {@code top} above it (null: none) as one operator: the rowtime and the watermark are computed
   * from the input row and the output row is built once, where separate Calcs would copy each row
   * three times.
   */
  private PhysicalNode watermark(LogicalCalc top, LogicalWatermarkAssigner wa) {
    RexBuilder rb = wa.getCluster().getRexBuilder();
    RelNode below = wa.getInput();
    LogicalCalc bottomCalc = null;
    if (below instanceof LogicalCalc bc) {
      RelNode pushed = pushDown(bc);
      below = pushed != null ? pushed : bc;
      if (below instanceof LogicalCalc c && !(c.getInput() instanceof LogicalWindow)) {
        bottomCalc = c;
        below = c.getInput();
      }
    }
    List<RexNode> bottom = new ArrayList<>();
    RexNode inputCondition = null;
    if (bottomCalc != null) {
      RexProgram bp = bottomCalc.getProgram();
      bp.getProjectList().forEach(r -> bottom.add(bp.expandLocalRef(r)));
      inputCondition = bp.getCondition() == null ? null : bp.expandLocalRef(bp.getCondition());
    } else {
      for (int i = 0; i < below.getRowType().getFieldCount(); i++) {
        bottom.add(RexInputRef.of(i, below.getRowType()));
      }
    }
    PhysicalNode in = translate(below);
    int wmIdx = wa.watermarkIndex();
    RexNode rowtime = bottom.get(wa.rowtimeIndex());
    RexNode wm = bottom.get(wmIdx);
    // the assigner's output field i is field i (or i + 1 past the dropped watermark) of the Calc below
    var expand = new org.apache.calcite.rex.RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        int i = ref.getIndex();
        return bottom.get(i < wmIdx ? i : i + 1);
      }
    };
    List<RexNode> topProjects = new ArrayList<>();
    RexNode topCondition = null;
    RelDataType outType;
    if (top != null) {
      RexProgram tp = top.getProgram();
      tp.getProjectList().forEach(r -> topProjects.add(tp.expandLocalRef(r)));
      topCondition = tp.getCondition() == null ? null : tp.expandLocalRef(tp.getCondition());
      outType = top.getRowType();
    } else {
      wa.getRowType().getFieldList().forEach(f -> topProjects.add(new RexInputRef(f.getIndex(), f.getType())));
      outType = wa.getRowType();
    }
    List<RexNode> outProjects = new ArrayList<>();
    topProjects.forEach(p -> outProjects.add(p.accept(expand)));
    RexNode outCondition = topCondition == null ? null : topCondition.accept(expand);
    Long offset = watermarkOffset(wm, rowtime);
    // the output is often the scan's row as it is (a pushed-down projection already chose the columns)
    boolean identity = outProjects.size() == below.getRowType().getFieldCount();
    for (int i = 0; i < outProjects.size() && identity; i++) {
      identity = outProjects.get(i) instanceof RexInputRef ref && ref.getIndex() == i;
    }
    var op = new WatermarkAssignerOperator(
        inputCondition == null ? null : CodeGenerator.predicate(rb, inputCondition, null),
        CodeGenerator.expression(rb, rowtime),
        offset == null ? CodeGenerator.expression(rb, wm) : null, offset == null ? 0 : offset,
        outCondition == null ? null : CodeGenerator.predicate(rb, outCondition, null),
        identity ? null : CodeGenerator.projection(rb, outProjects, null), 0);
    var t = new OneInputTransformation<>(in.transformation(), "WatermarkAssigner", op,
        (TypeInfo<Row>) rowTypeInfo(outType), -1);
    if (batch && offset != null && offset >= 0 && below instanceof LogicalTableScan scan
        && scanSource(scan) instanceof SupportsAscendingRowtime a && a.isRowtimeAscending(rowtime)) {
      ascendingWatermarks.add(t);
    }
    // EXPLAIN keeps the logical steps; they share the one operator
    PhysicalNode node = in;
    if (bottomCalc != null) {
      node = new PhysicalNode(calcDescription(inputCondition, bottom, bottomCalc.getRowType()), List.of(node), t,
          bottomCalc.getRowType(), in.updating(), in.updateProducer());
    }
    RelDataType inType = wa.getInput().getRowType();
    node = new PhysicalNode("WatermarkAssigner(rowtime=[" + inType.getFieldNames().get(wa.rowtimeIndex())
        + "], watermark=[" + inType.getFieldNames().get(wmIdx) + "])", List.of(node), t, wa.getRowType(),
        in.updating(), in.updateProducer());
    if (top != null) {
      node = new PhysicalNode(calcDescription(topCondition, topProjects, outType), List.of(node), t, outType,
          in.updating(), in.updateProducer());
    }
    return node;
  }

  /** {@code c} when {@code wm} is {@code rowtime} (0) or {@code rowtime - INTERVAL c} (day-time, in ms); else null. */
  static Long watermarkOffset(RexNode wm, RexNode rowtime) {
    if (wm.equals(rowtime)) {
      return 0L;
    }
    if (wm instanceof RexCall call && call.getKind() == SqlKind.MINUS && call.getOperands().size() == 2
        && call.getOperands().get(0).equals(rowtime)
        && call.getOperands().get(1) instanceof org.apache.calcite.rex.RexLiteral lit && !lit.isNull()
        && lit.getType().getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME) {
      java.math.BigDecimal v = lit.getValueAs(java.math.BigDecimal.class);
      return v == null ? null : v.longValueExact();
    }
    return null;
  }

  private PhysicalNode calc(LogicalCalc calc) {
    PhysicalNode in = translate(calc.getInput());
    RexProgram program = calc.getProgram();
    RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(r -> projects.add(program.expandLocalRef(r)));
    return calc(in, condition, projects, program.projectsOnlyIdentity(), calc.getRowType(), calc.getCluster().getRexBuilder());
  }

  /** Filter + projection over {@code in}'s rows by one generated operator. */
  private PhysicalNode calc(PhysicalNode in, RexNode condition, List<RexNode> projects, boolean identity,
      RelDataType outType, RexBuilder rb) {
    RowPredicate predicate = condition == null ? null : CodeGenerator.predicate(rb, condition, null);
    RowProjection projection = identity ? null : CodeGenerator.projection(rb, projects, null);
    var t = new OneInputTransformation<>(in.transformation(), "Calc", new CalcOperator(predicate, projection),
        (TypeInfo<Row>) rowTypeInfo(outType), sameParallelism(in));
    return new PhysicalNode(calcDescription(condition, projects, outType), List.of(in), t, outType, in.updating(),
        in.updateProducer());
  }

  private static String calcDescription(RexNode condition, List<RexNode> projects, RelDataType outType) {
    StringBuilder d = new StringBuilder("Calc(select=[");
    List<String> names = outType.getFieldNames();
    for (int i = 0; i < projects.size(); i++) {
      d.append(i > 0 ? ", " : "").append(projects.get(i)).append(" AS ").append(names.get(i));
    }
    d.append(']');
    if (condition != null) {
      d.append(", where=[").append(condition).append(']');
    }
    d.append(')');
    return d.toString();
  }

  /**
   * The parallelism of a stateless operator after {@code in}: the same as its input's when that is
   * fixed (e.g. 1 after a global aggregate), so the edge is a forward one. A changelog must never
   * cross a rebalance: the -U and the +U of one key could take different channels and arrive out
   * of order (a retraction before the row it retracts).
   */
  private static int sameParallelism(PhysicalNode in) {
    int p = in.transformation().getParallelism();
    return p > 0 ? p : -1;
  }

  // ---------------------------------------------------------------- OVER windows and Top-N

  /**
   * {@code ROW_NUMBER() OVER (PARTITION BY .. ORDER BY ..) AS rn .. WHERE rn <= N} (or {@code rn = 1}):
   * a Top-N / deduplication by RankOperator; null when the Calc over the window is not that shape.
   */
  private PhysicalNode rank(LogicalCalc calc, LogicalWindow w) {
    if (w.groups.size() != 1 || w.groups.get(0).aggCalls.size() != 1
        || w.groups.get(0).aggCalls.get(0).getOperator().getKind() != SqlKind.ROW_NUMBER) {
      return null;
    }
    RexProgram program = calc.getProgram();
    if (program.getCondition() == null) {
      return null;
    }
    int n = w.getInput().getRowType().getFieldCount();
    long start = 1;
    long end = Long.MAX_VALUE;
    List<RexNode> rest = new ArrayList<>();
    RexBuilder rb = calc.getCluster().getRexBuilder();
    RexNode cond = RexUtil.expandSearch(rb, null, program.expandLocalRef(program.getCondition()));
    for (RexNode c : RelOptUtil.conjunctions(cond)) {
      long[] range = rankBound(c, n);
      if (range == null) {
        rest.add(c);
      } else {
        start = Math.max(start, range[0]);
        end = Math.min(end, range[1]);
      }
    }
    if (end == Long.MAX_VALUE) {
      return null;
    }
    RexNode residual = rest.isEmpty() ? null : RexUtil.composeConjunction(rb, rest);
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(r -> projects.add(program.expandLocalRef(r)));
    boolean rankNeeded = residual != null && RelOptUtil.InputFinder.bits(residual).get(n);
    for (RexNode p : projects) {
      rankNeeded |= RelOptUtil.InputFinder.bits(p).get(n);
    }
    PhysicalNode in = translate(w.getInput());
    Window.Group g = w.groups.get(0);
    int[] keys = g.keys.toArray();
    if (end < start) {
      // an empty range: nothing qualifies; keep the plan valid with an always-false filter
      start = 1;
      end = 1;
      residual = rb.makeLiteral(false);
    }
    RowTypeInfo inType = rowTypeInfo(w.getInput().getRowType());
    RelDataType rankType = rankNeeded ? w.getRowType() : w.getInput().getRowType();
    PhysicalNode windowRank = windowRank(w, in, keys, start, end, rankNeeded, rankType);
    if (windowRank != null) {
      return rankOutput(calc, windowRank, residual, projects, rankType, rb);
    }
    List<RelFieldCollation> rankOrder = g.orderKeys.getFieldCollations();
    boolean keepLastRow = start == 1 && end == 1 && rankOrder.size() == 1
        && rankOrder.get(0).getDirection().isDescending() && isRowtime(w.getInput(), rankOrder.get(0).getFieldIndex());
    if (batch && !in.updating() && end <= hashRankThreshold() && !disabled("HashRank")) {
      return rankOutput(calc, hashRank(w, in, inType, keys, start, end, rankNeeded, keepLastRow, rankType), residual,
          projects, rankType, rb);
    }
    // STREAMING Top-1 over inserts keeps one row per key, not a ranked list
    boolean dedup = !batch && !in.updating() && start == 1 && end == 1 && !disabled("Deduplicate");
    io.weir.runtime.operators.OneInputStreamOperator<Row, Row> op = dedup
        ? new DeduplicateOperator(inType, CodeGenerator.comparator(rankOrder), rankNeeded, keepLastRow,
            miniBatchSize, miniBatchLatencyMs)
        : new RankOperator(inType, CodeGenerator.comparator(rankOrder), start, end, rankNeeded, !in.updating(),
            keepLastRow);
    var t = new OneInputTransformation<>(keyBy(in.transformation(), keys), "Rank", op,
        (TypeInfo<Row>) rowTypeInfo(rankType), keys.length == 0 ? 1 : -1);
    t.setStateKeySelector(CodeGenerator.keySelector(keys), keyType(w.getInput().getRowType(), keys));
    String name = start == 1 && end == 1 ? "Deduplicate" : "Rank";
    String desc = name + "(rankType=[ROW_NUMBER], rankRange=[rankStart=" + start + ", rankEnd=" + end + "], partitionBy=["
        + keyNames(w.getInput().getRowType(), keys) + "], orderBy=[" + orderNames(w.getInput().getRowType(),
        g.orderKeys.getFieldCollations()) + "], select=[" + fields(rankType) + "])";
    boolean updating = !batch;
    PhysicalNode rankNode = new PhysicalNode(desc, List.of(in), t, rankType, updating,
        updating ? (in.updating() ? in.updateProducer() : name) : null);
    return rankOutput(calc, rankNode, residual, projects, rankType, rb);
  }

  /** The Calc over a rank's output (the residual condition and the projection), unless it is the identity. */
  private PhysicalNode rankOutput(LogicalCalc calc, PhysicalNode rankNode, RexNode residual, List<RexNode> projects,
      RelDataType rankType, RexBuilder rb) {
    boolean identity = residual == null && projects.size() == rankType.getFieldCount();
    for (int i = 0; identity && i < projects.size(); i++) {
      identity = projects.get(i) instanceof RexInputRef ref && ref.getIndex() == i;
    }
    if (identity) {
      return rankNode;
    }
    return calc(rankNode, residual, projects, false, calc.getRowType(), rb);
  }

  /** {@code [start, end]} of the row number implied by a comparison of field {@code rn} with a literal, or null. */
  private static long[] rankBound(RexNode c, int rn) {
    if (!(c instanceof RexCall call) || call.getOperands().size() != 2) {
      return null;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (b instanceof RexInputRef && a instanceof RexLiteral) {
      RexNode x = a;
      a = b;
      b = x;
      kind = kind.reverse();
    }
    if (!(a instanceof RexInputRef ref) || ref.getIndex() != rn || !(b instanceof RexLiteral lit)
        || !(lit.getValue2() instanceof Number num)) {
      return null;
    }
    long v = num.longValue();
    return switch (kind) {
      case LESS_THAN_OR_EQUAL -> new long[] {1, v};
      case LESS_THAN -> new long[] {1, v - 1};
      case EQUALS -> new long[] {v, v};
      case GREATER_THAN_OR_EQUAL -> new long[] {Math.max(1, v), Long.MAX_VALUE};
      case GREATER_THAN -> new long[] {Math.max(1, v + 1), Long.MAX_VALUE};
      default -> null;
    };
  }

  /** OVER aggregations: one OverAggregateOperator per window group, each appending its calls' values. */
  private PhysicalNode over(LogicalWindow w) {
    PhysicalNode node = translate(w.getInput());
    if (!batch && node.updating()) {
      return retractingOver(w, node);
    }
    RelDataType inRowType = w.getInput().getRowType();
    int inputCount = inRowType.getFieldCount();
    int fieldsSoFar = inputCount;
    List<RelDataTypeField> outFields = w.getRowType().getFieldList();
    for (Window.Group g : w.groups) {
      RelDataType curType = prefixType(w, outFields, fieldsSoFar);
      int[] keys = g.keys.toArray();
      List<RelFieldCollation> order = g.orderKeys.getFieldCollations();
      OverFrame frame = new OverFrame(g.isRows, bound(w, g.lowerBound, true), bound(w, g.upperBound, false));
      int timeField = order.isEmpty() ? -1 : order.get(0).getFieldIndex();
      if (!batch) {
        if (order.isEmpty() || order.get(0).getDirection().isDescending() || !isRowtime(w.getInput(), timeField)) {
          throw new PlannerException("OVER aggregation in STREAMING mode needs ORDER BY an event-time attribute "
              + "(a column with a WATERMARK) ascending, got ORDER BY "
              + (order.isEmpty() ? "nothing" : keyNames(inRowType, new int[] {order.get(0).getFieldIndex()})
                  + (order.get(0).getDirection().isDescending() ? " DESC" : "")));
        }
        if (frame.following() != 0) {
          throw new PlannerException("OVER aggregation in STREAMING mode needs a frame ending at CURRENT ROW");
        }
      } else if (timeField >= 0 && !isNumericOrTime(inRowType.getFieldList().get(timeField).getType())) {
        timeField = -1;
      }
      List<AggregateSpec> specs = new ArrayList<>();
      for (Window.RexWinAggCall call : g.aggCalls) {
        specs.add(overSpec(call, outFields.get(fieldsSoFar + specs.size()).getName()));
      }
      RelDataType outType = prefixType(w, outFields, fieldsSoFar + specs.size());
      OverAggregateOperator op;
      try {
        op = new OverAggregateOperator(rowTypeInfo(curType), order.isEmpty() ? null
                : CodeGenerator.comparator(g.isRows ? withTieBreak(order, keys, inputCount) : order),
            timeField, frame, specs);
      } catch (IllegalArgumentException e) {
        throw new PlannerException("OVER window not supported: " + e.getMessage());
      }
      var t = new OneInputTransformation<>(keyBy(node.transformation(), keys), "OverAggregate", op,
          (TypeInfo<Row>) rowTypeInfo(outType), keys.length == 0 ? 1 : -1);
      t.setStateKeySelector(CodeGenerator.keySelector(keys), keyType(curType, keys));
      StringBuilder d = new StringBuilder("OverAggregate(partitionBy=[").append(keyNames(inRowType, keys))
          .append("], orderBy=[").append(orderNames(inRowType, order)).append("], ").append(g.isRows ? "ROWS" : "RANGE").append(" BETWEEN ")
          .append(boundText(frame.preceding(), "PRECEDING")).append(" AND ").append(boundText(frame.following(), "FOLLOWING")).append(", select=[");
      for (int i = 0; i < specs.size(); i++) {
        d.append(i > 0 ? ", " : "").append(g.aggCalls.get(i).getOperator().getName()).append('(')
            .append(specs.get(i).argIndex() < 0 ? "" : "$" + specs.get(i).argIndex()).append(") AS ")
            .append(specs.get(i).name());
      }
      d.append("])");
      node = new PhysicalNode(d.toString(), List.of(node), t, outType, false, null);
      fieldsSoFar += specs.size();
    }
    return node;
  }

  /**
   * ORDER BY followed by every other input field: rows that tie on the ORDER BY get one order, so
   * a ROWS frame's result does not depend on arrival order (the same in both modes, and the order
   * {@link RetractingOverAggregateOperator} keeps).
   */
  private static List<RelFieldCollation> withTieBreak(List<RelFieldCollation> order, int[] keys, int inputCount) {
    List<RelFieldCollation> out = new ArrayList<>(order);
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (RelFieldCollation c : order) {
      used.add(c.getFieldIndex());
    }
    for (int k : keys) {
      used.add(k);
    }
    for (int i = 0; i < inputCount; i++) {
      if (used.add(i)) {
        out.add(new RelFieldCollation(i, RelFieldCollation.Direction.ASCENDING, RelFieldCollation.NullDirection.FIRST));
      }
    }
    return out;
  }

  /**
   * STREAMING OVER over an updating input (a top-1 per key feeding a running average, Nexmark q6):
   * a ROWS frame ending at CURRENT ROW, recomputed for the rows whose frames an update touches.
   */
  private PhysicalNode retractingOver(LogicalWindow w, PhysicalNode node) {
    RelDataType inRowType = w.getInput().getRowType();
    int inputCount = inRowType.getFieldCount();
    int fieldsSoFar = inputCount;
    List<RelDataTypeField> outFields = w.getRowType().getFieldList();
    for (Window.Group g : w.groups) {
      RelDataType curType = prefixType(w, outFields, fieldsSoFar);
      int[] keys = g.keys.toArray();
      List<RelFieldCollation> order = g.orderKeys.getFieldCollations();
      OverFrame frame = new OverFrame(g.isRows, bound(w, g.lowerBound, true), bound(w, g.upperBound, false));
      if (!g.isRows || frame.following() != 0 || order.isEmpty()) {
        throw new PlannerException("OVER aggregation in STREAMING mode over an updating input (" + node.updateProducer()
            + " produces updates) needs ORDER BY and a ROWS frame ending at CURRENT ROW");
      }
      List<AggregateSpec> specs = new ArrayList<>();
      for (Window.RexWinAggCall call : g.aggCalls) {
        specs.add(overSpec(call, outFields.get(fieldsSoFar + specs.size()).getName()));
      }
      RelDataType outType = prefixType(w, outFields, fieldsSoFar + specs.size());
      io.weir.sql.runtime.operators.RetractingOverAggregateOperator op;
      try {
        op = new io.weir.sql.runtime.operators.RetractingOverAggregateOperator(rowTypeInfo(curType),
            CodeGenerator.comparator(withTieBreak(order, keys, curType.getFieldCount())), frame.preceding(), specs);
      } catch (IllegalArgumentException e) {
        throw new PlannerException("OVER window over an updating input not supported: " + e.getMessage());
      }
      var t = new OneInputTransformation<>(keyBy(node.transformation(), keys), "OverAggregate", op,
          (TypeInfo<Row>) rowTypeInfo(outType), keys.length == 0 ? 1 : -1);
      t.setStateKeySelector(CodeGenerator.keySelector(keys), keyType(curType, keys));
      StringBuilder d = new StringBuilder("OverAggregate(partitionBy=[").append(keyNames(inRowType, keys))
          .append("], orderBy=[").append(orderNames(inRowType, order)).append("], ROWS BETWEEN ")
          .append(boundText(frame.preceding(), "PRECEDING")).append(" AND CURRENT ROW, retracting, select=[");
      for (int i = 0; i < specs.size(); i++) {
        d.append(i > 0 ? ", " : "").append(g.aggCalls.get(i).getOperator().getName()).append('(')
            .append(specs.get(i).argIndex() < 0 ? "" : "$" + specs.get(i).argIndex()).append(") AS ")
            .append(specs.get(i).name());
      }
      d.append("])");
      node = new PhysicalNode(d.toString(), List.of(node), t, outType, true, "OverAggregate");
      fieldsSoFar += specs.size();
    }
    return node;
  }

  private static String boundText(long b, String dir) {
    return b == OverFrame.UNBOUNDED ? "UNBOUNDED " + dir : b == 0 ? "CURRENT ROW" : b + " " + dir;
  }

  private static RelDataType prefixType(LogicalWindow w, List<RelDataTypeField> fields, int count) {
    var b = w.getCluster().getTypeFactory().builder();
    for (int i = 0; i < count; i++) {
      b.add(fields.get(i));
    }
    return b.build();
  }

  private static boolean isNumericOrTime(RelDataType t) {
    SqlTypeName n = t.getSqlTypeName();
    return SqlTypeName.NUMERIC_TYPES.contains(n) || n == SqlTypeName.TIMESTAMP || n == SqlTypeName.DATE
        || n == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || n == SqlTypeName.TIME;
  }

  /** A frame bound as OverFrame counts it: UNBOUNDED, 0 for CURRENT ROW, else the offset (rows or ms). */
  private static long bound(LogicalWindow w, RexWindowBound b, boolean lower) {
    if (b.isUnbounded()) {
      if (lower != b.isPreceding()) {
        throw new PlannerException("OVER frame bound " + b + " is not supported");
      }
      return OverFrame.UNBOUNDED;
    }
    if (b.isCurrentRow()) {
      return 0;
    }
    if (lower != b.isPreceding()) {
      throw new PlannerException("OVER frame " + (lower ? "start " : "end ") + b + " is not supported yet");
    }
    RexNode off = b.getOffset();
    if (off instanceof RexInputRef ref) {
      int c = ref.getIndex() - w.getInput().getRowType().getFieldCount();
      off = c >= 0 && c < w.constants.size() ? w.constants.get(c) : off;
    }
    if (off instanceof RexLiteral lit && lit.getValue2() instanceof Number num) {
      return num.longValue();
    }
    if (off instanceof RexLiteral lit && lit.getValueAs(Long.class) != null) {
      return lit.getValueAs(Long.class);
    }
    throw new PlannerException("OVER frame offset " + off + " must be a constant");
  }

  private static AggregateSpec overSpec(Window.RexWinAggCall call, String name) {
    AggregateSpec.Kind kind = switch (call.getOperator().getKind()) {
      case ROW_NUMBER -> AggregateSpec.Kind.ROW_NUMBER;
      case RANK -> AggregateSpec.Kind.RANK;
      case DENSE_RANK -> AggregateSpec.Kind.DENSE_RANK;
      case SINGLE_VALUE -> null; // not an OVER function
      default -> aggregateKind(call.getOperator().getKind(), call.getOperands().isEmpty());
    };
    if (kind == null) {
      throw new PlannerException("OVER function " + call.getOperator().getName() + " is not supported yet");
    }
    if (call.getOperands().size() > 1) {
      throw new PlannerException("OVER function " + call + " with several arguments is not supported yet");
    }
    int arg = -1;
    if (!call.getOperands().isEmpty()) {
      if (!(call.getOperands().get(0) instanceof RexInputRef ref)) {
        throw new PlannerException("OVER function argument " + call.getOperands().get(0) + " must be a column");
      }
      arg = ref.getIndex();
    }
    return new AggregateSpec(kind, arg, call.distinct, -1, TypeConversions.toLogicalType(call.getType()).toTypeInfo(), name);
  }

  /** Whether field {@code field} of {@code rel} is an event-time attribute (the rowtime of a WATERMARK, passed through). */
  static boolean isRowtime(RelNode rel, int field) {
    if (rel instanceof LogicalWatermarkAssigner wa) {
      int inField = field >= wa.watermarkIndex() ? field + 1 : field;
      return inField == wa.rowtimeIndex();
    }
    if (rel instanceof LogicalCalc calc) {
      RexProgram p = calc.getProgram();
      RexNode e = p.expandLocalRef(p.getProjectList().get(field));
      return e instanceof RexInputRef ref && isRowtime(calc.getInput(), ref.getIndex());
    }
    if (rel instanceof LogicalWindow w) {
      return field < w.getInput().getRowType().getFieldCount() && isRowtime(w.getInput(), field);
    }
    if (rel instanceof LogicalUnion u) {
      return u.getInputs().stream().allMatch(i -> isRowtime(i, field));
    }
    if (rel instanceof LogicalTableFunctionScan scan && isWindowTvf(scan)) {
      RelNode tvfInput = scan.getInputs().get(0);
      int n = tvfInput.getRowType().getFieldCount();
      return field < n ? isRowtime(tvfInput, field) : field == n + 2; // window_time, when the TVF has it
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalFilter || rel instanceof LogicalSort) {
      return isRowtime(rel.getInput(0), field);
    }
    if (rel instanceof LogicalAggregate agg) {
      return isWindowAggregateTime(agg, field);
    }
    return false;
  }

  /**
   * Whether {@code field} of {@code agg} is the window_end (or window_time) key of an event-time
   * window aggregation, as {@link #windowAggregate} and {@link #cascadedWindowAggregate} plan it.
   * A WindowAggregateOperator drops rows of windows that fired already and emits a window's row
   * when the watermark reaches its fire time (window_end - 1; cascaded: window_end), before it
   * forwards that watermark; so every result row arrives downstream with a time above the
   * downstream's current watermark, which is all interval joins, OVER, dedup and windowing on a
   * rowtime rely on. Flink counts only window_time as a time attribute (docs/architecture.md).
   */
  private static boolean isWindowAggregateTime(LogicalAggregate agg, int field) {
    if (agg.getGroupType() != Aggregate.Group.SIMPLE || field >= agg.getGroupCount()) {
      return false;
    }
    RelNode below = agg.getInput();
    RelNode scanNode = below instanceof LogicalCalc c ? c.getInput() : below;
    int key = agg.getGroupSet().nth(field);
    if (scanNode instanceof LogicalTableFunctionScan scan && isWindowTvf(scan)) {
      // windowAggregate: fires at window_end - 1, so window_time (= window_end - 1) qualifies too
      RexCall descriptor = (RexCall) ((RexCall) scan.getCall()).getOperands().get(0);
      int timeField = ((RexInputRef) descriptor.getOperands().get(0)).getIndex();
      int column = windowColumnOf(below, key);
      return (column == 1 || column == 2) && isRowtime(scan.getInputs().get(0), timeField);
    }
    // cascadedWindowAggregate: 1 ms windows on the last window_end key, fired when the watermark
    // reaches that window_end (window_time = window_end - 1 would not be above it)
    int windowEnd = -1;
    for (int k : agg.getGroupSet()) {
      if (windowColumnOf(below, k) == 1) {
        windowEnd = k;
      }
    }
    for (AggregateCall c : agg.getAggCallList()) {
      if (c.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
        return false; // planned as a GroupAggregate
      }
    }
    return key == windowEnd && isRowtime(below, key);
  }

  private PhysicalNode values(LogicalValues values) {
    List<Row> rows = new ArrayList<>();
    List<LogicalType> types = TypeConversions.fieldTypes(values.getRowType());
    for (List<RexLiteral> tuple : values.getTuples()) {
      Row r = new Row(tuple.size());
      for (int i = 0; i < tuple.size(); i++) {
        r.setField(i, ExprCodeGenerator.literalValue(tuple.get(i), types.get(i)));
      }
      rows.add(r);
    }
    TypeInfo<Row> type = rowTypeInfo(values.getRowType());
    var t = new SourceTransformation<>("Values", new CollectionSource<>(rows, type), WatermarkStrategy.<Row>noWatermarks(), type, 1);
    return new PhysicalNode("Values(tuples=[" + rows.size() + " rows], fields=[" + fields(values.getRowType()) + "])",
        List.of(), t, values.getRowType(), false, null);
  }

  private Transformation<Row> keyBy(Transformation<Row> in, int[] keys) {
    GeneratedKeySelector ks = CodeGenerator.keySelector(keys);
    return new PartitionTransformation<>(in, new KeyGroupStreamPartitioner<>(ks, maxParallelism));
  }

  private static RowTypeInfo keyType(RelDataType input, int[] keys) {
    RowTypeInfo in = rowTypeInfo(input);
    TypeInfo<?>[] types = new TypeInfo<?>[keys.length];
    String[] names = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      types[i] = in.getFieldType(keys[i]);
      names[i] = in.getFieldNames()[keys[i]];
    }
    return new RowTypeInfo(names, types);
  }

  private PhysicalNode aggregate(LogicalAggregate agg) {
    PhysicalNode windowed = windowAggregate(agg);
    if (windowed != null) {
      return windowed;
    }
    if (agg.getGroupType() == Aggregate.Group.SIMPLE) {
      PhysicalNode cascaded = cascadedWindowAggregate(agg);
      if (cascaded != null) {
        return cascaded;
      }
    }
    if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
      return groupingSets(agg);
    }
    PhysicalNode in = translate(agg.getInput());
    int[] keys = agg.getGroupSet().toArray();
    List<AggregateSpec> specs = new ArrayList<>();
    List<String> names = agg.getRowType().getFieldNames();
    List<String> callText = new ArrayList<>();
    // LITERAL_AGG (from NOT IN / IN rewrites) is a constant per group: added by a Calc afterwards
    List<RexNode> literals = new ArrayList<>();
    var tf = agg.getCluster().getTypeFactory();
    var aggOut = tf.builder();
    for (int k = 0; k < keys.length; k++) {
      aggOut.add(agg.getRowType().getFieldList().get(k));
    }
    for (int i = 0; i < agg.getAggCallList().size(); i++) {
      AggregateCall call = agg.getAggCallList().get(i);
      if (call.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
        literals.add(call.rexList.get(0));
        continue;
      }
      literals.add(null);
      specs.add(aggregateSpec(call, names.get(keys.length + i)));
      callText.add(call.toString());
      aggOut.add(agg.getRowType().getFieldList().get(keys.length + i));
    }
    if (specs.size() == agg.getAggCallList().size()) {
      return groupAggregate(in, agg.getInput().getRowType(), keys, specs, callText, agg.getRowType());
    }
    RelDataType aggOutType = aggOut.build();
    PhysicalNode aggregated = groupAggregate(in, agg.getInput().getRowType(), keys, specs, callText, aggOutType);
    List<RexNode> out = new ArrayList<>();
    for (int k = 0; k < keys.length; k++) {
      out.add(RexInputRef.of(k, aggOutType));
    }
    int next = keys.length;
    for (RexNode lit : literals) {
      out.add(lit != null ? lit : RexInputRef.of(next++, aggOutType));
    }
    return calc(aggregated, null, out, false, agg.getRowType(), agg.getCluster().getRexBuilder());
  }

  private PhysicalNode groupAggregate(PhysicalNode in, RelDataType inRowType, int[] keys, List<AggregateSpec> specs,
      List<String> callText, RelDataType outType) {
    UserAggregates.checkRetract(specs, !batch && in.updating(), in.updateProducer());
    if (batch) {
      return hashAggregate(in, inRowType, keys, specs, callText, outType);
    }
    RowTypeInfo inType = rowTypeInfo(inRowType);
    if (miniBatchSize > 0 && !in.updating() && io.weir.sql.runtime.batch.HashAggregateOperator.mergeable(specs)
        && specs.stream().noneMatch(AggregateSpec::distinct)
        && !onePhaseOnly()) {
      return twoPhaseGroupAggregate(in, inRowType, inType, keys, specs, callText, outType);
    }
    GeneratedKeySelector ks = CodeGenerator.keySelector(keys);
    Transformation<Row> partitioned = keyBy(in.transformation(), keys);
    var op = new GroupAggregateOperator(specs, inType, batch ? 0 : stateTtlMillis, batch ? 0 : miniBatchSize,
        miniBatchLatencyMs, in.updating());
    var t = new OneInputTransformation<>(partitioned, "GroupAggregate", op, (TypeInfo<Row>) rowTypeInfo(outType),
        keys.length == 0 ? 1 : -1);
    t.setStateKeySelector(ks, keyType(inRowType, keys));
    String name = batch ? "SortAggregate" : "GroupAggregate";
    boolean updating = !batch;
    return new PhysicalNode(name + "(" + groupAndSelect(inRowType, keys, specs, callText), List.of(in), t, outType,
        updating, updating ? (in.updating() ? in.updateProducer() : name) : null);
  }

  /**
   * STREAMING GROUP BY with mini-batch over insert-only rows, in two phases as in Flink (AUTO
   * picks them when mini-batch is on): a LocalGroupAggregate chained to the input folds each
   * mini-batch into one partial per key, so the keyed exchange and the GroupAggregate (global:
   * merging partials) see one record per key and mini-batch instead of every row. Not for DISTINCT
   * (a distinct set hardly shrinks locally) nor aggregates whose partials do not merge exactly;
   * {@code table.optimizer.agg-phase-strategy=ONE_PHASE} turns it off.
   */
  @SuppressWarnings("unchecked")
  private PhysicalNode twoPhaseGroupAggregate(PhysicalNode in, RelDataType inRowType, RowTypeInfo inType, int[] keys,
      List<AggregateSpec> specs, List<String> callText, RelDataType outType) {
    var local = new io.weir.sql.runtime.operators.LocalGroupAggregateOperator(keys, specs, inType, miniBatchSize,
        miniBatchLatencyMs);
    RowTypeInfo partialType = io.weir.sql.runtime.util.RowUtil.projectType(inType, keys,
        io.weir.sql.runtime.aggregate.GroupState.typeInfo(new io.weir.sql.runtime.aggregate.RowAggregator(specs, inType, false)));
    var lt = new OneInputTransformation<>(in.transformation(), "LocalGroupAggregate", local, (TypeInfo<Row>) partialType,
        sameParallelism(in));
    int[] partialKeys = java.util.stream.IntStream.range(0, keys.length).toArray();
    var global = GroupAggregateOperator.global(specs, inType, keys.length, stateTtlMillis, miniBatchSize,
        miniBatchLatencyMs);
    var t = new OneInputTransformation<>(keyBy(lt, partialKeys), "GlobalGroupAggregate", global,
        (TypeInfo<Row>) rowTypeInfo(outType), keys.length == 0 ? 1 : -1);
    t.setStateKeySelector(CodeGenerator.keySelector(partialKeys), keyType(inRowType, keys));
    String d = groupAndSelect(inRowType, keys, specs, callText);
    PhysicalNode localNode = new PhysicalNode("LocalGroupAggregate(" + d, List.of(in), lt, inRowType, false, null);
    return new PhysicalNode("GlobalGroupAggregate(" + d, List.of(localNode), t, outType, true, "GroupAggregate");
  }

  /**
   * GROUPING SETS / ROLLUP / CUBE: Expand emits each row once per set (fields outside the set
   * NULLed, the set's index appended as $e), one aggregate groups by (grouping fields, $e), and a
   * Calc drops $e and computes GROUPING(..) from it. Grouping fields that aggregates also read are
   * copied first so the aggregates see their values.
   */
  private PhysicalNode groupingSets(LogicalAggregate agg) {
    PhysicalNode in = translate(agg.getInput());
    RexBuilder rb = agg.getCluster().getRexBuilder();
    var tf = agg.getCluster().getTypeFactory();
    RelDataType inType = agg.getInput().getRowType();
    int n = inType.getFieldCount();
    int[] grouping = agg.getGroupSet().toArray();
    // copies of the grouping fields aggregates read (args and FILTERs)
    java.util.Map<Integer, Integer> copyOf = new java.util.LinkedHashMap<>();
    for (AggregateCall c : agg.getAggCallList()) {
      List<Integer> used = new ArrayList<>(c.getArgList());
      if (c.filterArg >= 0) {
        used.add(c.filterArg);
      }
      for (int a : used) {
        if (agg.getGroupSet().get(a) && !copyOf.containsKey(a)) {
          copyOf.put(a, n + copyOf.size());
        }
      }
    }
    PhysicalNode base = in;
    var withCopies = tf.builder().addAll(inType.getFieldList());
    if (!copyOf.isEmpty()) {
      List<RexNode> projects = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        projects.add(RexInputRef.of(i, inType));
      }
      for (int f : copyOf.keySet()) {
        projects.add(RexInputRef.of(f, inType));
        withCopies.add("$copy" + f, inType.getFieldList().get(f).getType());
      }
      base = calc(in, null, projects, false, withCopies.build(), rb);
    }
    RelDataType copiesType = withCopies.build();
    int[][] sets = new int[agg.getGroupSets().size()][];
    for (int s = 0; s < sets.length; s++) {
      sets[s] = agg.getGroupSets().get(s).toArray();
    }
    RelDataType expandType = tf.builder().addAll(nullableFields(tf, copiesType, agg.getGroupSet()))
        .add("$e", tf.createSqlType(SqlTypeName.BIGINT)).build();
    int e = copiesType.getFieldCount();
    var expandT = new OneInputTransformation<>(base.transformation(), "Expand", new ExpandOperator(grouping, sets),
        (TypeInfo<Row>) rowTypeInfo(expandType), sameParallelism(base));
    List<String> setText = new ArrayList<>();
    for (int[] set : sets) {
      setText.add("{" + keyNames(inType, set) + "}");
    }
    PhysicalNode expand = new PhysicalNode("Expand(groupingSets=[" + String.join(", ", setText) + "])", List.of(base), expandT,
        expandType, base.updating(), base.updateProducer());

    int[] keys = java.util.Arrays.copyOf(grouping, grouping.length + 1);
    keys[grouping.length] = e;
    List<String> names = agg.getRowType().getFieldNames();
    List<AggregateSpec> specs = new ArrayList<>();
    List<String> callText = new ArrayList<>();
    List<Integer> groupingCalls = new ArrayList<>();
    var aggOut = tf.builder();
    for (int k : keys) {
      aggOut.add(expandType.getFieldList().get(k));
    }
    for (int i = 0; i < agg.getAggCallList().size(); i++) {
      AggregateCall c = agg.getAggCallList().get(i);
      SqlKind kind = c.getAggregation().getKind();
      if (kind == SqlKind.GROUPING || kind == SqlKind.GROUPING_ID || kind == SqlKind.GROUP_ID) {
        groupingCalls.add(i);
        continue;
      }
      AggregateSpec spec = aggregateSpec(c, names.get(grouping.length + i));
      spec = new AggregateSpec(spec.kind(), spec.argIndex() < 0 ? -1 : copyOf.getOrDefault(spec.argIndex(), spec.argIndex()),
          spec.distinct(), spec.filterIndex() < 0 ? -1 : copyOf.getOrDefault(spec.filterIndex(), spec.filterIndex()),
          spec.resultType(), spec.name());
      specs.add(spec);
      callText.add(c.toString());
      aggOut.add(agg.getRowType().getFieldList().get(grouping.length + i));
    }
    RelDataType aggOutType = aggOut.build();
    PhysicalNode aggregated = groupAggregate(expand, expandType, keys, specs, callText, aggOutType);
    List<RexNode> out = new ArrayList<>();
    for (int i = 0; i < grouping.length; i++) {
      out.add(RexInputRef.of(i, aggOutType));
    }
    int next = 0;
    RexNode setIndex = RexInputRef.of(grouping.length, aggOutType);
    for (int i = 0; i < agg.getAggCallList().size(); i++) {
      AggregateCall c = agg.getAggCallList().get(i);
      if (!groupingCalls.contains(i)) {
        out.add(RexInputRef.of(grouping.length + 1 + next++, aggOutType));
        continue;
      }
      // the value per grouping set, selected by $e
      List<RexNode> caseArgs = new ArrayList<>();
      for (int s = 0; s < sets.length; s++) {
        long v = 0;
        if (c.getAggregation().getKind() == SqlKind.GROUP_ID) {
          for (int t = 0; t < s; t++) {
            v += agg.getGroupSets().get(t).equals(agg.getGroupSets().get(s)) ? 1 : 0;
          }
        } else {
          for (int a : c.getArgList()) {
            v = (v << 1) | (agg.getGroupSets().get(s).get(a) ? 0 : 1);
          }
        }
        caseArgs.add(rb.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS, setIndex,
            rb.makeBigintLiteral(java.math.BigDecimal.valueOf(s))));
        caseArgs.add(rb.makeExactLiteral(java.math.BigDecimal.valueOf(v), c.getType()));
      }
      caseArgs.add(rb.makeExactLiteral(java.math.BigDecimal.ZERO, c.getType()));
      out.add(rb.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.CASE, caseArgs));
    }
    return calc(aggregated, null, out, false, agg.getRowType(), rb);
  }

  private static List<RelDataTypeField> nullableFields(org.apache.calcite.rel.type.RelDataTypeFactory tf, RelDataType t,
      org.apache.calcite.util.ImmutableBitSet nullable) {
    List<RelDataTypeField> out = new ArrayList<>();
    for (RelDataTypeField f : t.getFieldList()) {
      out.add(nullable.get(f.getIndex()) ? new org.apache.calcite.rel.type.RelDataTypeFieldImpl(f.getName(), f.getIndex(),
          tf.createTypeWithNullability(f.getType(), true)) : f);
    }
    return out;
  }

  private long hashRankThreshold() {
    String v = config.getString(TableConfigOptions.RANK_HASH_THRESHOLD, "100").trim();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new PlannerException("option '" + TableConfigOptions.RANK_HASH_THRESHOLD + "' must be a row count, got '" + v + "'");
    }
  }

  /**
   * BATCH Top-N on insert-only input by a HashRankOperator after a hash exchange on the partition
   * keys: only the best rankEnd rows per partition are held (spilling when the budget is full), so
   * the input is neither serialized into a sorter nor sorted; ties are broken as the sort-based
   * RankOperator breaks them. A LOCAL HashRank chained to the producer sends only its partial Top-N
   * rows through the exchange (or, when its sample shows little reduction, forwards rows as they come).
   */
  @SuppressWarnings("unchecked")
  private PhysicalNode hashRank(LogicalWindow w, PhysicalNode in, RowTypeInfo inType, int[] keys, long start, long end,
      boolean rankNeeded, boolean keepLastRow, RelDataType rankType) {
    List<RelFieldCollation> rankOrder = w.groups.get(0).orderKeys.getFieldCollations();
    String name = start == 1 && end == 1 ? "HashDeduplicate" : "HashRank";
    String detail = "(rankType=[ROW_NUMBER], rankRange=[rankStart=" + start + ", rankEnd=" + end + "], partitionBy=["
        + keyNames(w.getInput().getRowType(), keys) + "], orderBy=[" + orderNames(w.getInput().getRowType(), rankOrder)
        + "], select=[";
    // a LOCAL phase chained to the producer keeps most rows off the exchange when partitions are big
    // (it forwards rows unranked when its sample shows little reduction)
    PhysicalNode below = in;
    if (keys.length > 0 || sameParallelism(in) != 1) {
      var local = new io.weir.sql.runtime.batch.HashRankOperator(keys, inType, CodeGenerator.comparator(rankOrder), 1, end,
          false, keepLastRow, true, 0);
      var lt = new OneInputTransformation<>(in.transformation(), "Local" + name, local, (TypeInfo<Row>) inType,
          sameParallelism(in));
      below = new PhysicalNode("Local" + name + detail + fields(w.getInput().getRowType()) + "])", List.of(in), lt,
          w.getInput().getRowType(), false, null);
    }
    var op = new io.weir.sql.runtime.batch.HashRankOperator(keys, inType, CodeGenerator.comparator(rankOrder), start, end,
        rankNeeded, keepLastRow, false, 0);
    var t = new OneInputTransformation<>(keyBy(below.transformation(), keys), name, op,
        (TypeInfo<Row>) rowTypeInfo(rankType), keys.length == 0 ? 1 : -1);
    return new PhysicalNode(name + detail + fields(rankType) + "])", List.of(below), t, rankType, false, null);
  }

  // ---------------------------------------------------------------- window TVF aggregation

  /**
   * {@code GROUP BY window_start, window_end, ..} over {@code TABLE(TUMBLE|HOP|CUMULATE|SESSION(..))}
   * (optionally through one Calc) becomes a WindowAggregateOperator over the TVF's input; null
   * when the aggregate is not over a window TVF.
   */
  private PhysicalNode windowAggregate(LogicalAggregate agg) {
    RelNode below = agg.getInput();
    LogicalCalc calc = below instanceof LogicalCalc c ? c : null;
    RelNode scanNode = calc != null ? calc.getInput() : below;
    if (!(scanNode instanceof LogicalTableFunctionScan scan) || !(scan.getCall() instanceof RexCall call)
        || !(call.getOperator() instanceof org.apache.calcite.sql.SqlWindowTableFunction)) {
      return null;
    }
    if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
      throw new PlannerException("GROUPING SETS over a window TVF are not supported yet");
    }
    String fn = call.getOperator().getName().toUpperCase(Locale.ROOT);
    RelNode tvfInput = scan.getInputs().get(0);
    RelDataType tvfInType = tvfInput.getRowType();
    int n = tvfInType.getFieldCount();
    RexCall descriptor = (RexCall) call.getOperands().get(0);
    int timeField = ((RexInputRef) descriptor.getOperands().get(0)).getIndex();
    WindowSpec spec = windowSpec(fn, call);
    boolean proctime = !batch && !isRowtime(tvfInput, timeField) && isProctime(tvfInput, timeField);
    if (!batch && !isRowtime(tvfInput, timeField) && !proctime) {
      throw new PlannerException(fn + " in STREAMING mode needs DESCRIPTOR(an event-time attribute, a column with a WATERMARK, "
          + "or a processing-time attribute), got " + tvfInType.getFieldNames().get(timeField));
    }
    // BATCH over an event time that cannot be late: the STREAMING operators, driven by watermarks
    PhysicalNode batchIn = batch ? translate(tvfInput) : null;
    // (not SESSION: the BATCH hash session aggregation merges sessions far cheaper than the
    // STREAMING operator's merging state)
    Transformation<?> driver = batchIn == null || spec.kind() == WindowSpec.Kind.SESSION
        || !isRowtime(tvfInput, timeField) ? null : watermarkDriver(batchIn);
    boolean onWatermarks = !batch || driver != null;
    // The rows the operator aggregates: the Calc's projection over the TVF input with the window
    // columns replaced by NULL placeholders (indices stay those the aggregate refers to), plus the
    // time attribute appended.
    RexBuilder rb = agg.getCluster().getRexBuilder();
    RelDataType tvfType = scan.getRowType();
    List<RexNode> projects = new ArrayList<>();
    RexNode condition = null;
    if (calc != null) {
      RexProgram p = calc.getProgram();
      p.getProjectList().forEach(r -> projects.add(p.expandLocalRef(r)));
      condition = p.getCondition() == null ? null : p.expandLocalRef(p.getCondition());
    } else {
      for (int i = 0; i < tvfType.getFieldCount(); i++) {
        projects.add(RexInputRef.of(i, tvfType));
      }
    }
    if (condition != null && RelOptUtil.InputFinder.bits(condition).nextSetBit(n) >= 0) {
      throw new PlannerException("a filter on window columns before the window aggregation is not supported yet");
    }
    int[] windowColumn = new int[projects.size()]; // 0: none, else 1 + index of window_start/end/time
    List<RexNode> rowExprs = new ArrayList<>();
    var rowTypeBuilder = agg.getCluster().getTypeFactory().builder();
    // columns the aggregate never reads become NULL too: the rows cross the keyed exchange (in
    // BATCH serialized, twice), and e.g. a bid's 100-character extra need not travel
    org.apache.calcite.util.ImmutableBitSet.Builder readByAgg = agg.getGroupSet().rebuild();
    for (AggregateCall c : agg.getAggCallList()) {
      readByAgg.addAll(c.getArgList());
      if (c.filterArg >= 0) {
        readByAgg.set(c.filterArg);
      }
    }
    for (AggregateCall c : agg.getAggCallList()) {
      c.collation.getFieldCollations().forEach(fc -> readByAgg.set(fc.getFieldIndex()));
    }
    org.apache.calcite.util.ImmutableBitSet read = readByAgg.build();
    // STREAMING: the rows hold only the fields read (pos: aggregate input field -> row field, -1
    // for none), not NULL placeholders: each row is built per input record
    int[] pos = new int[projects.size()];
    for (int i = 0; i < projects.size(); i++) {
      RexNode e = projects.get(i);
      if (e instanceof RexInputRef ref && ref.getIndex() >= n) {
        windowColumn[i] = 1 + ref.getIndex() - n;
        e = rb.makeNullLiteral(e.getType());
      } else if (RelOptUtil.InputFinder.bits(e).nextSetBit(n) >= 0) {
        throw new PlannerException("expressions on window columns before the window aggregation are not supported yet: " + e);
      } else if (!read.get(i)) {
        e = rb.makeNullLiteral(e.getType());
      }
      if (onWatermarks && (windowColumn[i] != 0 || !read.get(i))) {
        pos[i] = -1;
        continue;
      }
      pos[i] = rowExprs.size();
      rowExprs.add(e);
      rowTypeBuilder.add("f" + i, rb.getTypeFactory().createTypeWithNullability(e.getType(), true));
    }
    rowExprs.add(RexInputRef.of(timeField, tvfInType));
    rowTypeBuilder.add("$rowtime", tvfInType.getFieldList().get(timeField).getType());
    RelDataType rowType = rowTypeBuilder.build();
    int opTimeField = rowExprs.size() - 1;
    PhysicalNode in = batchIn != null ? batchIn : translate(tvfInput);
    PhysicalNode rows = calc(in, condition, rowExprs, false, rowType, rb);
    if (proctime) {
      // Processing-time windows run on the event-time machinery: each row's PROCTIME() value becomes
      // its timestamp, and the watermark follows the wall clock on a processing-time timer, so a
      // window fires once its end has passed, whether or not later rows arrive.
      var assigner = new io.weir.sql.runtime.operators.ProctimeWatermarkOperator(opTimeField, PROCTIME_WATERMARK_INTERVAL_MS);
      var ta = new OneInputTransformation<>(rows.transformation(), "ProctimeWatermarks", assigner,
          rows.transformation().getOutputType(), sameParallelism(rows));
      rows = new PhysicalNode("ProctimeWatermarks(time=[" + tvfInType.getFieldNames().get(timeField) + "])", List.of(rows),
          ta, rowType, false, null);
    }

    List<Integer> keyList = new ArrayList<>();
    int[] groupOut = agg.getGroupSet().toArray();
    boolean hasWindowKey = false;
    for (int g : groupOut) {
      if (windowColumn[g] == 0) {
        keyList.add(g);
      } else {
        hasWindowKey = true;
      }
    }
    if (!hasWindowKey) {
      throw new PlannerException("an aggregation over " + fn + " must GROUP BY window_start, window_end");
    }
    int[] keys = keyList.stream().mapToInt(g -> pos[g]).toArray();
    int[] inputKeys = keyList.stream().mapToInt(Integer::intValue).toArray();
    var toRow = org.apache.calcite.util.mapping.Mappings.target(i -> pos[i] < 0 ? null : pos[i], projects.size(), rowExprs.size());
    List<AggregateSpec> specs = new ArrayList<>();
    List<String> names = agg.getRowType().getFieldNames();
    for (int i = 0; i < agg.getAggCallList().size(); i++) {
      AggregateCall c = agg.getAggCallList().get(i);
      for (int a : c.getArgList()) {
        if (windowColumn[a] != 0) {
          throw new PlannerException("aggregating window columns is not supported yet: " + c);
        }
      }
      specs.add(aggregateSpec(c.transform(toRow), names.get(groupOut.length + i)));
    }
    RowTypeInfo opIn = rowTypeInfo(rowType);
    PhysicalNode local = localWindowAggregate(rows, onWatermarks, spec, opTimeField, keys, specs, opIn, rowType,
        agg.getCluster().getTypeFactory(), keyNames(agg.getInput().getRowType(), inputKeys));
    // BATCH on watermarks: the global phase hashes instead of keeping keyed state and per-key timers
    boolean hashOnWatermarks = batch && local != null && !disabled("HashAgg")
        && io.weir.sql.runtime.batch.HashAggregateOperator.supportsWatermarks(spec, specs);
    io.weir.runtime.operators.OneInputStreamOperator<Row, Row> op = hashOnWatermarks
        ? io.weir.sql.runtime.batch.HashAggregateOperator.windowedOnWatermarks(keys, spec, opTimeField, specs, opIn, 0)
        : local == null ? new WindowAggregateOperator(spec, opTimeField, specs, opIn, rows.updating())
        : WindowAggregateOperator.global(spec, opTimeField, specs, opIn, keys.length);
    int[] stateKeys = local == null ? keys : java.util.stream.IntStream.range(0, keys.length).toArray();
    // operator output: keys ++ aggregates ++ [window_start, window_end, window_time]
    var opOutBuilder = agg.getCluster().getTypeFactory().builder();
    for (int k : keys) {
      opOutBuilder.add(rowType.getFieldList().get(k));
    }
    for (int i = 0; i < specs.size(); i++) {
      opOutBuilder.add(names.get(groupOut.length + i), agg.getRowType().getFieldList().get(groupOut.length + i).getType());
    }
    RelDataType timeType = tvfInType.getFieldList().get(timeField).getType();
    opOutBuilder.add("window_start", timeType).add("window_end", timeType).add("window_time", timeType);
    RelDataType opOut = opOutBuilder.build();
    var t = new OneInputTransformation<>(keyBy((local == null ? rows : local).transformation(), stateKeys),
        hashOnWatermarks ? "HashWindowAggregate" : local == null ? "WindowAggregate" : "GlobalWindowAggregate", op,
        (TypeInfo<Row>) rowTypeInfo(opOut), keys.length == 0 ? 1 : -1);
    if (!hashOnWatermarks) {
      t.setStateKeySelector(CodeGenerator.keySelector(stateKeys), keyType(rowType, keys));
    }
    if (batch && onWatermarks) {
      driveByWatermarks(t, local == null ? null : local.transformation(), driver);
    }
    StringBuilder d = new StringBuilder("WindowAggregate(window=[").append(spec).append(", time=[")
        .append(tvfInType.getFieldNames().get(timeField)).append("]]");
    if (keys.length > 0) {
      List<String> kn = new ArrayList<>();
      for (int k : inputKeys) {
        kn.add(agg.getInput().getRowType().getFieldNames().get(k));
      }
      d.append(", groupBy=[").append(String.join(", ", kn)).append(']');
    }
    d.append(", select=[");
    for (int i = 0; i < specs.size(); i++) {
      d.append(i > 0 ? ", " : "").append(agg.getAggCallList().get(i)).append(" AS ").append(specs.get(i).name());
    }
    d.append("])");
    boolean session = spec.kind() == WindowSpec.Kind.SESSION;
    boolean hashed = !onWatermarks && !rows.updating() && io.weir.sql.runtime.batch.HashAggregateOperator.mergeable(specs)
        && !(session ? disabled("HashAgg", "HashSessionAgg") : disabled("HashAgg"));
    PhysicalNode windowNode = hashed && session
        ? hashSessionAggregate(rows, opIn, spec, opTimeField, keys, specs, opOut, d.toString())
        : hashed ? hashWindowAggregate(rows, opIn, spec, opTimeField, keys, specs, opOut, d.toString())
        : hashOnWatermarks ? new PhysicalNode("Hash" + watermarkDriven(d), List.of(local), t, opOut, false, null)
        : new PhysicalNode((local == null ? "" : "Global") + (batch ? watermarkDriven(d) : d),
            List.of(local == null ? rows : local), t, opOut, false, null);
    // back to the aggregate's layout: group fields in order, then the aggregates
    List<RexNode> out = new ArrayList<>();
    for (int g : groupOut) {
      RexNode ref = windowColumn[g] == 0 ? RexInputRef.of(keyList.indexOf(g), opOut)
          : RexInputRef.of(keys.length + specs.size() + windowColumn[g] - 1, opOut);
      RelDataType want = agg.getRowType().getFieldList().get(out.size()).getType();
      if (windowColumn[g] != 0 && want.getSqlTypeName() != ref.getType().getSqlTypeName()) {
        // window_start/window_end are TIMESTAMP even over a TIMESTAMP_LTZ time attribute (as in Flink)
        ref = rb.makeCast(want, ref);
      }
      out.add(ref);
    }
    for (int i = 0; i < specs.size(); i++) {
      out.add(RexInputRef.of(keys.length + i, opOut));
    }
    return calc(windowNode, null, out, false, agg.getRowType(), rb);
  }

  /**
   * Flink's option: AUTO (default) and TWO_PHASE pre-aggregate locally (window aggregations, STREAMING
   * group aggregations with mini-batch, BATCH hash aggregations), ONE_PHASE does not.
   */
  static final String AGG_PHASE_STRATEGY = "table.optimizer.agg-phase-strategy";

  /** Whether {@link #AGG_PHASE_STRATEGY} rules out a local phase (group, window and BATCH hash aggregations). */
  private boolean onePhaseOnly() {
    return config.getString(AGG_PHASE_STRATEGY, "AUTO").trim().equalsIgnoreCase("ONE_PHASE");
  }

  /**
   * STREAMING, insert-only rows, mergeable aggregates (not SESSION): the local phase of a two-phase
   * window aggregation, chained in front of the keyed exchange; its partial rows (keys ++ [slice
   * time, accumulators]) go to {@link WindowAggregateOperator#global}. Null when not applicable.
   */
  private PhysicalNode localWindowAggregate(PhysicalNode rows, boolean onWatermarks, WindowSpec spec, int timeField,
      int[] keys, List<AggregateSpec> specs, RowTypeInfo inType, RelDataType rowType,
      org.apache.calcite.rel.type.RelDataTypeFactory tf, String keyNames) {
    if (!onWatermarks || rows.updating() || !WindowAggregateOperator.supportsTwoPhase(spec, specs)
        || onePhaseOnly()) {
      return null;
    }
    var op = new io.weir.sql.runtime.operators.LocalWindowAggregateOperator(spec, timeField, keys, specs, inType);
    String[] names = new String[keys.length + 2];
    TypeInfo<?>[] types = new TypeInfo<?>[keys.length + 2];
    var partialType = tf.builder();
    for (int i = 0; i < keys.length; i++) {
      names[i] = inType.getFieldNames()[keys[i]];
      types[i] = inType.getFieldType(keys[i]);
      partialType.add(rowType.getFieldList().get(keys[i]));
    }
    names[keys.length] = "$slice";
    types[keys.length] = io.weir.core.types.Types.LONG;
    names[keys.length + 1] = "$partial";
    types[keys.length + 1] = io.weir.sql.runtime.aggregate.GroupState.typeInfo(
        new io.weir.sql.runtime.aggregate.RowAggregator(specs, inType, false));
    partialType.add("$slice", tf.createSqlType(SqlTypeName.BIGINT)).add("$partial", tf.createSqlType(SqlTypeName.ANY));
    var t = new OneInputTransformation<>(rows.transformation(), "LocalWindowAggregate", op,
        (TypeInfo<Row>) new RowTypeInfo(names, types), sameParallelism(rows));
    StringBuilder d = new StringBuilder("LocalWindowAggregate(window=[").append(spec).append(']');
    if (keys.length > 0) {
      d.append(", groupBy=[").append(keyNames).append(']');
    }
    d.append(", select=[").append(specs.stream().map(AggregateSpec::name).collect(java.util.stream.Collectors.joining(", ")))
        .append("])");
    return new PhysicalNode(d.toString(), List.of(rows), t, partialType.build(), false, null);
  }

  /**
   * STREAMING {@code GROUP BY .., window_start, window_end} over the rows of a window aggregation
   * (Nexmark q5's maximum count per window): the window columns are ordinary keys, and each group
   * fires once on the watermark passing its window_end (a WindowAggregateOperator with 1 ms windows
   * on window_end), so the result is insert-only and its state is dropped, like Flink's cascaded
   * window aggregation; null when the grouping has no window_end of a window aggregation.
   */
  private PhysicalNode cascadedWindowAggregate(LogicalAggregate agg) {
    int[] keys = agg.getGroupSet().toArray();
    int windowEnd = -1;
    for (int k : keys) {
      if (windowColumnOf(agg.getInput(), k) == 1) {
        windowEnd = k;
      }
    }
    if (windowEnd < 0) {
      return null;
    }
    for (AggregateCall c : agg.getAggCallList()) {
      if (c.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
        return null;
      }
    }
    PhysicalNode in = translate(agg.getInput());
    Transformation<?> driver = watermarkDriver(in);
    if (batch && driver == null) {
      return null; // BATCH: the window aggregation below holds its windows to the end, plan a GROUP BY
    }
    if (in.updating()) {
      throw new PlannerException("a window aggregation over window_end needs an insert-only input, but "
          + in.updateProducer() + " produces updates");
    }
    RelDataType inType = agg.getInput().getRowType();
    List<AggregateSpec> specs = new ArrayList<>();
    List<String> names = agg.getRowType().getFieldNames();
    for (int i = 0; i < agg.getAggCallList().size(); i++) {
      specs.add(aggregateSpec(agg.getAggCallList().get(i), names.get(keys.length + i)));
    }
    var tf = agg.getCluster().getTypeFactory();
    // all rows of a window arrive at once (when the window below fires): pre-aggregated per window
    // before the exchange, the keyed exchange and state see one row per window and upstream task
    PhysicalNode local = localWindowAggregate(in, true, WindowSpec.tumble(1), windowEnd, keys, specs, rowTypeInfo(inType),
        inType, tf, keyNames(inType, keys));
    var op = local == null ? new WindowAggregateOperator(WindowSpec.tumble(1), windowEnd, specs, rowTypeInfo(inType), false)
        : WindowAggregateOperator.global(WindowSpec.tumble(1), windowEnd, specs, rowTypeInfo(inType), keys.length);
    int[] stateKeys = local == null ? keys : java.util.stream.IntStream.range(0, keys.length).toArray();
    var opOutBuilder = tf.builder();
    for (int k : keys) {
      opOutBuilder.add(inType.getFieldList().get(k));
    }
    for (int i = 0; i < specs.size(); i++) {
      opOutBuilder.add(names.get(keys.length + i), agg.getRowType().getFieldList().get(keys.length + i).getType());
    }
    RelDataType timeType = inType.getFieldList().get(windowEnd).getType();
    opOutBuilder.add("$start", timeType).add("$end", timeType).add("$time", timeType);
    RelDataType opOut = opOutBuilder.build();
    var t = new OneInputTransformation<>(keyBy((local == null ? in : local).transformation(), stateKeys),
        local == null ? "WindowAggregate" : "GlobalWindowAggregate", op, (TypeInfo<Row>) rowTypeInfo(opOut), keys.length == 0 ? 1 : -1);
    t.setStateKeySelector(CodeGenerator.keySelector(stateKeys), keyType(inType, keys));
    if (batch) {
      driveByWatermarks(t, local == null ? null : local.transformation(), driver);
    }
    StringBuilder d = new StringBuilder(local == null ? "" : "Global").append("WindowAggregate(window=[window_end=")
        .append(inType.getFieldNames().get(windowEnd)).append("], groupBy=[").append(keyNames(inType, keys))
        .append("], select=[");
    for (int i = 0; i < specs.size(); i++) {
      d.append(i > 0 ? ", " : "").append(agg.getAggCallList().get(i)).append(" AS ").append(specs.get(i).name());
    }
    d.append("])");
    PhysicalNode windowNode = new PhysicalNode(batch ? watermarkDriven(d) : d.toString(), List.of(local == null ? in : local), t, opOut, false, null);
    List<RexNode> out = new ArrayList<>();
    for (int i = 0; i < keys.length + specs.size(); i++) {
      out.add(RexInputRef.of(i, opOut));
    }
    return calc(windowNode, null, out, false, agg.getRowType(), agg.getCluster().getRexBuilder());
  }

  /** The window of a TUMBLE/HOP/CUMULATE/SESSION call (its interval operands after the DESCRIPTOR). */
  private static WindowSpec windowSpec(String fn, RexCall call) {
    List<Long> intervals = new ArrayList<>();
    for (RexNode o : call.getOperands().subList(1, call.getOperands().size())) {
      if (o instanceof RexLiteral lit && lit.getValueAs(Long.class) != null) {
        intervals.add(lit.getValueAs(Long.class));
      } else if (!(o instanceof RexCall d && d.getKind() == SqlKind.DESCRIPTOR)) {
        throw new PlannerException(fn + " window arguments must be constant intervals, got " + o);
      } else {
        throw new PlannerException(fn + " with a key DESCRIPTOR is not supported; GROUP BY the key instead");
      }
    }
    WindowSpec spec;
    try {
      spec = switch (fn) {
        case "TUMBLE" -> intervals.size() == 1 ? WindowSpec.tumble(intervals.get(0))
            : WindowSpec.tumble(intervals.get(0), intervals.get(1));
        case "HOP" -> intervals.size() > 2 ? WindowSpec.hop(intervals.get(0), intervals.get(1), intervals.get(2))
            : WindowSpec.hop(intervals.get(0), intervals.get(1));
        case "CUMULATE" -> intervals.size() > 2
            ? WindowSpec.cumulate(intervals.get(0), intervals.get(1), intervals.get(2))
            : WindowSpec.cumulate(intervals.get(0), intervals.get(1));
        case "SESSION" -> WindowSpec.session(intervals.get(0));
        default -> throw new PlannerException("window table function " + fn + " is not supported");
      };
    } catch (IllegalArgumentException e) {
      throw new PlannerException(e.getMessage());
    }
    return spec;
  }

  private static boolean isWindowTvf(LogicalTableFunctionScan scan) {
    return scan.getCall() instanceof RexCall call && call.getOperator() instanceof org.apache.calcite.sql.SqlWindowTableFunction;
  }

  /**
   * A window TVF whose rows are used directly (window join, window Top-N / deduplication, plain
   * SELECT): WindowTableFunctionOperator appends window_start, window_end, window_time.
   */
  private PhysicalNode windowTvf(LogicalTableFunctionScan scan) {
    RexCall call = (RexCall) scan.getCall();
    String fn = call.getOperator().getName().toUpperCase(Locale.ROOT);
    RelNode tvfInput = scan.getInputs().get(0);
    int timeField = ((RexInputRef) ((RexCall) call.getOperands().get(0)).getOperands().get(0)).getIndex();
    WindowSpec spec = windowSpec(fn, call);
    if (spec.kind() == WindowSpec.Kind.SESSION) {
      throw new PlannerException("SESSION windows are supported only in a window aggregation (GROUP BY window_start, window_end)");
    }
    if (!batch && !isRowtime(tvfInput, timeField)) {
      throw new PlannerException(fn + " in STREAMING mode needs DESCRIPTOR(an event-time attribute, a column with a WATERMARK), got "
          + tvfInput.getRowType().getFieldNames().get(timeField));
    }
    PhysicalNode in = translate(tvfInput);
    if (in.updating()) {
      throw new PlannerException(fn + " needs an insert-only input, but " + in.updateProducer() + " produces updates");
    }
    var op = new io.weir.sql.runtime.operators.WindowTableFunctionOperator(spec, timeField,
        tvfInput.getRowType().getFieldCount(), scan.getRowType().getFieldCount() - tvfInput.getRowType().getFieldCount());
    var t = new OneInputTransformation<>(in.transformation(), "WindowTableFunction", op,
        (TypeInfo<Row>) rowTypeInfo(scan.getRowType()), sameParallelism(in));
    return new PhysicalNode("WindowTableFunction(window=[" + spec + ", time=[" + tvfInput.getRowType().getFieldNames().get(timeField)
        + "]])", List.of(in), t, scan.getRowType(), false, null);
  }

  /** The built-in aggregate for a Calcite aggregate kind (used by GROUP BY and OVER); null when unsupported. */
  private static AggregateSpec.Kind aggregateKind(SqlKind kind, boolean noArguments) {
    return switch (kind) {
      case COUNT -> noArguments ? AggregateSpec.Kind.COUNT_STAR : AggregateSpec.Kind.COUNT;
      case SUM -> AggregateSpec.Kind.SUM;
      case SUM0 -> AggregateSpec.Kind.SUM0;
      case AVG -> AggregateSpec.Kind.AVG;
      case MIN -> AggregateSpec.Kind.MIN;
      case MAX -> AggregateSpec.Kind.MAX;
      case STDDEV_POP -> AggregateSpec.Kind.STDDEV_POP;
      case STDDEV_SAMP -> AggregateSpec.Kind.STDDEV_SAMP;
      case VAR_POP -> AggregateSpec.Kind.VAR_POP;
      case VAR_SAMP -> AggregateSpec.Kind.VAR_SAMP;
      case FIRST_VALUE -> AggregateSpec.Kind.FIRST_VALUE;
      case LAST_VALUE -> AggregateSpec.Kind.LAST_VALUE;
      case SINGLE_VALUE -> AggregateSpec.Kind.SINGLE_VALUE;
      default -> null;
    };
  }

  static AggregateSpec aggregateSpec(AggregateCall call, String name) {
    AggregateSpec user = UserAggregates.spec(call, name);
    if (user != null) {
      return user;
    }
    AggregateSpec.Kind kind = aggregateKind(call.getAggregation().getKind(), call.getArgList().isEmpty());
    if (kind == null) {
      throw new PlannerException("aggregate function " + call.getAggregation().getName() + " is not supported yet");
    }
    if (call.getArgList().size() > 1) {
      throw new PlannerException("aggregate " + call + " with several arguments is not supported yet");
    }
    int arg = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
    return new AggregateSpec(kind, arg, call.isDistinct(), call.filterArg,
        TypeConversions.toLogicalType(call.getType()).toTypeInfo(), name);
  }

  private PhysicalNode join(LogicalJoin join) {
    PhysicalNode left = translate(join.getLeft());
    PhysicalNode right = translate(join.getRight());
    JoinType type = switch (join.getJoinType()) {
      case INNER -> JoinType.INNER;
      case LEFT -> JoinType.LEFT;
      case RIGHT -> JoinType.RIGHT;
      case FULL -> JoinType.FULL;
      case SEMI -> JoinType.SEMI;
      case ANTI -> JoinType.ANTI;
      default -> throw new PlannerException("join type " + join.getJoinType() + " is not supported");
    };
    if (batch) {
      Transformation<?> leftDriver = watermarkDriver(left);
      Transformation<?> rightDriver = watermarkDriver(right);
      PhysicalNode window = leftDriver == null || rightDriver == null ? null : windowJoin(join, left, right, type);
      if (window != null) {
        driveByWatermarks(window.transformation(), leftDriver, rightDriver);
        return window;
      }
      PhysicalNode hashJoin = hashJoin(join, left, right, type);
      if (hashJoin != null) {
        return hashJoin;
      }
    } else if (!left.updating() && !right.updating()) {
      PhysicalNode window = windowJoin(join, left, right, type);
      if (window != null) {
        return window;
      }
    }
    if (!batch && !left.updating() && !right.updating() && type != JoinType.SEMI && type != JoinType.ANTI) {
      PhysicalNode interval = intervalJoin(join, left, right, type);
      if (interval != null) {
        return interval;
      }
    }
    JoinInfo info = join.analyzeCondition();
    int[] lk = info.leftKeys.toIntArray();
    int[] rk = info.rightKeys.toIntArray();
    RexBuilder rb = join.getCluster().getRexBuilder();
    // The whole condition is re-checked on each candidate pair: this gives '=' its NULL semantics
    // (state keys match NULL to NULL) and applies the non-equi part.
    RowPredicate residual = join.getCondition().isAlwaysTrue() ? null
        : CodeGenerator.predicate(rb, join.getCondition(), null);
    var op = new StreamingJoinOperator(type, rowTypeInfo(join.getLeft().getRowType()),
        rowTypeInfo(join.getRight().getRowType()), residual, batch ? 0 : stateTtlMillis);
    var t = new TwoInputTransformation<>(keyBy(left.transformation(), lk), keyBy(right.transformation(), rk),
        "Join", op, (TypeInfo<Row>) rowTypeInfo(join.getRowType()), lk.length == 0 ? 1 : -1);
    t.setStateKeySelectors(CodeGenerator.keySelector(lk), CodeGenerator.keySelector(rk), keyType(join.getLeft().getRowType(), lk));
    boolean anyUpdating = left.updating() || right.updating();
    boolean updating = !batch && (anyUpdating || type != JoinType.INNER);
    String name = batch ? "SortMergeJoin" : "Join";
    String producer = !updating ? null : left.updating() ? left.updateProducer()
        : right.updating() ? right.updateProducer() : name + "(" + type + ")";
    String desc = name + "(joinType=[" + type + "], where=[" + join.getCondition() + "], leftKeys=["
        + keyNames(join.getLeft().getRowType(), lk) + "], rightKeys=[" + keyNames(join.getRight().getRowType(), rk) + "])";
    return new PhysicalNode(desc, List.of(left, right), t, join.getRowType(), updating, producer);
  }

  private static String orderNames(RelDataType t, List<RelFieldCollation> order) {
    List<String> out = new ArrayList<>();
    for (RelFieldCollation c : order) {
      out.add(t.getFieldNames().get(c.getFieldIndex()) + (c.getDirection().isDescending() ? " DESC" : " ASC")
          + (c.nullDirection == RelFieldCollation.NullDirection.LAST ? " NULLS LAST"
              : c.nullDirection == RelFieldCollation.NullDirection.FIRST ? " NULLS FIRST" : ""));
    }
    return String.join(", ", out);
  }

  private static String keyNames(RelDataType t, int[] keys) {
    List<String> out = new ArrayList<>();
    for (int k : keys) {
      out.add(t.getFieldNames().get(k));
    }
    return String.join(", ", out);
  }

  private PhysicalNode union(LogicalUnion union) {
    if (!union.all) {
      throw new PlannerException("UNION without ALL must be rewritten to an aggregate first");
    }
    List<PhysicalNode> ins = new ArrayList<>();
    List<Transformation<Row>> ts = new ArrayList<>();
    boolean updating = false;
    String producer = null;
    for (RelNode r : union.getInputs()) {
      PhysicalNode p = translate(r);
      ins.add(p);
      ts.add(p.transformation());
      if (p.updating() && !updating) {
        updating = true;
        producer = p.updateProducer();
      }
    }
    return new PhysicalNode("Union(all=[true], fields=[" + fields(union.getRowType()) + "])", ins,
        new UnionTransformation<>(ts), union.getRowType(), updating, producer);
  }

  private PhysicalNode sort(LogicalSort sort) {
    PhysicalNode in = translate(sort.getInput());
    RelCollation collation = sort.getCollation();
    long offset = sort.offset == null ? 0 : ((Number) ((RexLiteral) sort.offset).getValue2()).longValue();
    Long fetch = sort.fetch == null ? null : ((Number) ((RexLiteral) sort.fetch).getValue2()).longValue();
    if (!batch && fetch == null) {
      throw new PlannerException("ORDER BY without LIMIT is not supported in STREAMING mode "
          + "(sort on a time attribute is not supported yet; use LIMIT for a Top-N)");
    }
    if (fetch != null && fetch == 0) {
      // LIMIT 0: no rows in either mode
      RexBuilder rb = sort.getCluster().getRexBuilder();
      List<RexNode> all = new ArrayList<>();
      for (int i = 0; i < sort.getRowType().getFieldCount(); i++) {
        all.add(RexInputRef.of(i, sort.getRowType()));
      }
      PhysicalNode none = calc(in, rb.makeLiteral(false), all, true, sort.getRowType(), rb);
      return new PhysicalNode("Limit(fetch=[0])", List.of(in), none.transformation(), sort.getRowType(), false, null);
    }
    if (batch) {
      return batchSort(sort, in, offset, fetch);
    }
    long end = fetch == null ? Long.MAX_VALUE : offset + fetch;
    var op = new RankOperator(rowTypeInfo(sort.getInput().getRowType()),
        CodeGenerator.comparator(collation.getFieldCollations()), offset + 1, Math.max(end, offset + 1), false,
        !in.updating());
    Transformation<Row> partitioned = keyBy(in.transformation(), new int[0]);
    var t = new OneInputTransformation<>(partitioned, batch ? "Sort" : "SortLimit", op,
        (TypeInfo<Row>) rowTypeInfo(sort.getRowType()), 1);
    t.setStateKeySelector(CodeGenerator.keySelector(new int[0]), keyType(sort.getInput().getRowType(), new int[0]));
    String name = batch ? (fetch == null ? "Sort" : "SortLimit") : "SortLimit";
    String desc = name + "(orderBy=[" + collation.getFieldCollations() + "], offset=[" + offset + "], fetch=["
        + (fetch == null ? "unlimited" : fetch) + "])";
    boolean updating = !batch;
    return new PhysicalNode(desc, List.of(in), t, sort.getRowType(), updating,
        updating ? (in.updating() ? in.updateProducer() : name) : null);
  }

  // ---------------------------------------------------------------- BATCH physical alternatives

  /** Largest {@code offset + fetch} kept in SortLimitOperator's heap; beyond it the external sort. */
  private static final long SORT_LIMIT_HEAP_MAX = 100_000;

  /**
   * BATCH GROUP BY on input hash-partitioned by the grouping fields: a HashAggregateOperator
   * (spilling), or a SortAggregateOperator (external sort by key, then one group at a time) when
   * {@code table.exec.disabled-operators} names HashAgg.
   */
  private PhysicalNode hashAggregate(PhysicalNode in, RelDataType inRowType, int[] keys, List<AggregateSpec> specs,
      List<String> callText, RelDataType outType) {
    RowTypeInfo inType = rowTypeInfo(inRowType);
    boolean sortAgg = disabled("HashAgg");
    if (sortAgg && disabled("SortAgg")) {
      throw new PlannerException("'" + TableConfigOptions.DISABLED_OPERATORS + "' disables both HashAgg and SortAgg");
    }
    String name = sortAgg ? "SortAggregate" : "HashAggregate";
    // a DISTINCT set hardly shrinks in a local phase: shipping and merging whole sets costs more
    // than the exchange it would save
    if (!sortAgg && io.weir.sql.runtime.batch.HashAggregateOperator.mergeable(specs)
        && specs.stream().noneMatch(AggregateSpec::distinct)
        && !onePhaseOnly()) {
      return twoPhaseHashAggregate(in, inRowType, inType, keys, specs, callText, outType);
    }
    io.weir.runtime.operators.OneInputStreamOperator<Row, Row> op = sortAgg
        ? new io.weir.sql.runtime.batch.SortAggregateOperator(keys, specs, inType, false, 0)
        : new io.weir.sql.runtime.batch.HashAggregateOperator(keys, specs, inType, 0);
    var t = new OneInputTransformation<>(keyBy(in.transformation(), keys), name, op,
        (TypeInfo<Row>) rowTypeInfo(outType), keys.length == 0 ? 1 : -1);
    return new PhysicalNode(name + "(" + groupAndSelect(inRowType, keys, specs, callText), List.of(in), t, outType,
        false, null);
  }

  /** {@code groupBy=[k, ..], select=[call AS name, ..])} as EXPLAIN prints an aggregation (no groupBy without keys). */
  private static String groupAndSelect(RelDataType inRowType, int[] keys, List<AggregateSpec> specs, List<String> callText) {
    StringBuilder d = new StringBuilder();
    if (keys.length > 0) {
      d.append("groupBy=[").append(keyNames(inRowType, keys)).append("], ");
    }
    d.append("select=[");
    for (int i = 0; i < specs.size(); i++) {
      d.append(i > 0 ? ", " : "").append(callText.get(i)).append(" AS ").append(specs.get(i).name());
    }
    return d.append("])").toString();
  }

  /**
   * BATCH GROUP BY in two phases, like Flink's: a LOCAL HashAggregate chained to the input
   * pre-aggregates what one subtask sees (emitting its partials early when its memory is full), so
   * the exchange carries one partial per group and subtask instead of every row; the GLOBAL one
   * (input partitioned by the keys) merges them. Only for aggregates whose partials merge exactly.
   */
  @SuppressWarnings("unchecked")
  private PhysicalNode twoPhaseHashAggregate(PhysicalNode in, RelDataType inRowType, RowTypeInfo inType, int[] keys,
      List<AggregateSpec> specs, List<String> callText, RelDataType outType) {
    var local = new io.weir.sql.runtime.batch.HashAggregateOperator(keys, specs, inType, 0,
        io.weir.sql.runtime.batch.HashAggregateOperator.Phase.LOCAL);
    var lt = new OneInputTransformation<>(in.transformation(), "LocalHashAggregate", local,
        (TypeInfo<Row>) io.weir.sql.runtime.batch.HashAggregateOperator.partialType(keys, inType, local.aggregator()),
        sameParallelism(in));
    int[] partialKeys = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      partialKeys[i] = i;
    }
    var global = new io.weir.sql.runtime.batch.HashAggregateOperator(keys, specs, inType, 0,
        io.weir.sql.runtime.batch.HashAggregateOperator.Phase.GLOBAL);
    var t = new OneInputTransformation<>(keyBy(lt, partialKeys), "HashAggregate", global,
        (TypeInfo<Row>) rowTypeInfo(outType), keys.length == 0 ? 1 : -1);
    String d = groupAndSelect(inRowType, keys, specs, callText);
    PhysicalNode localNode = new PhysicalNode("LocalHashAggregate(" + d, List.of(in), lt, inRowType, false, null);
    return new PhysicalNode("HashAggregate(" + d, List.of(localNode), t, outType, false, null);
  }

  /**
   * BATCH TUMBLE/HOP/CUMULATE aggregation by hashing instead of sorting every row by key and time:
   * a LOCAL HashAggregate chained to the rows groups by keys ++ slice end, the exchange (by the
   * keys) carries one partial per key and slice, and a GLOBAL HashAggregate merges them into the
   * windows (both spill under the memory budget); the output has the WindowAggregate's layout.
   */
  @SuppressWarnings("unchecked")
  private PhysicalNode hashWindowAggregate(PhysicalNode rows, RowTypeInfo inType, WindowSpec spec, int timeField,
      int[] keys, List<AggregateSpec> specs, RelDataType opOut, String desc) {
    var local = io.weir.sql.runtime.batch.HashAggregateOperator.windowed(keys, spec, timeField, specs, inType, 0,
        io.weir.sql.runtime.batch.HashAggregateOperator.Phase.LOCAL);
    var lt = new OneInputTransformation<>(rows.transformation(), "LocalHashWindowAggregate", local,
        (TypeInfo<Row>) io.weir.sql.runtime.batch.HashAggregateOperator.windowPartialType(keys, inType), sameParallelism(rows));
    int[] partialKeys = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      partialKeys[i] = i;
    }
    var global = io.weir.sql.runtime.batch.HashAggregateOperator.windowed(keys, spec, timeField, specs, inType, 0,
        io.weir.sql.runtime.batch.HashAggregateOperator.Phase.GLOBAL);
    var gt = new OneInputTransformation<>(keyBy(lt, partialKeys), "HashWindowAggregate", global,
        (TypeInfo<Row>) rowTypeInfo(opOut), keys.length == 0 ? 1 : -1);
    PhysicalNode localNode = new PhysicalNode("Local" + desc.replaceFirst("^WindowAggregate", "HashWindowAggregate"),
        List.of(rows), lt, rows.rowType(), false, null);
    return new PhysicalNode(desc.replaceFirst("^WindowAggregate", "HashWindowAggregate"), List.of(localNode), gt, opOut,
        false, null);
  }

  /** BATCH ORDER BY: SortLimitOperator (bounded heap) for a small LIMIT, else the external SortOperator; parallelism 1. */
  private PhysicalNode batchSort(LogicalSort sort, PhysicalNode in, long offset, Long fetch) {
    var cmp = CodeGenerator.comparator(sort.getCollation().getFieldCollations());
    io.weir.runtime.operators.OneInputStreamOperator<Row, Row> op;
    String name;
    if (fetch != null && offset + fetch <= SORT_LIMIT_HEAP_MAX) {
      op = new io.weir.sql.runtime.batch.SortLimitOperator(cmp, offset, fetch);
      name = "SortLimit";
    } else {
      op = new io.weir.sql.runtime.batch.SortOperator(
          io.weir.sql.runtime.batch.SortKeyEncoder.of(sort.getCollation().getFieldCollations()),
          rowTypeInfo(sort.getInput().getRowType()), offset,
          fetch == null ? -1 : fetch, 0);
      name = "Sort";
    }
    // all rows to the one subtask: a global order
    var t = new OneInputTransformation<>(keyBy(in.transformation(), new int[0]), name, op,
        (TypeInfo<Row>) rowTypeInfo(sort.getRowType()), 1);
    String desc = name + "(orderBy=[" + orderNames(sort.getInput().getRowType(), sort.getCollation().getFieldCollations())
        + "], offset=[" + offset + "], fetch=[" + (fetch == null ? "unlimited" : fetch) + "])";
    return new PhysicalNode(desc, List.of(in), t, sort.getRowType(), false, null);
  }

  /**
   * BATCH equi-join: a HashJoinOperator with both inputs hash-partitioned by the join key and the
   * smaller estimated input as the build side; null when the condition has no equality between a
   * left and a right expression. Key expressions that are not plain fields, or whose types differ
   * between the sides, are computed (cast to a common type) into extra fields appended to that
   * side's rows, since the operator compares keys by value and serialized bytes. The whole
   * condition stays the residual: it gives '=' its exact SQL semantics on each candidate pair.
   */
  private PhysicalNode hashJoin(LogicalJoin join, PhysicalNode left, PhysicalNode right, JoinType type) {
    RexBuilder rb = join.getCluster().getRexBuilder();
    var tf = join.getCluster().getTypeFactory();
    RelDataType lt = join.getLeft().getRowType();
    RelDataType rt = join.getRight().getRowType();
    int nl = lt.getFieldCount();
    List<RexNode> lKeys = new ArrayList<>();
    List<RexNode> rKeys = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
      if (c.getKind() != SqlKind.EQUALS) {
        continue;
      }
      RexNode a = ((RexCall) c).getOperands().get(0);
      RexNode b = ((RexCall) c).getOperands().get(1);
      var ba = RelOptUtil.InputFinder.bits(a);
      var bb = RelOptUtil.InputFinder.bits(b);
      if (ba.isEmpty() || bb.isEmpty() || !RexUtil.isDeterministic(a) || !RexUtil.isDeterministic(b)) {
        continue;
      }
      RexNode l;
      RexNode r;
      if (ba.nextSetBit(nl) < 0 && bb.nextSetBit(0) >= nl) {
        l = a;
        r = b;
      } else if (bb.nextSetBit(nl) < 0 && ba.nextSetBit(0) >= nl) {
        l = b;
        r = a;
      } else {
        continue;
      }
      r = RexUtil.shift(r, -nl);
      if (!org.apache.calcite.sql.type.SqlTypeUtil.equalSansNullability(tf, l.getType(), r.getType())) {
        RelDataType common = tf.leastRestrictive(List.of(l.getType(), r.getType()));
        if (common == null) {
          continue;
        }
        l = rb.makeCast(tf.createTypeWithNullability(common, l.getType().isNullable()), l);
        r = rb.makeCast(tf.createTypeWithNullability(common, r.getType().isNullable()), r);
      }
      lKeys.add(l);
      rKeys.add(r);
    }
    if (lKeys.isEmpty()) {
      return null;
    }
    KeyedSide ls = keyedSide(left, lt, lKeys, "$lk", rb);
    KeyedSide rs = keyedSide(right, rt, rKeys, "$rk", rb);
    int extraLeft = ls.rowType().getFieldCount() - nl;
    RexNode condition = join.getCondition().accept(new org.apache.calcite.rex.RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return ref.getIndex() < nl ? ref : new RexInputRef(ref.getIndex() + extraLeft, ref.getType());
      }
    });
    RowPredicate residual = condition.isAlwaysTrue() ? null : CodeGenerator.predicate(rb, condition, null);
    long lRows = estimateRows(join.getLeft());
    long rRows = estimateRows(join.getRight());
    boolean semi = type == JoinType.SEMI || type == JoinType.ANTI;
    RelDataType opOut;
    if (extraLeft == 0 && rs.rowType().getFieldCount() == rt.getFieldCount()) {
      opOut = join.getRowType();
    } else {
      var b = tf.builder();
      for (RelDataTypeField f : ls.rowType().getFieldList()) {
        b.add(f.getName(), tf.createTypeWithNullability(f.getType(), true));
      }
      if (!semi) {
        for (RelDataTypeField f : rs.rowType().getFieldList()) {
          b.add(f.getName(), tf.createTypeWithNullability(f.getType(), true));
        }
      }
      opOut = b.uniquify().build();
    }
    BatchJoin strategy = batchJoinStrategy(type, ls, rs, residual, lRows, rRows, opOut, join);
    var t = strategy.transformation();
    List<String> lk = new ArrayList<>();
    List<String> rk = new ArrayList<>();
    for (int i = 0; i < lKeys.size(); i++) {
      lk.add(lKeys.get(i) instanceof RexInputRef ref ? lt.getFieldNames().get(ref.getIndex()) : lKeys.get(i).toString());
      rk.add(rKeys.get(i) instanceof RexInputRef ref ? rt.getFieldNames().get(ref.getIndex()) : rKeys.get(i).toString());
    }
    String desc = strategy.name() + "(joinType=[" + type + "], where=[" + join.getCondition() + "], leftKeys=["
        + String.join(", ", lk) + "], rightKeys=[" + String.join(", ", rk) + "]" + strategy.detail() + ")";
    PhysicalNode joined = new PhysicalNode(desc, List.of(ls.node(), rs.node()), t, opOut, false, null);
    if (opOut == join.getRowType()) {
      return joined;
    }
    List<RexNode> out = new ArrayList<>();
    for (int i = 0; i < nl; i++) {
      out.add(RexInputRef.of(i, opOut));
    }
    if (!semi) {
      for (int j = 0; j < rt.getFieldCount(); j++) {
        out.add(RexInputRef.of(ls.rowType().getFieldCount() + j, opOut));
      }
    }
    return calc(joined, null, out, false, join.getRowType(), rb);
  }

  /** The chosen BATCH equi-join: its transformation, EXPLAIN name and EXPLAIN detail (build/broadcast side). */
  private record BatchJoin(TwoInputTransformation<Row, Row, Row> transformation, String name, String detail) {}

  /** Whether {@code table.exec.disabled-operators} names {@code operator} (or its family, e.g. HashJoin). */
  private boolean disabled(String... names) {
    String v = config.getString(TableConfigOptions.DISABLED_OPERATORS, "");
    for (String item : v.split(",")) {
      for (String n : names) {
        if (item.trim().equalsIgnoreCase(n)) {
          return true;
        }
      }
    }
    return false;
  }

  private long broadcastThreshold() {
    String v = config.getString(TableConfigOptions.BROADCAST_THRESHOLD, "10000").trim();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new PlannerException("option '" + TableConfigOptions.BROADCAST_THRESHOLD + "' must be a row count, got '" + v + "'");
    }
  }

  /**
   * BATCH equi-join strategy, like Flink's: a broadcast hash join when one side is estimated at most
   * {@code table.optimizer.join.broadcast-threshold} rows and may be the build side (never the
   * side an outer join preserves): that side goes to every subtask, the other stays where it is
   * (forward); else a shuffle hash join (both sides hash-partitioned, the smaller one built); a
   * sort-merge join when hash joins are disabled ({@code table.exec.disabled-operators}).
   */
  private BatchJoin batchJoinStrategy(JoinType type, KeyedSide ls, KeyedSide rs, RowPredicate residual, long lRows,
      long rRows, RelDataType opOut, LogicalJoin join) {
    TypeInfo<Row> outType = (TypeInfo<Row>) rowTypeInfo(opOut);
    RowTypeInfo lType = rowTypeInfo(ls.rowType());
    RowTypeInfo rType = rowTypeInfo(rs.rowType());
    boolean noHash = disabled("HashJoin");
    boolean noShuffleHash = noHash || disabled("ShuffleHashJoin");
    boolean noBroadcast = noHash || disabled("BroadcastHashJoin");
    boolean noSortMerge = disabled("SortMergeJoin");
    long threshold = broadcastThreshold();
    boolean rightMayBuild = type != JoinType.RIGHT && type != JoinType.FULL;
    boolean leftMayBuild = type == JoinType.INNER || type == JoinType.RIGHT;
    int broadcast = 0;
    if (!noBroadcast && threshold >= 0) {
      if (rightMayBuild && rRows <= threshold && (rRows <= lRows || !leftMayBuild || lRows > threshold)) {
        broadcast = 2;
      } else if (leftMayBuild && lRows <= threshold) {
        broadcast = 1;
      }
    }
    if (broadcast != 0) {
      var op = new io.weir.sql.runtime.batch.HashJoinOperator(type, ls.keys(), rs.keys(), lType, rType, residual, broadcast, 0);
      KeyedSide big = broadcast == 1 ? rs : ls;
      KeyedSide small = broadcast == 1 ? ls : rs;
      Transformation<Row> smallAll = new PartitionTransformation<>(small.node().transformation(),
          new io.weir.runtime.partitioner.BroadcastPartitioner<>());
      Transformation<Row> bigHere = big.node().transformation();
      var t = new TwoInputTransformation<>(broadcast == 1 ? smallAll : bigHere, broadcast == 1 ? bigHere : smallAll,
          "BroadcastHashJoin", op, outType, sameParallelism(big.node()));
      return new BatchJoin(t, "BroadcastHashJoin", ", broadcast=[" + (broadcast == 1 ? "left" : "right") + "]");
    }
    if (!noShuffleHash) {
      int buildSide = lRows < rRows ? 1 : 2;
      var op = new io.weir.sql.runtime.batch.HashJoinOperator(type, ls.keys(), rs.keys(), lType, rType, residual, buildSide, 0);
      return new BatchJoin(new TwoInputTransformation<>(keyBy(ls.node().transformation(), ls.keys()),
          keyBy(rs.node().transformation(), rs.keys()), "HashJoin", op, outType, -1), "HashJoin",
          ", build=[" + (buildSide == 1 ? "left" : "right") + "]");
    }
    if (!noSortMerge) {
      var op = new io.weir.sql.runtime.batch.SortMergeJoinOperator(type, ls.keys(), rs.keys(), lType, rType, residual, 0);
      return new BatchJoin(new TwoInputTransformation<>(keyBy(ls.node().transformation(), ls.keys()),
          keyBy(rs.node().transformation(), rs.keys()), "SortMergeJoin", op, outType, -1), "SortMergeJoin", "");
    }
    throw new PlannerException("'" + TableConfigOptions.DISABLED_OPERATORS + "' disables every join strategy for "
        + type + " join " + join.getCondition() + " (no side qualifies for a broadcast hash join)");
  }

  /** One input of a hash join: its node (possibly with key fields appended), row type and key field indices. */
  private record KeyedSide(PhysicalNode node, RelDataType rowType, int[] keys) {}

  private KeyedSide keyedSide(PhysicalNode in, RelDataType type, List<RexNode> keyExprs, String prefix, RexBuilder rb) {
    int n = type.getFieldCount();
    int[] keys = new int[keyExprs.size()];
    boolean plain = true;
    for (int i = 0; i < keys.length; i++) {
      if (keyExprs.get(i) instanceof RexInputRef ref) {
        keys[i] = ref.getIndex();
      } else {
        plain = false;
      }
    }
    if (plain) {
      return new KeyedSide(in, type, keys);
    }
    List<RexNode> projects = new ArrayList<>();
    var b = rb.getTypeFactory().builder().addAll(type.getFieldList());
    for (int i = 0; i < n; i++) {
      projects.add(RexInputRef.of(i, type));
    }
    for (int i = 0; i < keys.length; i++) {
      projects.add(keyExprs.get(i));
      b.add(prefix + i, keyExprs.get(i).getType());
      keys[i] = n + i;
    }
    RelDataType extended = b.uniquify().build();
    return new KeyedSide(calc(in, null, projects, false, extended, rb), extended, keys);
  }

  /**
   * A rough row count of a bounded plan, for choosing the build side; unknown sources count as large.
   * A filter the source takes (push-down, as translation will do it) is counted by the filtered
   * source itself, e.g. exactly for Nexmark's {@code event_type = k}; any other condition halves.
   */
  private long estimateRows(RelNode rel) {
    final long unknown = 1_000_000;
    if (rel instanceof LogicalTableScan scan) {
      WeirSchema.ConnectorTable ct = scan.getTable().unwrap(WeirSchema.ConnectorTable.class);
      long n = ct == null ? -1 : (ct instanceof SourcePushDown.PushedTable pt ? pt.source()
          : createSource(ct.catalogTable())).estimatedRowCount();
      return n < 0 ? unknown : n;
    }
    if (rel instanceof LogicalValues v) {
      return v.getTuples().size();
    }
    if (rel instanceof LogicalCalc calc) {
      RelNode pushed = pushDown(calc);
      if (pushed != null) {
        return estimateRows(pushed);
      }
      long n = estimateRows(calc.getInput());
      return calc.getProgram().getCondition() == null ? n : Math.max(1, n / 2);
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalFilter f) {
      return Math.max(1, estimateRows(f.getInput()) / 2);
    }
    if (rel instanceof LogicalAggregate agg) {
      return agg.getGroupSet().isEmpty() ? 1 : Math.max(1, estimateRows(agg.getInput()) / 2);
    }
    if (rel instanceof LogicalSort s && s.fetch instanceof RexLiteral lit && lit.getValue2() instanceof Number num) {
      return Math.min(num.longValue(), estimateRows(s.getInput()));
    }
    if (rel instanceof LogicalUnion u) {
      long sum = 0;
      for (RelNode in : u.getInputs()) {
        sum = Math.min(Long.MAX_VALUE / 4, sum + estimateRows(in));
      }
      return sum;
    }
    long max = rel.getInputs().isEmpty() ? unknown : 0;
    for (RelNode in : rel.getInputs()) {
      max = Math.max(max, estimateRows(in));
    }
    return max;
  }

  /**
   * BATCH SESSION aggregation without sorting every row by key and time: a LOCAL
   * HashSessionAggregateOperator chained to the rows keeps a few open sessions per key, the exchange
   * (by the keys) carries partial sessions, and a GLOBAL one merges each key's overlapping sessions
   * (both within the memory budget); the output has the WindowAggregate's layout. Naming HashSessionAgg
   * (or HashAgg) in {@code table.exec.disabled-operators} keeps the sort-based WindowAggregate.
   */
  @SuppressWarnings("unchecked")
  private PhysicalNode hashSessionAggregate(PhysicalNode rows, RowTypeInfo inType, WindowSpec spec, int timeField,
      int[] keys, List<AggregateSpec> specs, RelDataType opOut, String desc) {
    var local = new io.weir.sql.runtime.batch.HashSessionAggregateOperator(keys, spec, timeField, specs, inType, 0,
        io.weir.sql.runtime.batch.HashAggregateOperator.Phase.LOCAL);
    var lt = new OneInputTransformation<>(rows.transformation(), "LocalHashWindowAggregate", local,
        (TypeInfo<Row>) io.weir.sql.runtime.batch.HashSessionAggregateOperator.partialType(keys, inType),
        sameParallelism(rows));
    var global = new io.weir.sql.runtime.batch.HashSessionAggregateOperator(keys, spec, timeField, specs, inType, 0,
        io.weir.sql.runtime.batch.HashAggregateOperator.Phase.GLOBAL);
    var gt = new OneInputTransformation<>(keyBy(lt, java.util.stream.IntStream.range(0, keys.length).toArray()),
        "HashWindowAggregate", global, (TypeInfo<Row>) rowTypeInfo(opOut), keys.length == 0 ? 1 : -1);
    String name = desc.replaceFirst("^WindowAggregate", "HashWindowAggregate");
    PhysicalNode localNode = new PhysicalNode("Local" + name, List.of(rows), lt, rows.rowType(), false, null);
    return new PhysicalNode(name, List.of(localNode), gt, opOut, false, null);
  }

  // ---------------------------------------------------------------- time-bounded joins (STREAMING)

  /**
   * A join whose condition bounds the right time attribute by the left one ({@code r.ts BETWEEN
   * l.ts - INTERVAL .. AND l.ts + INTERVAL ..}, both event-time attributes, insert-only inputs):
   * an IntervalJoinOperator keyed by the equi keys, append-only even for outer joins; null when
   * the condition has no such pair of bounds.
   */
  private PhysicalNode intervalJoin(LogicalJoin join, PhysicalNode left, PhysicalNode right, JoinType type) {
    RelDataType lt = join.getLeft().getRowType();
    int nl = lt.getFieldCount();
    RexBuilder rb = join.getCluster().getRexBuilder();
    RexNode cond = RexUtil.expandSearch(rb, null, join.getCondition());
    int lTime = -1;
    int rTime = -1;
    long lower = Long.MIN_VALUE;
    long upper = Long.MAX_VALUE;
    for (RexNode c : RelOptUtil.conjunctions(cond)) {
      SqlKind kind = c.getKind();
      if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL && kind != SqlKind.LESS_THAN
          && kind != SqlKind.LESS_THAN_OR_EQUAL) {
        continue;
      }
      long[] x = timeOffset(((RexCall) c).getOperands().get(0));
      long[] y = timeOffset(((RexCall) c).getOperands().get(1));
      if (x == null || y == null) {
        continue;
      }
      // normalize to: R - L <kind> bound
      long bound;
      int l;
      int r;
      if (x[0] < nl && y[0] >= nl) { // L + cx op R + cy  <=>  R - L op' cx - cy
        l = (int) x[0];
        r = (int) y[0] - nl;
        kind = kind.reverse();
        bound = x[1] - y[1];
      } else if (x[0] >= nl && y[0] < nl) { // R + cx op L + cy  <=>  R - L op cy - cx
        l = (int) y[0];
        r = (int) x[0] - nl;
        bound = y[1] - x[1];
      } else {
        continue;
      }
      if (lTime >= 0 && (l != lTime || r != rTime)) {
        return null; // bounds on several pairs of time fields
      }
      lTime = l;
      rTime = r;
      switch (kind) {
        case GREATER_THAN_OR_EQUAL -> lower = Math.max(lower, bound);
        case GREATER_THAN -> lower = Math.max(lower, bound + 1);
        case LESS_THAN_OR_EQUAL -> upper = Math.min(upper, bound);
        case LESS_THAN -> upper = Math.min(upper, bound - 1);
        default -> { }
      }
    }
    if (lTime < 0 || lower == Long.MIN_VALUE || upper == Long.MAX_VALUE || lower > upper
        || !isRowtime(join.getLeft(), lTime) || !isRowtime(join.getRight(), rTime)) {
      return null;
    }
    JoinInfo info = join.analyzeCondition();
    int[] lk = info.leftKeys.toIntArray();
    int[] rk = info.rightKeys.toIntArray();
    RowPredicate residual = CodeGenerator.predicate(rb, join.getCondition(), null);
    var op = new io.weir.sql.runtime.operators.IntervalJoinOperator(type, rowTypeInfo(lt),
        rowTypeInfo(join.getRight().getRowType()), lTime, rTime, lower, upper, residual);
    var t = new TwoInputTransformation<>(keyBy(left.transformation(), lk), keyBy(right.transformation(), rk),
        "IntervalJoin", op, (TypeInfo<Row>) rowTypeInfo(join.getRowType()), lk.length == 0 ? 1 : -1);
    t.setStateKeySelectors(CodeGenerator.keySelector(lk), CodeGenerator.keySelector(rk), keyType(lt, lk));
    String desc = "IntervalJoin(joinType=[" + type + "], where=[" + join.getCondition() + "], leftKeys=["
        + keyNames(lt, lk) + "], rightKeys=[" + keyNames(join.getRight().getRowType(), rk) + "], leftTime=["
        + lt.getFieldNames().get(lTime) + "], rightTime=[" + join.getRight().getRowType().getFieldNames().get(rTime)
        + "], bounds=[" + lower + " ms, " + upper + " ms])";
    return new PhysicalNode(desc, List.of(left, right), t, join.getRowType(), false, null);
  }

  /** {field, offset ms} for {@code $field}, {@code $field + interval} or {@code $field - interval}; null otherwise. */
  private static long[] timeOffset(RexNode e) {
    if (e instanceof RexInputRef ref) {
      return isTimestamp(ref.getType()) ? new long[] {ref.getIndex(), 0} : null;
    }
    if (!(e instanceof RexCall call) || call.getOperands().size() != 2
        || call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) {
      return null;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    if (call.getKind() == SqlKind.PLUS && a instanceof RexLiteral && b instanceof RexInputRef) {
      RexNode x = a;
      a = b;
      b = x;
    }
    if (!(a instanceof RexInputRef ref) || !isTimestamp(ref.getType()) || !(b instanceof RexLiteral lit)
        || !SqlTypeName.INTERVAL_TYPES.contains(lit.getType().getSqlTypeName()) || lit.getValueAs(Long.class) == null) {
      return null;
    }
    long v = lit.getValueAs(Long.class);
    if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(lit.getType().getSqlTypeName())) {
      return null; // months have no fixed length
    }
    return new long[] {ref.getIndex(), call.getKind() == SqlKind.PLUS ? v : -v};
  }

  private static boolean isTimestamp(RelDataType t) {
    return t.getSqlTypeName() == SqlTypeName.TIMESTAMP || t.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
  }

  // ---------------------------------------------------------------- window join / window Top-N (STREAMING)

  /** 0, 1, 2 when {@code field} of {@code rel} is a window TVF's window_start, window_end, window_time passed through; else -1. */
  private static int windowColumnOf(RelNode rel, int field) {
    if (rel instanceof LogicalTableFunctionScan scan && isWindowTvf(scan)) {
      int n = scan.getInputs().get(0).getRowType().getFieldCount();
      return field >= n ? field - n : -1;
    }
    if (rel instanceof LogicalCalc calc) {
      RexProgram p = calc.getProgram();
      RexNode e = p.expandLocalRef(p.getProjectList().get(field));
      return e instanceof RexInputRef ref ? windowColumnOf(calc.getInput(), ref.getIndex()) : -1;
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalFilter) {
      return windowColumnOf(rel.getInput(0), field);
    }
    if (rel instanceof LogicalAggregate agg && agg.getGroupType() == Aggregate.Group.SIMPLE
        && field < agg.getGroupCount()) {
      // a window aggregation (grouped by a window_end) passes its window columns through as keys
      boolean windowed = false;
      for (int k : agg.getGroupSet()) {
        windowed |= windowColumnOf(agg.getInput(), k) == 1;
      }
      return windowed ? windowColumnOf(agg.getInput(), agg.getGroupSet().nth(field)) : -1;
    }
    return -1;
  }

  /**
   * Whether the rows of a window (by the window_end column {@code field}) reach this point only when
   * the watermark reaches window_end rather than window_end - 1: the column is a key of a cascaded
   * window aggregation (a window aggregation over a window aggregation's window_end, which fires on
   * window_end, see {@link #cascadedWindowAggregate}). Operators that collect a window's rows must
   * then fire one millisecond later, or they fire before those rows arrive and drop them as late.
   */
  private static boolean windowRowsComeAtWindowEnd(RelNode rel, int field) {
    if (rel instanceof LogicalCalc calc) {
      RexProgram p = calc.getProgram();
      RexNode e = p.expandLocalRef(p.getProjectList().get(field));
      return e instanceof RexInputRef ref && windowRowsComeAtWindowEnd(calc.getInput(), ref.getIndex());
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalFilter) {
      return windowRowsComeAtWindowEnd(rel.getInput(0), field);
    }
    if (rel instanceof LogicalAggregate agg && agg.getGroupType() == Aggregate.Group.SIMPLE
        && field < agg.getGroupCount() && windowColumnOf(rel, field) == 1) {
      // the aggregate below this window_end is itself a window aggregation: this one is cascaded
      return windowColumnOf(agg.getInput(), agg.getGroupSet().nth(field)) == 1
          && windowEndDepth(agg.getInput(), agg.getGroupSet().nth(field)) > 0;
    }
    return false;
  }

  /** How many window aggregations a window_end column passed through (0 = a window TVF's own column). */
  private static int windowEndDepth(RelNode rel, int field) {
    if (rel instanceof LogicalCalc calc) {
      RexProgram p = calc.getProgram();
      RexNode e = p.expandLocalRef(p.getProjectList().get(field));
      return e instanceof RexInputRef ref ? windowEndDepth(calc.getInput(), ref.getIndex()) : 0;
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalFilter) {
      return windowEndDepth(rel.getInput(0), field);
    }
    if (rel instanceof LogicalAggregate agg && field < agg.getGroupCount()) {
      return 1 + windowEndDepth(agg.getInput(), agg.getGroupSet().nth(field));
    }
    return 0;
  }

  /**
   * ROW_NUMBER partitioned by (at least) window_end of a window TVF, insert-only input: a
   * WindowRankOperator that emits each window's Top-N once on the watermark; null otherwise.
   */
  private PhysicalNode windowRank(LogicalWindow w, PhysicalNode in, int[] keys, long start, long end, boolean rankNeeded,
      RelDataType rankType) {
    Transformation<?> driver = watermarkDriver(in);
    if (batch && driver == null || in.updating()) {
      return null;
    }
    int windowEnd = -1;
    for (int k : keys) {
      if (windowColumnOf(w.getInput(), k) == 1) {
        windowEnd = k;
      }
    }
    if (windowEnd < 0) {
      return null;
    }
    Window.Group g = w.groups.get(0);
    RelDataType inRowType = w.getInput().getRowType();
    boolean atEnd = windowRowsComeAtWindowEnd(w.getInput(), windowEnd);
    var op = new io.weir.sql.runtime.operators.WindowRankOperator(rowTypeInfo(inRowType), windowEnd,
        CodeGenerator.comparator(g.orderKeys.getFieldCollations()), start, end, rankNeeded, atEnd);
    var t = new OneInputTransformation<>(keyBy(in.transformation(), keys), "WindowRank", op,
        (TypeInfo<Row>) rowTypeInfo(rankType), -1);
    t.setStateKeySelector(CodeGenerator.keySelector(keys), keyType(inRowType, keys));
    if (batch) {
      driveByWatermarks(t, driver);
    }
    String name = start == 1 && end == 1 ? "WindowDeduplicate" : "WindowRank";
    String desc = name + "(rankType=[ROW_NUMBER], rankRange=[rankStart=" + start + ", rankEnd=" + end + "], partitionBy=["
        + keyNames(inRowType, keys) + "], orderBy=[" + orderNames(inRowType, g.orderKeys.getFieldCollations())
        + "], windowEnd=[" + inRowType.getFieldNames().get(windowEnd) + "]" + (atEnd ? ", fireAt=[window_end]" : "")
        + ", select=[" + fields(rankType) + "])";
    return new PhysicalNode(batch ? watermarkDriven(desc) : desc, List.of(in), t, rankType, false, null);
  }

  /**
   * An equi-join whose keys pair the window_end columns of two window TVFs (insert-only inputs):
   * a WindowJoinOperator keyed by all equi keys, firing each window once on the watermark
   * (append-only for every join type); null otherwise.
   */
  private PhysicalNode windowJoin(LogicalJoin join, PhysicalNode left, PhysicalNode right, JoinType type) {
    JoinInfo info = join.analyzeCondition();
    int[] lk = info.leftKeys.toIntArray();
    int[] rk = info.rightKeys.toIntArray();
    int lEnd = -1;
    int rEnd = -1;
    for (int i = 0; i < lk.length; i++) {
      if (windowColumnOf(join.getLeft(), lk[i]) == 1 && windowColumnOf(join.getRight(), rk[i]) == 1) {
        lEnd = lk[i];
        rEnd = rk[i];
      }
    }
    if (lEnd < 0) {
      return null;
    }
    RelDataType lt = join.getLeft().getRowType();
    RelDataType rt = join.getRight().getRowType();
    RowPredicate residual = CodeGenerator.predicate(join.getCluster().getRexBuilder(), join.getCondition(), null);
    boolean atEnd = windowRowsComeAtWindowEnd(join.getLeft(), lEnd) || windowRowsComeAtWindowEnd(join.getRight(), rEnd);
    var op = new io.weir.sql.runtime.operators.WindowJoinOperator(type, rowTypeInfo(lt), rowTypeInfo(rt), lEnd, rEnd, residual,
        atEnd);
    var t = new TwoInputTransformation<>(keyBy(left.transformation(), lk), keyBy(right.transformation(), rk),
        "WindowJoin", op, (TypeInfo<Row>) rowTypeInfo(join.getRowType()), -1);
    t.setStateKeySelectors(CodeGenerator.keySelector(lk), CodeGenerator.keySelector(rk), keyType(lt, lk));
    String desc = "WindowJoin(joinType=[" + type + "], where=[" + join.getCondition() + "], leftKeys=[" + keyNames(lt, lk)
        + "], rightKeys=[" + keyNames(rt, rk) + "], windowEnd=[" + lt.getFieldNames().get(lEnd) + ", "
        + rt.getFieldNames().get(rEnd) + "]" + (atEnd ? ", fireAt=[window_end]" : "") + ")";
    return new PhysicalNode(batch ? watermarkDriven(desc) : desc, List.of(left, right), t, join.getRowType(), false, null);
  }

  // ---------------------------------------------------------------- temporal join (FOR SYSTEM_TIME AS OF)

  /** The Snapshot under a Correlate's right side (through Calcs/Filters), or null when it is not a temporal join. */
  private static org.apache.calcite.rel.logical.LogicalSnapshot temporalSnapshot(org.apache.calcite.rel.logical.LogicalCorrelate c) {
    RelNode r = c.getRight();
    while (r instanceof LogicalCalc || r instanceof org.apache.calcite.rel.logical.LogicalFilter) {
      r = r.getInput(0);
    }
    return r instanceof org.apache.calcite.rel.logical.LogicalSnapshot s ? s : null;
  }

  /**
   * {@code l JOIN v FOR SYSTEM_TIME AS OF l.rowtime ON l.k = v.pk}: Calcite gives a Correlate whose
   * right side filters a Snapshot by the correlation variable. The filter becomes the join
   * condition on {@code left ++ versioned row}; a TemporalJoinOperator keyed by its equi keys joins
   * each left row with the version valid at its time (both modes).
   */
  private PhysicalNode temporalJoin(org.apache.calcite.rel.logical.LogicalCorrelate c) {
    var snapshot = temporalSnapshot(c);
    RelDataType lt = c.getLeft().getRowType();
    int nl = lt.getFieldCount();
    RexBuilder rb = c.getCluster().getRexBuilder();
    var tf = c.getCluster().getTypeFactory();
    var corId = c.getCorrelationId();
    // the correlation variable's fields become left fields, the versioned row's fields shift by nl
    org.apache.calcite.rex.RexShuttle toJoin = new org.apache.calcite.rex.RexShuttle() {
      @Override
      public RexNode visitFieldAccess(org.apache.calcite.rex.RexFieldAccess a) {
        if (a.getReferenceExpr() instanceof org.apache.calcite.rex.RexCorrelVariable v && v.id.equals(corId)) {
          return new RexInputRef(a.getField().getIndex(), a.getType());
        }
        return super.visitFieldAccess(a);
      }

      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(ref.getIndex() + nl, ref.getType());
      }
    };
    RexNode period = snapshot.getPeriod().accept(toJoin);
    if (!(period instanceof RexInputRef p) || p.getIndex() >= nl) {
      throw new PlannerException("FOR SYSTEM_TIME AS OF needs a time attribute of the probe side, got " + snapshot.getPeriod());
    }
    int lTime = p.getIndex();
    boolean lookup = !isRowtime(c.getLeft(), lTime);
    if (lookup && !isProctime(c.getLeft(), lTime)) {
      throw new PlannerException("FOR SYSTEM_TIME AS OF " + lt.getFieldNames().get(lTime) + ": needs a time attribute, "
          + "an event-time one (with a WATERMARK) or a processing-time one (AS PROCTIME())");
    }
    RelNode versioned = snapshot.getInput();
    RelDataType vt = versioned.getRowType();
    int rTime = -1;
    for (int i = 0; i < vt.getFieldCount() && rTime < 0; i++) {
      rTime = isRowtime(versioned, i) ? i : -1;
    }
    if (rTime < 0 && !lookup) {
      throw new PlannerException("the versioned table of an event-time temporal join needs a WATERMARK (an event-time attribute)");
    }
    // the right side's Calcs/Filters above the Snapshot: one condition on left ++ versioned row and a projection
    List<RexNode> conditions = new ArrayList<>();
    List<RexNode> projects = new ArrayList<>();
    for (int i = 0; i < vt.getFieldCount(); i++) {
      projects.add(RexInputRef.of(i, vt));
    }
    List<RelNode> chain = new ArrayList<>();
    for (RelNode r = c.getRight(); r != snapshot; r = r.getInput(0)) {
      chain.add(0, r);
    }
    for (RelNode r : chain) {
      List<RexNode> cur = projects;
      org.apache.calcite.rex.RexShuttle inline = new org.apache.calcite.rex.RexShuttle() {
        @Override
        public RexNode visitInputRef(RexInputRef ref) {
          return cur.get(ref.getIndex());
        }
      };
      if (r instanceof LogicalCalc calc) {
        RexProgram prog = calc.getProgram();
        if (prog.getCondition() != null) {
          conditions.add(prog.expandLocalRef(prog.getCondition()).accept(inline));
        }
        List<RexNode> next = new ArrayList<>();
        prog.getProjectList().forEach(e -> next.add(prog.expandLocalRef(e).accept(inline)));
        projects = next;
      } else {
        conditions.add(((org.apache.calcite.rel.logical.LogicalFilter) r).getCondition().accept(inline));
      }
    }
    RexNode condition = RexUtil.composeConjunction(rb, conditions.stream().map(x -> x.accept(toJoin)).toList());
    JoinType type = switch (c.getJoinType()) {
      case INNER -> JoinType.INNER;
      case LEFT -> JoinType.LEFT;
      default -> throw new PlannerException("temporal joins support INNER and LEFT, not " + c.getJoinType());
    };
    if (lookup) {
      return lookupJoin(c, versioned, condition, type, projects);
    }
    JoinInfo info = JoinInfo.of(c.getLeft(), versioned, condition);
    int[] lk = info.leftKeys.toIntArray();
    int[] rk = info.rightKeys.toIntArray();
    if (lk.length == 0) {
      throw new PlannerException("an event-time temporal join needs an equality on the versioned table's primary key");
    }
    PhysicalNode left = translate(c.getLeft());
    PhysicalNode right = translate(versioned);
    if (left.updating()) {
      throw new PlannerException("the probe side of a temporal join must be insert-only, but " + left.updateProducer()
          + " produces updates");
    }
    var joinedType = tf.builder().addAll(lt.getFieldList());
    for (RelDataTypeField f : vt.getFieldList()) {
      joinedType.add(f.getName(), type == JoinType.LEFT ? tf.createTypeWithNullability(f.getType(), true) : f.getType());
    }
    RelDataType opOut = joinedType.uniquify().build();
    RowPredicate residual = condition.isAlwaysTrue() ? null : CodeGenerator.predicate(rb, condition, null);
    var op = new io.weir.sql.runtime.operators.TemporalJoinOperator(type, rowTypeInfo(lt), rowTypeInfo(vt), lTime, rTime, residual);
    var t = new TwoInputTransformation<>(keyBy(left.transformation(), lk), keyBy(right.transformation(), rk),
        "TemporalJoin", op, (TypeInfo<Row>) rowTypeInfo(opOut), -1);
    t.setStateKeySelectors(CodeGenerator.keySelector(lk), CodeGenerator.keySelector(rk), keyType(lt, lk));
    String desc = "TemporalJoin(joinType=[" + type + "], where=[" + condition + "], leftKeys=[" + keyNames(lt, lk)
        + "], rightKeys=[" + keyNames(vt, rk) + "], asOf=[" + lt.getFieldNames().get(lTime) + "], versionTime=["
        + vt.getFieldNames().get(rTime) + "])";
    PhysicalNode joined = new PhysicalNode(desc, List.of(left, right), t, opOut, false, null);
    List<RexNode> out = new ArrayList<>();
    for (int i = 0; i < nl; i++) {
      out.add(RexInputRef.of(i, opOut));
    }
    for (RexNode e : projects) {
      out.add(RexUtil.shift(e, nl));
    }
    return calc(joined, null, out, false, c.getRowType(), rb);
  }

  /** Whether field {@code field} of {@code rel} is a processing-time attribute (a PROCTIME() computed column, passed through). */
  static boolean isProctime(RelNode rel, int field) {
    if (rel instanceof LogicalWatermarkAssigner wa) {
      return isProctime(wa.getInput(), field >= wa.watermarkIndex() ? field + 1 : field);
    }
    if (rel instanceof LogicalCalc calc) {
      RexProgram p = calc.getProgram();
      RexNode e = p.expandLocalRef(p.getProjectList().get(field));
      if (e instanceof org.apache.calcite.rex.RexCall call && call.getOperator() == WeirOperatorTable.PROCTIME) {
        return true;
      }
      return e instanceof RexInputRef ref && isProctime(calc.getInput(), ref.getIndex());
    }
    if (rel instanceof org.apache.calcite.rel.logical.LogicalFilter || rel instanceof LogicalSort) {
      return isProctime(rel.getInput(0), field);
    }
    return false;
  }

  /**
   * {@code l JOIN dim FOR SYSTEM_TIME AS OF l.proctime ON l.k = dim.k}: each probe row looks up
   * the dimension table's current rows by the equi keys through the connector's
   * {@link LookupTableSource} (both modes; the dimension table is never scanned).
   */
  private PhysicalNode lookupJoin(org.apache.calcite.rel.logical.LogicalCorrelate c, RelNode dim, RexNode condition,
      JoinType type, List<RexNode> projects) {
    RelDataType lt = c.getLeft().getRowType();
    int nl = lt.getFieldCount();
    RelDataType vt = dim.getRowType();
    WeirSchema.ConnectorTable ct = dim instanceof LogicalTableScan scan
        ? scan.getTable().unwrap(WeirSchema.ConnectorTable.class) : null;
    String dimName = ct != null ? ct.catalogTable().name() : SqlPlanner.explain(dim).split("\n")[0].trim();
    if (ct == null) {
      throw new PlannerException("lookup join: the dimension table " + dimName + " must be a connector table "
          + "without computed columns or WATERMARK");
    }
    CatalogTable table = ct.catalogTable();
    if (vt.getFieldCount() != table.schema().physicalNames().size()) {
      throw new PlannerException("lookup join: the dimension table " + table.name() + " must expose all its physical columns");
    }
    ScanTableSource source = createSource(table);
    if (!(source instanceof io.weir.sql.connector.LookupTableSource lookupSource)) {
      throw new PlannerException("lookup join: table " + table.name() + " (connector '" + table.options().get("connector")
          + "') does not support lookups; FOR SYSTEM_TIME AS OF a processing-time attribute needs a lookup-capable table");
    }
    JoinInfo info = JoinInfo.of(c.getLeft(), dim, condition);
    int[] lk = info.leftKeys.toIntArray();
    int[] rk = info.rightKeys.toIntArray();
    if (lk.length == 0) {
      throw new PlannerException("lookup join on " + table.name() + " needs an equality between a probe-side column and a "
          + "column of " + table.name());
    }
    PhysicalNode left = translate(c.getLeft());
    RexBuilder rb = c.getCluster().getRexBuilder();
    var tf = c.getCluster().getTypeFactory();
    var joinedType = tf.builder().addAll(lt.getFieldList());
    for (RelDataTypeField f : vt.getFieldList()) {
      joinedType.add(f.getName(), type == JoinType.LEFT ? tf.createTypeWithNullability(f.getType(), true) : f.getType());
    }
    RelDataType opOut = joinedType.uniquify().build();
    RowPredicate residual = condition.isAlwaysTrue() ? null : CodeGenerator.predicate(rb, condition, null);
    int cacheRows = FactoryUtil.optionValue(table.name(), io.weir.sql.connector.LookupTableSource.CACHE_MAX_ROWS, table.options());
    long ttl = FactoryUtil.optionValue(table.name(), io.weir.sql.connector.LookupTableSource.CACHE_TTL, table.options()).toMillis();
    var op = new io.weir.sql.runtime.operators.LookupJoinOperator(type, lk, lookupSource.createLookupFunction(rk), nl,
        vt.getFieldCount(), residual, Math.max(0, cacheRows), ttl);
    var t = new OneInputTransformation<>(left.transformation(), "LookupJoin", op,
        (TypeInfo<Row>) rowTypeInfo(opOut), -1);
    String desc = "LookupJoin(table=[" + table.name() + "], joinType=[" + type + "], where=[" + condition + "], lookup=["
        + keyNames(vt, rk) + "=" + keyNames(lt, lk) + "]" + (cacheRows > 0 ? ", cache=[" + cacheRows + " rows, " + ttl + " ms]" : "")
        + ")";
    PhysicalNode joined = new PhysicalNode(desc, List.of(left), t, opOut, left.updating(), left.updateProducer());
    List<RexNode> out = new ArrayList<>();
    for (int i = 0; i < nl; i++) {
      out.add(RexInputRef.of(i, opOut));
    }
    for (RexNode e : projects) {
      out.add(RexUtil.shift(e, nl));
    }
    return calc(joined, null, out, false, c.getRowType(), rb);
  }
}
