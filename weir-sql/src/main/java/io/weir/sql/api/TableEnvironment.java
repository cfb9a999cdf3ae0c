package io.weir.sql.api;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.types.Row;
import io.weir.datastream.collect.CollectChannel;
import io.weir.datastream.collect.CollectRegistry;
import io.weir.datastream.collect.CollectResultIterator;
import io.weir.datastream.sinks.CollectSink;
import io.weir.runtime.execution.JobClient;
import io.weir.runtime.execution.LocalExecutor;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.operators.sink.SinkWriterOperator;
import io.weir.core.types.Types;
import io.weir.sql.catalog.Catalog;
import io.weir.sql.catalog.CatalogFunction;
import io.weir.sql.catalog.CatalogTable;
import io.weir.sql.catalog.CatalogView;
import io.weir.sql.catalog.Column;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.TableSchema;
import io.weir.sql.catalog.WatermarkSpec;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.DynamicTableSink;
import io.weir.sql.connector.FactoryUtil;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.parser.DdlParser;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.parser.SqlErrorException;
import io.weir.sql.parser.Statement;
import io.weir.sql.parser.StatementSplitter;
import io.weir.sql.planner.PhysicalNode;
import io.weir.sql.planner.PhysicalPlanner;
import io.weir.sql.planner.PlannerException;
import io.weir.sql.planner.SqlPlanner;
import io.weir.sql.planner.TypeConversions;
import io.weir.sql.planner.WeirSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL entry point of a session: a catalog, options, and statement execution.
 *
 * <pre>{@code
 * TableEnvironment env = TableEnvironment.create(new Configuration());
 * for (TableResult r : env.executeSql("CREATE TABLE t (...) WITH (...); SELECT ... FROM t;")) { ... }
 * }</pre>
 *
 * Options (SET or the creating Configuration): {@code execution.runtime-mode}
 * (streaming|batch|automatic), {@code parallelism.default}, {@code table.exec.state.ttl},
 * {@code table.exec.mini-batch.enabled}. INSERT statements run to completion before the next
 * statement (bounded input); consecutive INSERTs of one script, like {@code BEGIN STATEMENT SET;
 * INSERT ...; INSERT ...; END;}, run as one job with several sinks (see {@link TableResult#jobClient()}). A query's job starts when its result is first read.
 */
public final class TableEnvironment {
  private final Configuration initial;
  private Configuration config;
  private final Catalog catalog = new Catalog();
  private final SqlPlanner planner = new SqlPlanner(catalog);
  private final ClassLoader classLoader;
  private List<PendingInsert> statementSet;
  /** Scans planned for the pending INSERTs of one job: equal scans share one source (PhysicalPlanner#reuseScansWith). */
  private Map<String, PhysicalNode> insertScans = new HashMap<>();

  private record PendingInsert(String statement, Transformation<?> sink, String table, boolean batch) {}

  private TableEnvironment(Configuration config) {
    this.initial = new Configuration(config);
    this.config = new Configuration(config);
    this.classLoader = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader() : TableEnvironment.class.getClassLoader();
  }

  public static TableEnvironment create(Configuration config) {
    return new TableEnvironment(config);
  }

  public static TableEnvironment create() {
    return new TableEnvironment(new Configuration());
  }

  /** The live session configuration (SET changes it). */
  public Configuration getConfig() {
    return config;
  }

  public Catalog getCatalog() {
    return catalog;
  }

  /**
   * Executes every statement of a script in order; stops at the first failing statement (its
   * exception). Consecutive INSERT statements form an implicit statement set: they are all planned
   * first and then run as one job with several sinks, so none of them runs if one fails to plan.
   * Any other statement (or the end of the script) ends the group.
   */
  public List<TableResult> executeSql(String script) {
    if (statementSet == null) {
      insertScans = new HashMap<>();
    }
    List<TableResult> out = new ArrayList<>();
    List<PendingInsert> group = new ArrayList<>();
    for (SourcePos piece : StatementSplitter.split(script)) {
      Statement s = DdlParser.parse(piece);
      if (s instanceof Statement.Insert i && statementSet == null) {
        group.add(prepareInsert(i.pos()));
        continue;
      }
      flush(group, out);
      out.add(execute(s));
    }
    flush(group, out);
    return out;
  }

  private void flush(List<PendingInsert> group, List<TableResult> out) {
    if (group.isEmpty()) {
      return;
    }
    List<PendingInsert> inserts = List.copyOf(group);
    group.clear();
    JobClient client = runInsert(inserts);
    for (PendingInsert p : inserts) {
      out.add(new TableResult(TableResult.Kind.INSERT, p.statement(), "Inserted into " + p.table(), List.of(), List.of(),
          null, false, client));
    }
  }

  /** Executes a script and returns the result of its last statement. */
  public TableResult executeStatement(String sql) {
    List<TableResult> all = executeSql(sql);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no statement in '" + sql + "'");
    }
    return all.get(all.size() - 1);
  }

  /** The EXPLAIN text of a query or INSERT. */
  public String explainSql(String sql) {
    List<SourcePos> pieces = StatementSplitter.split(sql);
    if (pieces.size() != 1) {
      throw new IllegalArgumentException("explainSql expects exactly one statement");
    }
    return explain(pieces.get(0));
  }

  private TableResult execute(Statement s) {
    String text = s.pos().text();
    if (statementSet != null && !(s instanceof Statement.Insert) && !(s instanceof Statement.EndStatementSet)) {
      throw s.pos().error(1, 1, "only INSERT statements are allowed inside BEGIN STATEMENT SET ... END");
    }
    if (s instanceof Statement.CreateTable ct) {
      return createTable(ct);
    }
    if (s instanceof Statement.CreateView cv) {
      RelDataType type = planner.validateRowType(cv.query(), "", cv.query().text());
      List<String> queryNames = SqlPlanner.names(type);
      if (!cv.columnNames().isEmpty() && cv.columnNames().size() != queryNames.size()) {
        throw cv.pos().error(1, 1, "view " + cv.name() + " declares " + cv.columnNames().size()
            + " columns but its query has " + queryNames.size());
      }
      List<String> names = cv.columnNames().isEmpty() ? queryNames : cv.columnNames();
      List<Column> cols = new ArrayList<>();
      List<LogicalType> types = TypeConversions.fieldTypes(type);
      for (int i = 0; i < names.size(); i++) {
        cols.add(Column.physical(names.get(i), types.get(i)));
      }
      catalogCall(cv.pos(), () -> catalog.createView(new CatalogView(cv.name(), cv.query().text(), names, TableSchema.of(cols)),
          cv.ifNotExists()));
      return TableResult.ok(text, "View '" + cv.name() + "' created");
    }
    if (s instanceof Statement.CreateFunction cf) {
      io.weir.sql.planner.UserFunctions.check(cf.pos(), cf.name(), cf.className(), classLoader);
      catalogCall(cf.pos(), () -> catalog.createFunction(new CatalogFunction(cf.name(), cf.className(), cf.temporary()),
          cf.ifNotExists()));
      return TableResult.ok(text, "Function '" + cf.name() + "' created");
    }
    if (s instanceof Statement.Drop d) {
      boolean dropped = switch (d.kind()) {
        case TABLE -> catalog.dropTable(d.name());
        case VIEW -> catalog.dropView(d.name());
        case FUNCTION -> catalog.dropFunction(d.name());
      };
      if (!dropped && !d.ifExists()) {
        throw d.pos().error(1, 1, d.kind().name().toLowerCase(Locale.ROOT) + " '" + d.name() + "' does not exist");
      }
      return TableResult.ok(text, d.kind().name().charAt(0) + d.kind().name().substring(1).toLowerCase(Locale.ROOT) + " '" + d.name()
          + "' " + (dropped ? "dropped" : "did not exist"));
    }
    if (s instanceof Statement.Set set) {
      if (set.key() == null) {
        List<Row> rows = new ArrayList<>();
        new TreeMap<>(config.toMap()).forEach((k, v) -> rows.add(Row.of(k, v)));
        return TableResult.rows(text, List.of("key", "value"), List.of(LogicalType.of(LogicalType.Kind.VARCHAR),
            LogicalType.of(LogicalType.Kind.VARCHAR)), rows);
      }
      Configuration copy = new Configuration(config);
      copy.setString(set.key(), set.value());
      try {
        copy.get(CoreOptions.RUNTIME_MODE);
        copy.get(CoreOptions.DEFAULT_PARALLELISM);
      } catch (IllegalArgumentException e) {
        throw set.pos().error(1, 1, e.getMessage());
      }
      config = copy;
      return TableResult.ok(text, "Option '" + set.key() + "' set to '" + set.value() + "'");
    }
    if (s instanceof Statement.Reset r) {
      if (r.key() == null) {
        config = new Configuration(initial);
      } else {
        Configuration copy = new Configuration();
        config.toMap().forEach((k, v) -> {
          if (!k.equals(r.key())) {
            copy.setString(k, v);
          }
        });
        String init = initial.getString(r.key(), null);
        if (init != null) {
          copy.setString(r.key(), init);
        }
        config = copy;
      }
      return TableResult.ok(text, r.key() == null ? "All options reset" : "Option '" + r.key() + "' reset");
    }
    if (s instanceof Statement.Show show) {
      List<Row> rows = new ArrayList<>();
      String col;
      switch (show.kind()) {
        case TABLES -> {
          col = "table name";
          catalog.allRelationNames().forEach(n -> rows.add(Row.of(n)));
        }
        case VIEWS -> {
          col = "view name";
          catalog.viewNames().forEach(n -> rows.add(Row.of(n)));
        }
        default -> {
          col = "function name";
          io.weir.sql.planner.UserFunctions.allFunctionNames(catalog).forEach(n -> rows.add(Row.of(n)));
        }
      }
      return TableResult.rows(text, List.of(col), List.of(LogicalType.of(LogicalType.Kind.VARCHAR)), rows);
    }
    if (s instanceof Statement.Describe d) {
      TableSchema schema = catalog.getTable(d.name()).map(CatalogTable::schema)
          .or(() -> catalog.getView(d.name()).map(CatalogView::schema))
          .orElseThrow(() -> {
            String near = catalog.suggest(d.name());
            return d.pos().error(1, 1, "table '" + d.name() + "' not found" + (near != null ? " (did you mean '" + near + "'?)" : ""));
          });
      List<Row> rows = new ArrayList<>();
      for (Column c : schema.columns()) {
        boolean rowtime = schema.watermark() != null && schema.watermark().rowtimeColumn().equals(c.name());
        LogicalType t = c.type().copy(true).asRowtime(rowtime);
        String extras = c.expression() != null ? "AS " + c.expression() : null;
        String pk = schema.primaryKey().contains(c.name()) ? "PRI(" + c.name() + ")" : null;
        String wm = rowtime ? schema.watermark().expression() : null;
        rows.add(Row.of(c.name(), t.asSummaryString(), c.type().isNullable(), pk, extras, wm));
      }
      LogicalType str = LogicalType.of(LogicalType.Kind.VARCHAR);
      return TableResult.rows(text, List.of("name", "type", "null", "key", "extras", "watermark"),
          List.of(str, str, LogicalType.of(LogicalType.Kind.BOOLEAN), str, str, str), rows);
    }
    if (s instanceof Statement.Explain e) {
      String plan = explain(e.statement());
      return TableResult.rows(text, List.of("result"), List.of(LogicalType.of(LogicalType.Kind.VARCHAR)), List.of(Row.of(plan)));
    }
    if (s instanceof Statement.Help) {
      return TableResult.ok(text, HELP);
    }
    if (s instanceof Statement.BeginStatementSet) {
      statementSet = new ArrayList<>();
      insertScans = new HashMap<>();
      return TableResult.ok(text, "Begin a statement set");
    }
    if (s instanceof Statement.EndStatementSet) {
      if (statementSet == null) {
        throw s.pos().error(1, 1, "END without BEGIN STATEMENT SET");
      }
      List<PendingInsert> inserts = statementSet;
      statementSet = null;
      if (inserts.isEmpty()) {
        return TableResult.ok(text, "Empty statement set");
      }
      JobClient client = runInsert(inserts);
      return new TableResult(TableResult.Kind.INSERT, text,
          "Inserted into " + String.join(", ", inserts.stream().map(PendingInsert::table).toList()), List.of(), List.of(),
          null, false, client);
    }
    if (s instanceof Statement.Query q) {
      return query(q.pos());
    }
    if (s instanceof Statement.Insert i) {
      PendingInsert p = prepareInsert(i.pos());
      if (statementSet != null) {
        statementSet.add(p);
        return TableResult.ok(p.statement(), "Added to the statement set");
      }
      JobClient client = runInsert(List.of(p));
      return new TableResult(TableResult.Kind.INSERT, p.statement(), "Inserted into " + p.table(), List.of(), List.of(),
          null, false, client);
    }
    throw new IllegalStateException("unhandled statement " + s);
  }

  private static void catalogCall(SourcePos pos, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      throw pos.error(1, 1, e.getMessage());
    }
  }

  private TableResult createTable(Statement.CreateTable ct) {
    List<Column> physical = new ArrayList<>();
    for (Statement.ColumnDef c : ct.columns()) {
      if (c.type() != null) {
        physical.add(Column.physical(c.name(), c.type()));
      }
    }
    List<Column> cols = new ArrayList<>();
    CatalogTable physicalOnly = new CatalogTable(ct.name(), TableSchema.of(physical), ct.options(), ct.comment());
    planner.withPending(physicalOnly, () -> {
      for (Statement.ColumnDef c : ct.columns()) {
        if (c.type() != null) {
          cols.add(Column.physical(c.name(), c.type()));
        } else {
          String prefix = "SELECT ";
          String sql = prefix + c.expression().text() + " FROM " + WeirSchema.quote(WeirSchema.PHYSICAL_SCHEMA) + "."
              + WeirSchema.quote(ct.name());
          RelDataType t = planner.validateRowType(c.expression(), prefix, sql);
          cols.add(Column.computed(c.name(), TypeConversions.toLogicalType(t.getFieldList().get(0).getType()),
              c.expression().text()));
        }
      }
    });
    WatermarkSpec wm = null;
    if (ct.watermark() != null) {
      Statement.WatermarkDef w = ct.watermark();
      Column rowtime = cols.stream().filter(c -> c.name().equals(w.column())).findFirst().orElseThrow();
      LogicalType.Kind k = rowtime.type().kind();
      if (k != LogicalType.Kind.TIMESTAMP && k != LogicalType.Kind.TIMESTAMP_LTZ) {
        throw w.columnPos().error(1, 1, "the rowtime column '" + w.column() + "' must be of type TIMESTAMP or TIMESTAMP_LTZ but is "
            + rowtime.type().asSummaryString());
      }
      CatalogTable withComputed = new CatalogTable(ct.name(), TableSchema.of(cols), ct.options(), ct.comment());
      String inner = WeirSchema.expansionSql(withComputed);
      String prefix = "SELECT ";
      String sql = prefix + w.expression().text() + " FROM (" + inner + ")";
      planner.withPending(physicalOnly, () -> {
        RelDataType t = planner.validateRowType(w.expression(), prefix, sql);
        SqlTypeName tn = t.getFieldList().get(0).getType().getSqlTypeName();
        if (tn != SqlTypeName.TIMESTAMP && tn != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
          throw w.expression().error(1, 1, "the watermark expression must return TIMESTAMP or TIMESTAMP_LTZ but returns "
              + TypeConversions.typeString(t.getFieldList().get(0).getType()));
        }
      });
      wm = new WatermarkSpec(w.column(), w.expression().text());
    }
    TableSchema schema = new TableSchema(cols, wm, ct.primaryKey());
    if (!ct.primaryKey().isEmpty()) {
      List<Column> nn = new ArrayList<>();
      for (Column c : cols) {
        nn.add(ct.primaryKey().contains(c.name()) ? c.withType(c.type().copy(false)) : c);
      }
      schema = new TableSchema(nn, wm, ct.primaryKey());
    }
    CatalogTable table = new CatalogTable(ct.name(), schema, ct.options(), ct.comment());
    {
      try {
        DynamicTableFactory f = FactoryUtil.find(ct.name(), ct.options(), classLoader);
        FactoryUtil.validate(ct.name(), f, ct.options());
      } catch (RuntimeException e) {
        throw ct.pos().error(1, 1, e.getMessage());
      }
    }
    final TableSchema fs = schema;
    catalogCall(ct.pos(), () -> catalog.createTable(new CatalogTable(ct.name(), fs, ct.options(), ct.comment(), ct.partitionKeys()), ct.ifNotExists()));
    return TableResult.ok(ct.pos().text(), "Table '" + table.name() + "' created");
  }

  private record Physical(SqlPlanner.PlannedQuery planned, RelNode calc, boolean batch, PhysicalNode root) {}

  private Physical physical(SourcePos piece) {
    return physical(piece, null);
  }

  /** {@code sharedScans}: scans to share with other statements of the same job, or null. */
  private Physical physical(SourcePos piece, Map<String, PhysicalNode> sharedScans) {
    SqlPlanner.PlannedQuery planned = planner.plan(piece, config);
    RelNode calc = PhysicalPlanner.toCalc(planned.optimized());
    PhysicalPlanner probe = new PhysicalPlanner(config, false, classLoader);
    boolean batch = PhysicalPlanner.isBatch(config, probe.allBounded(calc));
    PhysicalPlanner pp = new PhysicalPlanner(config, batch, classLoader);
    if (sharedScans != null) {
      pp.reuseScansWith(sharedScans);
    }
    PhysicalNode root;
    try {
      root = pp.translate(calc);
    } catch (PlannerException e) {
      throw piece.error(1, 1, e.getMessage());
    }
    return new Physical(planned, calc, batch, root);
  }

  private String explain(SourcePos piece) {
    Physical p = physical(piece);
    return "== Optimized Logical Plan ==\n" + SqlPlanner.explain(p.planned().optimized()) + "\n\n== Physical Plan ("
        + (p.batch() ? "BATCH" : "STREAMING") + ") ==\n" + p.root().explain() + "\n";
  }

  private TableResult query(SourcePos piece) {
    Physical p = physical(piece);
    RelDataType rowType = p.planned().rowType();
    List<String> names = SqlPlanner.names(rowType);
    List<LogicalType> types = TypeConversions.fieldTypes(rowType);
    boolean changelog = p.root().updating();
    Configuration jobConfig = jobConfig(p.batch());
    return new TableResult(TableResult.Kind.QUERY, piece.text(), null, names, types, () -> {
      CollectChannel<Row> channel = CollectRegistry.open();
      try {
        var sink = new OneInputTransformation<>(p.root().transformation(), "Collect Sink",
            new SinkWriterOperator<>(new CollectSink<Row>(channel.getId())), Types.VOID, 1);
        JobClient client = submit("sql: " + abbreviate(piece.text()), jobConfig, List.of(sink), p.batch());
        return new CollectResultIterator<>(channel, client);
      } catch (RuntimeException e) {
        CollectRegistry.release(channel.getId());
        throw e;
      }
    }, changelog, null).withResultOrder(resultOrder(p.planned().optimized()));
  }

  /**
   * A changelog applied to a multiset loses the order of an ORDER BY (Top-N rows are retracted and
   * re-added); the top-level sort's collation restores it for whoever materializes the result.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static java.util.Comparator<Row> resultOrder(org.apache.calcite.rel.RelNode top) {
    if (!(top instanceof org.apache.calcite.rel.core.Sort sort)
        || sort.getCollation().getFieldCollations().isEmpty()) {
      return null;
    }
    java.util.Comparator<Row> order = null;
    for (org.apache.calcite.rel.RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
      int field = fc.getFieldIndex();
      boolean descending = fc.getDirection().isDescending();
      boolean nullsFirst = fc.nullDirection == org.apache.calcite.rel.RelFieldCollation.NullDirection.FIRST
          || (fc.nullDirection == org.apache.calcite.rel.RelFieldCollation.NullDirection.UNSPECIFIED && descending);
      java.util.Comparator<Row> c = (a, b) -> {
        Comparable x = (Comparable) a.getField(field);
        Comparable y = (Comparable) b.getField(field);
        if (x == null || y == null) {
          return x == y ? 0 : (x == null) == nullsFirst ? -1 : 1;
        }
        int r = x.compareTo(y);
        return descending ? -r : r;
      };
      order = order == null ? c : order.thenComparing(c);
    }
    return order;
  }

  /** Submits a planned job; BATCH jobs first divide the memory budget among their batch operators. */
  private static JobClient submit(String name, Configuration jobConfig, List<Transformation<?>> sinks, boolean batch) {
    if (batch) {
      io.weir.sql.runtime.batch.BatchMemoryShares.assign(sinks, jobConfig);
    }
    return LocalExecutor.submit(new StreamGraph(name, jobConfig, sinks));
  }

  private Configuration jobConfig(boolean batch) {
    Configuration c = new Configuration(config);
    c.set(CoreOptions.RUNTIME_MODE, batch ? io.weir.core.config.RuntimeExecutionMode.BATCH
        : io.weir.core.config.RuntimeExecutionMode.STREAMING);
    return c;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() > 80 ? one.substring(0, 77) + "..." : one;
  }

  /** Plans an INSERT down to its sink transformation without running it. */
  private PendingInsert prepareInsert(SourcePos piece) {
    Physical p = physical(piece, insertScans);
    RelOptTable target = p.planned().targetTable();
    WeirSchema.ConnectorTable ct = target.unwrap(WeirSchema.ConnectorTable.class);
    if (ct == null) {
      throw piece.error(1, 1, "cannot INSERT INTO " + target.getQualifiedName() + ": only connector tables are writable");
    }
    CatalogTable table = ct.catalogTable();
    if (table.schema().hasComputedColumns()) {
      throw piece.error(1, 1, "cannot INSERT INTO " + table.name() + ": tables with computed columns are not writable yet");
    }
    DynamicTableSink sink;
    try {
      DynamicTableFactory f = FactoryUtil.find(table.name(), table.options(), classLoader);
      FactoryUtil.validate(table.name(), f, table.options());
      sink = f.createSink(new TableFactoryContext(table.name(), table.schema(), table.options(), config, classLoader,
          table.partitionKeys()));
    } catch (RuntimeException e) {
      throw piece.error(1, 1, e.getMessage());
    }
    if (p.root().updating() && !sink.acceptsUpdates()) {
      throw piece.error(1, 1, "table " + table.name() + " (connector '" + table.options().get("connector")
          + "') cannot take updates, but the query's " + p.root().updateProducer()
          + " operator produces an update/delete changelog (STREAMING mode)");
    }
    var t = new OneInputTransformation<>(p.root().transformation(), "Sink(" + table.name() + ")",
        new SinkWriterOperator<>(sink.createSink()), Types.VOID, -1);
    return new PendingInsert(piece.text(), t, table.name(), p.batch());
  }

  /**
   * Runs INSERTs as one job and waits for it. Each was physically planned for its own mode; in
   * AUTOMATIC mode a mix of bounded and unbounded inputs cannot share a job, so that set fails.
   */
  private JobClient runInsert(List<PendingInsert> inserts) {
    insertScans = new HashMap<>();
    boolean batch = inserts.get(0).batch();
    List<Transformation<?>> sinks = new ArrayList<>();
    for (PendingInsert p : inserts) {
      if (p.batch() != batch) {
        throw new IllegalStateException("INSERTs of one statement set must all run in the same mode, but '"
            + abbreviate(p.statement()) + "' was planned for " + (p.batch() ? "BATCH" : "STREAMING")
            + " and '" + abbreviate(inserts.get(0).statement()) + "' for " + (batch ? "BATCH" : "STREAMING")
            + "; set 'execution.runtime-mode' explicitly");
      }
      sinks.add(p.sink());
    }
    String name = "sql insert: " + String.join(", ", inserts.stream().map(PendingInsert::table).toList());
    JobClient client = submit(name, jobConfig(batch), sinks, batch);
    try {
      client.getJobExecutionResult().get();
    } catch (InterruptedException e) {
      client.cancel();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("INSERT interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("INSERT failed: " + cause.getMessage(), cause);
    }
    return client;
  }

  static final String HELP = String.join("\n",
      "Statements (end each with ';'):",
      "  CREATE TABLE t (col TYPE [NOT NULL], c AS expr, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,",
      "                  PRIMARY KEY (col) NOT ENFORCED) WITH ('connector' = '...', ...)",
      "  CREATE VIEW v AS SELECT ...        CREATE [TEMPORARY] FUNCTION f AS 'java.Class'",
      "  DROP TABLE|VIEW|FUNCTION [IF EXISTS] name",
      "  SELECT ... / INSERT INTO t SELECT ...   BEGIN STATEMENT SET; INSERT ...; END",
      "  SET ['key' = 'value']   RESET ['key']   SHOW TABLES|VIEWS|FUNCTIONS   DESCRIBE t   EXPLAIN <query>",
      "Options: execution.runtime-mode (streaming|batch|automatic), parallelism.default,",
      "  table.exec.state.ttl, table.exec.mini-batch.enabled");

  /** Visible for tests: the error type of user mistakes. */
  static boolean isUserError(Throwable t) {
    return t instanceof SqlErrorException;
  }

  Map<String, String> options() {
    return config.toMap();
  }
}
