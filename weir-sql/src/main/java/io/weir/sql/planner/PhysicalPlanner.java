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
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.functions.RowProjection;
import io.weir.sql.runtime.operators.CalcOperator;
import io.weir.sql.runtime.operators.GroupAggregateOperator;
import io.weir.sql.runtime.operators.JoinType;
import io.weir.sql.runtime.operators.RankOperator;
import io.weir.sql.runtime.operators.StreamingJoinOperator;
import io.weir.sql.runtime.operators.WatermarkAssignerOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  public PhysicalPlanner(Configuration config, boolean batch, ClassLoader classLoader) {
    this.config = config;
    this.batch = batch;
    this.classLoader = classLoader;
    this.maxParallelism = config.get(CoreOptions.MAX_PARALLELISM);
    Duration ttl = parseDuration(config.getString(TableConfigOptions.STATE_TTL, "0 ms"));
    this.stateTtlMillis = ttl.toMillis();
    this.miniBatchSize = Boolean.parseBoolean(config.getString(TableConfigOptions.MINI_BATCH_ENABLED, "false"))
        ? Integer.parseInt(config.getString(TableConfigOptions.MINI_BATCH_SIZE, "1000")) : 0;
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

  public PhysicalNode translate(RelNode rel) {
    if (rel instanceof LogicalTableScan scan) {
      return scan(scan);
    }
    if (rel instanceof LogicalWatermarkAssigner wa) {
      return watermark(wa);
    }
    if (rel instanceof LogicalCalc calc) {
      return calc(calc);
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
    ScanTableSource source = createSource(table);
    RowTypeInfo type = rowTypeInfo(scan.getRowType());
    var t = new SourceTransformation<>("TableSourceScan(" + table.name() + ")", source.createSource(),
        WatermarkStrategy.<Row>noWatermarks(), (TypeInfo<Row>) type, -1);
    if (batch && !source.isBounded()) {
      throw new PlannerException("table " + table.name() + " is unbounded and cannot be read in BATCH mode");
    }
    return new PhysicalNode("TableSourceScan(table=[" + table.name() + "], fields=[" + fields(scan.getRowType()) + "], "
        + source.describe() + ")", List.of(), t, scan.getRowType(), false, null);
  }

  public ScanTableSource createSource(CatalogTable table) {
    DynamicTableFactory f = FactoryUtil.find(table.name(), table.options(), classLoader);
    FactoryUtil.validate(table.name(), f, table.options());
    return f.createSource(new TableFactoryContext(table.name(), table.schema(), table.options(), config, classLoader));
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
    RowProjection wmExpr = CodeGenerator.projection(rb, List.of(org.apache.calcite.rex.RexInputRef.of(wa.watermarkIndex(), inType)), null);
    var op = new WatermarkAssignerOperator(wa.rowtimeIndex(), wmExpr, 0);
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

  private PhysicalNode calc(LogicalCalc calc) {
    PhysicalNode in = translate(calc.getInput());
    RexProgram program = calc.getProgram();
    RexBuilder rb = calc.getCluster().getRexBuilder();
    RowPredicate predicate = program.getCondition() == null ? null
        : CodeGenerator.predicate(rb, program.expandLocalRef(program.getCondition()), null);
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(r -> projects.add(program.expandLocalRef(r)));
    RowProjection projection = program.projectsOnlyIdentity() ? null : CodeGenerator.projection(rb, projects, null);
    var t = new OneInputTransformation<>(in.transformation(), "Calc", new CalcOperator(predicate, projection),
        (TypeInfo<Row>) rowTypeInfo(calc.getRowType()), -1);
    StringBuilder d = new StringBuilder("Calc(select=[");
    List<String> names = calc.getRowType().getFieldNames();
    for (int i = 0; i < projects.size(); i++) {
      d.append(i > 0 ? ", " : "").append(projects.get(i)).append(" AS ").append(names.get(i));
    }
    d.append(']');
    if (program.getCondition() != null) {
      d.append(", where=[").append(program.expandLocalRef(program.getCondition())).append(']');
    }
    d.append(')');
    return new PhysicalNode(d.toString(), List.of(in), t, calc.getRowType(), in.updating(), in.updateProducer());
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
    if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
      throw new PlannerException("GROUPING SETS, ROLLUP and CUBE are not supported yet");
    }
    PhysicalNode in = translate(agg.getInput());
    int[] keys = agg.getGroupSet().toArray();
    List<AggregateSpec> specs = new ArrayList<>();
    List<String> names = agg.getRowType().getFieldNames();
    for (int i = 0; i < agg.getAggCallList().size(); i++) {
      AggregateCall call = agg.getAggCallList().get(i);
      specs.add(aggregateSpec(call, names.get(keys.length + i)));
    }
    RowTypeInfo inType = rowTypeInfo(agg.getInput().getRowType());
    GeneratedKeySelector ks = CodeGenerator.keySelector(keys);
    Transformation<Row> partitioned = keyBy(in.transformation(), keys);
    var op = new GroupAggregateOperator(specs, inType, batch ? 0 : stateTtlMillis, batch ? 0 : miniBatchSize);
    var t = new OneInputTransformation<>(partitioned, "GroupAggregate", op, (TypeInfo<Row>) rowTypeInfo(agg.getRowType()),
        keys.length == 0 ? 1 : -1);
    t.setStateKeySelector(ks, keyType(agg.getInput().getRowType(), keys));
    String name = batch ? "SortAggregate" : "GroupAggregate";
    StringBuilder d = new StringBuilder(name).append("(");
    if (keys.length > 0) {
      d.append("groupBy=[");
      for (int i = 0; i < keys.length; i++) {
        d.append(i > 0 ? ", " : "").append(agg.getInput().getRowType().getFieldNames().get(keys[i]));
      }
      d.append("], ");
    }
    d.append("select=[");
    for (int i = 0; i < specs.size(); i++) {
      d.append(i > 0 ? ", " : "").append(agg.getAggCallList().get(i).toString()).append(" AS ").append(specs.get(i).name());
    }
    d.append("])");
    boolean updating = !batch;
    return new PhysicalNode(d.toString(), List.of(in), t, agg.getRowType(), updating,
        updating ? (in.updating() ? in.updateProducer() : name) : null);
  }

  static AggregateSpec aggregateSpec(AggregateCall call, String name) {
    AggregateSpec.Kind kind = switch (call.getAggregation().getKind()) {
      case COUNT -> call.getArgList().isEmpty() ? AggregateSpec.Kind.COUNT_STAR : AggregateSpec.Kind.COUNT;
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
      default -> throw new PlannerException("aggregate function " + call.getAggregation().getName() + " is not supported yet");
    };
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
      fetch = null;
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
}
