package io.weir.sql.planner;

import io.weir.sql.catalog.Catalog;
import io.weir.sql.catalog.CatalogTable;
import io.weir.sql.catalog.Names;
import io.weir.sql.parser.FlinkIdentifiers;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.parser.SqlErrorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.Lex;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Parses (Calcite), validates, converts to relational algebra and optimizes queries of one
 * session. Errors are {@link SqlErrorException}s positioned in the user's script; unknown tables
 * and columns suggest the nearest name.
 */
public final class SqlPlanner {
  public static final SqlParser.Config PARSER_CONFIG = SqlParser.config()
      .withLex(Lex.JAVA)
      .withConformance(SqlConformanceEnum.LENIENT)
      .withIdentifierMaxLength(256);

  private final Catalog catalog;
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(WeirTypeSystem.INSTANCE);
  private final Map<String, CatalogTable> pending = new HashMap<>();

  public SqlPlanner(Catalog catalog) {
    this.catalog = catalog;
  }

  public JavaTypeFactory typeFactory() {
    return typeFactory;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** A validated, converted and optimized query. */
  public record PlannedQuery(SqlNode validated, RelNode logical, RelNode optimized, RelDataType rowType,
      SqlKind kind, RelOptTable targetTable) {}

  /** Makes a table's physical columns visible while its computed columns are validated. */
  public void withPending(CatalogTable t, Runnable r) {
    pending.put(t.name(), t);
    try {
      r.run();
    } finally {
      pending.remove(t.name());
    }
  }

  // ---------------------------------------------------------------- Calcite plumbing

  private final class Session implements RelOptTable.ViewExpander {
    final CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    final CalciteCatalogReader reader;
    final SqlOperatorTable opTab;
    final RelOptCluster cluster;

    Session() {
      WeirSchema schema = new WeirSchema(catalog, pending);
      for (String name : schema.getTableNames()) {
        root.add(name, schema.getTable(name));
      }
      root.add(WeirSchema.PHYSICAL_SCHEMA, schema.getSubSchema(WeirSchema.PHYSICAL_SCHEMA));
      // Flink's type names that Calcite's parser does not know: resolved as named types
      root.add("STRING", f -> f.createSqlType(org.apache.calcite.sql.type.SqlTypeName.VARCHAR, Integer.MAX_VALUE));
      root.add("BYTES", f -> f.createSqlType(org.apache.calcite.sql.type.SqlTypeName.VARBINARY, Integer.MAX_VALUE));
      Properties props = new Properties();
      props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
      reader = new CalciteCatalogReader(root, List.of(), typeFactory, new CalciteConnectionConfigImpl(props));
      opTab = WeirOperatorTable.create(UserFunctions.operators(catalog, typeFactory));
      VolcanoPlanner planner = new VolcanoPlanner();
      planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
      cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
    }

    SqlValidator validator() {
      return SqlValidatorUtil.newValidator(opTab, reader, typeFactory,
          SqlValidator.Config.DEFAULT
              .withConformance(SqlConformanceEnum.LENIENT)
              .withIdentifierExpansion(true)
              .withDefaultNullCollation(org.apache.calcite.config.NullCollation.LOW));
    }

    SqlToRelConverter converter(SqlValidator validator) {
      SqlToRelConverter.Config cfg = SqlToRelConverter.config()
          .withTrimUnusedFields(false)
          .withExpand(false)
          .withInSubQueryThreshold(Integer.MAX_VALUE)
          .withRelBuilderConfigTransform(c -> c.withSimplify(true));
      return new SqlToRelConverter(this, validator, reader, cluster, StandardConvertletTable.INSTANCE, cfg);
    }

    @Override
    public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath, List<String> viewPath) {
      SqlNode node;
      try {
        node = LegacyGroupWindows.rewrite(SqlParser.create(FlinkIdentifiers.quoteNonReserved(queryString), PARSER_CONFIG).parseQuery());
      } catch (SqlParseException e) {
        throw new IllegalStateException("stored SQL of " + viewPath + " no longer parses: " + e.getMessage(), e);
      }
      SqlValidator v = validator();
      SqlNode validated = v.validate(node);
      return converter(v).convertQuery(validated, true, false);
    }
  }

  // ---------------------------------------------------------------- entry points

  /** Parses a query or INSERT with Calcite; errors are positioned in the script. */
  public SqlNode parse(SourcePos piece) {
    try {
      return LegacyGroupWindows.rewrite(SqlParser.create(FlinkIdentifiers.quoteNonReserved(piece.text()), PARSER_CONFIG).parseStmt());
    } catch (SqlParseException e) {
      var pos = e.getPos();
      throw piece.error(pos.getLineNum(), pos.getColumnNum(), parseProblem(e));
    }
  }

  static String parseProblem(SqlParseException e) {
    String msg = e.getMessage() == null ? "syntax error" : e.getMessage();
    String first = msg.split("\n")[0].replaceAll(" at line \\d+, column \\d+\\.?", "").trim();
    if (first.startsWith("Encountered")) {
      List<String> expected = new ArrayList<>();
      if (e.getExpectedTokenNames() != null) {
        for (String t : e.getExpectedTokenNames()) {
          if (!t.startsWith("<") || t.equals("<IDENTIFIER>")) {
            expected.add(t);
          }
        }
      }
      first = "syntax error: " + first.replace("Encountered", "unexpected");
      if (!expected.isEmpty() && expected.size() <= 8) {
        first += " (expected " + String.join(", ", expected) + ")";
      }
    }
    return first;
  }

  /** Parses, validates and optimizes a query or INSERT. */
  public PlannedQuery plan(SourcePos piece) {
    return plan(piece, parse(piece));
  }

  public PlannedQuery plan(SourcePos piece, SqlNode parsed) {
    return plan(piece, parsed, true);
  }

  /** Parses, validates and optimizes with the session's options ({@link TableConfigOptions#TRIM_UNUSED_FIELDS}). */
  public PlannedQuery plan(SourcePos piece, io.weir.core.config.Configuration config) {
    return plan(piece, parse(piece),
        Boolean.parseBoolean(config.getString(TableConfigOptions.TRIM_UNUSED_FIELDS, "true")));
  }

  private PlannedQuery plan(SourcePos piece, SqlNode parsed, boolean trimUnusedFields) {
    Session s = new Session();
    SqlValidator validator = s.validator();
    SqlNode validated = validate(piece, validator, SessionPartitions.rewrite(piece, parsed), 0);
    SqlToRelConverter converter = s.converter(validator);
    RelRoot root = converter.convertQuery(validated, false, true);
    RelNode rel = root.rel;
    RelOptTable target = null;
    if (validated.getKind() == SqlKind.INSERT) {
      var modify = (org.apache.calcite.rel.core.TableModify) rel;
      target = modify.getTable();
      rel = modify.getInput();
    } else {
      rel = root.project();
    }
    RelNode logical = rel;
    RelNode optimized = optimize(rel, trimUnusedFields);
    return new PlannedQuery(validated, logical, optimized, optimized.getRowType(), validated.getKind(), target);
  }

  /** The row type of a query (for views and computed columns), validated with positions. */
  public RelDataType validateRowType(SourcePos piece, String prefix, String sql) {
    SqlNode parsed;
    try {
      parsed = LegacyGroupWindows.rewrite(SqlParser.create(FlinkIdentifiers.quoteNonReserved(sql), PARSER_CONFIG).parseQuery());
    } catch (SqlParseException e) {
      var pos = e.getPos();
      throw mapped(piece, prefix, pos.getLineNum(), pos.getColumnNum(), parseProblem(e));
    }
    Session s = new Session();
    SqlValidator v = s.validator();
    SqlNode validated = validate(piece, v, parsed, prefix.length());
    return v.getValidatedNodeType(validated);
  }

  private SqlNode validate(SourcePos piece, SqlValidator validator, SqlNode parsed, int prefixLength) {
    try {
      return validator.validate(parsed);
    } catch (CalciteContextException e) {
      String problem = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
      problem = suggest(problem, parsed);
      return throwMapped(piece, prefixLength, e.getPosLine(), e.getPosColumn(), problem);
    } catch (RuntimeException e) {
      if (e instanceof SqlErrorException) {
        throw e;
      }
      String problem = e.getMessage() == null ? e.toString() : e.getMessage();
      return throwMapped(piece, prefixLength, 1, prefixLength + 1, problem);
    }
  }

  private static SqlNode throwMapped(SourcePos piece, int prefixLength, int line, int col, String problem) {
    throw mapped(piece, " ".repeat(prefixLength), line, col, problem);
  }

  private static SqlErrorException mapped(SourcePos piece, String prefix, int line, int col, String problem) {
    if (line <= 1) {
      col = Math.max(1, col - prefix.length());
    }
    return piece.error(Math.max(1, line), col, problem);
  }

  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']+)' not found");
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']+)' not found");
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']+)' not found in (any table|table '([^']+)')");
  private static final Pattern FUNCTION_NOT_FOUND = Pattern.compile("No match found for function signature ([A-Za-z_0-9]+)\\(");

  /** Adds "did you mean ..." to Calcite's not-found messages. */
  private String suggest(String problem, SqlNode parsed) {
    Matcher m = OBJECT_NOT_FOUND.matcher(problem);
    if (!m.find()) {
      m = TABLE_NOT_FOUND.matcher(problem);
      if (!m.find()) {
        m = null;
      }
    }
    if (m != null) {
      String near = catalog.suggest(m.group(1));
      String p = "table '" + m.group(1) + "' not found";
      return near != null ? p + " (did you mean '" + near + "'?)" : p;
    }
    m = COLUMN_NOT_FOUND.matcher(problem);
    if (m.find()) {
      Set<String> candidates = new LinkedHashSet<>();
      String table = m.group(3);
      for (String rel : catalog.allRelationNames()) {
        if (table != null && !table.equals(rel) && !parsed.toString().contains(rel)) {
          continue;
        }
        if (table == null && !containsIdentifier(parsed.toString(), rel)) {
          continue;
        }
        catalog.getTable(rel).ifPresent(t -> candidates.addAll(t.schema().columnNames()));
        catalog.getView(rel).ifPresent(v -> candidates.addAll(v.schema().columnNames()));
      }
      String near = Names.nearest(m.group(1), candidates);
      String p = "column '" + m.group(1) + "' not found" + (table != null ? " in table '" + table + "'" : "");
      return near != null ? p + " (did you mean '" + near + "'?)" : p;
    }
    m = FUNCTION_NOT_FOUND.matcher(problem);
    if (m.find()) {
      return problem.replace("No match found for function signature", "unknown function or wrong argument types:");
    }
    return problem;
  }

  private static boolean containsIdentifier(String sql, String name) {
    return sql.contains("`" + name + "`") || Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(sql).find();
  }

  // ---------------------------------------------------------------- logical optimization

  /** The logical rewrites shared by both modes, unused fields trimmed. */
  public RelNode optimize(RelNode rel) {
    return optimize(rel, true);
  }

  /** The logical rewrites shared by both modes; {@code trimUnusedFields}: see {@link FieldTrimmer}. */
  public RelNode optimize(RelNode rel, boolean trimUnusedFields) {
    HepProgramBuilder subQueries = new HepProgramBuilder()
        .addRuleCollection(List.of(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
            CoreRules.JOIN_SUB_QUERY_TO_CORRELATE));
    HepPlanner hep = new HepPlanner(subQueries.build());
    hep.setRoot(rel);
    rel = hep.findBestExp();
    RelBuilder relBuilder = RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(rel.getCluster(), null);
    rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);

    List<RelOptRule> rewrite = List.of(
        CoreRules.FILTER_REDUCE_EXPRESSIONS, CoreRules.PROJECT_REDUCE_EXPRESSIONS, CoreRules.JOIN_REDUCE_EXPRESSIONS,
        CoreRules.FILTER_MERGE, CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.FILTER_INTO_JOIN,
        CoreRules.JOIN_CONDITION_PUSH, CoreRules.FILTER_AGGREGATE_TRANSPOSE, CoreRules.FILTER_SET_OP_TRANSPOSE,
        CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE, CoreRules.AGGREGATE_PROJECT_MERGE,
        CoreRules.UNION_MERGE, CoreRules.UNION_REMOVE, CoreRules.AGGREGATE_REMOVE,
        PruneEmptyRules.FILTER_INSTANCE, PruneEmptyRules.PROJECT_INSTANCE, PruneEmptyRules.UNION_INSTANCE,
        PruneEmptyRules.SORT_INSTANCE);
    HepProgramBuilder b = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
    b.addRuleCollection(rewrite);
    // set operations become aggregates the runtime knows
    b.addRuleCollection(List.of(CoreRules.UNION_TO_DISTINCT, CoreRules.INTERSECT_TO_DISTINCT, CoreRules.MINUS_TO_DISTINCT));
    b.addRuleCollection(rewrite);
    hep = new HepPlanner(b.build());
    hep.setRoot(rel);
    rel = hep.findBestExp();
    if (trimUnusedFields) {
      rel = FieldTrimmer.trimUnusedFields(rel);
      hep = new HepPlanner(new HepProgramBuilder()
          .addRuleCollection(List.of(CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE)).build());
      hep.setRoot(rel);
      rel = hep.findBestExp();
    }
    // OVER expressions become LogicalWindow nodes (one per window group) for the physical planner
    HepProgramBuilder over = new HepProgramBuilder()
        .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
        .addRuleCollection(List.of(CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE));
    hep = new HepPlanner(over.build());
    hep.setRoot(rel);
    return hep.findBestExp();
  }

  /** Calcite's textual plan. */
  public static String explain(RelNode rel) {
    return RelOptUtil.toString(rel).stripTrailing();
  }

  /** Names of a row type. */
  public static List<String> names(RelDataType t) {
    List<String> out = new ArrayList<>();
    for (RelDataTypeField f : t.getFieldList()) {
      out.add(f.getName());
    }
    return out;
  }
}
