package io.weir.benchmarks;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.codegen.CodeGenerator;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.planner.PhysicalPlanner;
import io.weir.sql.planner.SqlPlanner;
import io.weir.sql.runtime.functions.RowProjection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One projection, planned by the SQL planner, evaluated two ways: by the generated (Janino)
 * {@link RowProjection} the Calc operator uses, and by {@link Interpreter}, a naive tree-walking
 * evaluator over the same Calcite {@link RexNode}s (boxed values, a switch per node per row) —
 * the cost code generation exists to avoid.
 */
public final class ExprEval {
  private ExprEval() {}

  /** Arithmetic + CASE over nullable numbers, a string function chain, and mixed-type arithmetic. */
  public static final String QUERY = "SELECT "
      + "CASE WHEN a IS NULL THEN -1 WHEN a > 50 THEN a * 3 + b ELSE b - a END, "
      + "UPPER(SUBSTRING(s FROM 2 FOR 3)) || '-' || CAST(a AS STRING), "
      + "CHAR_LENGTH(s) + a * 2 "
      + "FROM e";

  /** The planned projection: expressions over the input row (a INT, b BIGINT, s STRING). */
  public record Projection(List<RexNode> exprs, RexBuilder rexBuilder) {
    public RowProjection generated() {
      return CodeGenerator.projection(rexBuilder, exprs, null);
    }

    public RowProjection interpreted() {
      return new Interpreter(exprs);
    }
  }

  public static Projection plan() {
    TableEnvironment env = SqlJobs.env(RuntimeExecutionMode.BATCH, 1);
    String id = ValuesData.register(List.of(Row.of(1, 2L, "x")));
    env.executeSql("CREATE TABLE e (a INT, b BIGINT, s STRING) WITH ('connector' = 'values', 'data-id' = '" + id + "')");
    SqlPlanner planner = new SqlPlanner(env.getCatalog());
    RelNode rel = PhysicalPlanner.toCalc(planner.plan(new SourcePos(QUERY, 0, QUERY.length())).optimized());
    if (!(rel instanceof LogicalCalc calc)) {
      throw new IllegalStateException("expected a Calc over the scan but the plan is\n" + SqlPlanner.explain(rel));
    }
    RexProgram program = calc.getProgram();
    List<RexNode> exprs = new ArrayList<>();
    program.getProjectList().forEach(ref -> exprs.add(program.expandLocalRef(ref)));
    return new Projection(exprs, calc.getCluster().getRexBuilder());
  }

  /** {@code n} rows (a INT, b BIGINT, s STRING), each field NULL with probability 1/10. */
  public static Row[] rows(int n, long seed) {
    Random r = new Random(seed);
    Row[] rows = new Row[n];
    for (int i = 0; i < n; i++) {
      Integer a = r.nextInt(10) == 0 ? null : r.nextInt(100);
      Long b = r.nextInt(10) == 0 ? null : (long) r.nextInt(1_000_000);
      String s = r.nextInt(10) == 0 ? null : "str" + Integer.toString(r.nextInt(1 << 20), 36);
      rows[i] = Row.of(a, b, s);
    }
    return rows;
  }

  /**
   * A straightforward interpreter: walks the RexNode tree for every row, values boxed, integer
   * arithmetic in long and converted to each node's type. Covers what {@link #QUERY} plans to.
   */
  static final class Interpreter implements RowProjection {
    private final RexNode[] exprs;

    Interpreter(List<RexNode> exprs) {
      this.exprs = exprs.toArray(new RexNode[0]);
    }

    @Override
    public Row apply(Row in) {
      Row out = new Row(exprs.length);
      for (int i = 0; i < exprs.length; i++) {
        out.setField(i, eval(exprs[i], in));
      }
      return out;
    }

    static Object eval(RexNode node, Row in) {
      if (node instanceof RexInputRef ref) {
        return in.getField(ref.getIndex());
      }
      if (node instanceof RexLiteral lit) {
        return literal(lit);
      }
      RexCall call = (RexCall) node;
      List<RexNode> ops = call.getOperands();
      switch (call.getKind()) {
        case CASE: {
          int n = ops.size();
          for (int i = 0; i + 1 < n; i += 2) {
            if (Boolean.TRUE.equals(eval(ops.get(i), in))) {
              return eval(ops.get(i + 1), in);
            }
          }
          return eval(ops.get(n - 1), in);
        }
        case IS_NULL:
          return eval(ops.get(0), in) == null;
        case IS_NOT_NULL:
          return eval(ops.get(0), in) != null;
        case AND: {
          boolean sawNull = false;
          for (RexNode op : ops) {
            Object v = eval(op, in);
            if (Boolean.FALSE.equals(v)) {
              return false;
            }
            sawNull |= v == null;
          }
          return sawNull ? null : Boolean.TRUE;
        }
        case OR: {
          boolean sawNull = false;
          for (RexNode op : ops) {
            Object v = eval(op, in);
            if (Boolean.TRUE.equals(v)) {
              return true;
            }
            sawNull |= v == null;
          }
          return sawNull ? null : Boolean.FALSE;
        }
        case NOT: {
          Object v = eval(ops.get(0), in);
          return v == null ? null : !(Boolean) v;
        }
        default:
          break;
      }
      Object[] args = new Object[ops.size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = eval(ops.get(i), in);
        if (args[i] == null) {
          return null; // every remaining operator is strict
        }
      }
      SqlTypeName type = call.getType().getSqlTypeName();
      switch (call.getKind()) {
        case PLUS:
          return number(((Number) args[0]).longValue() + ((Number) args[1]).longValue(), type);
        case MINUS:
          return number(((Number) args[0]).longValue() - ((Number) args[1]).longValue(), type);
        case TIMES:
          return number(((Number) args[0]).longValue() * ((Number) args[1]).longValue(), type);
        case GREATER_THAN:
          return compare(args[0], args[1]) > 0;
        case GREATER_THAN_OR_EQUAL:
          return compare(args[0], args[1]) >= 0;
        case LESS_THAN:
          return compare(args[0], args[1]) < 0;
        case LESS_THAN_OR_EQUAL:
          return compare(args[0], args[1]) <= 0;
        case EQUALS:
          return compare(args[0], args[1]) == 0;
        case NOT_EQUALS:
          return compare(args[0], args[1]) != 0;
        case CAST:
          return cast(args[0], type);
        default:
          break;
      }
      String name = call.getOperator().getName().toUpperCase(java.util.Locale.ROOT);
      switch (name) {
        case "||":
        case "CONCAT":
          return String.valueOf(args[0]) + args[1];
        case "UPPER":
          return ((String) args[0]).toUpperCase(java.util.Locale.ROOT);
        case "LOWER":
          return ((String) args[0]).toLowerCase(java.util.Locale.ROOT);
        case "CHAR_LENGTH":
        case "CHARACTER_LENGTH":
          return ((String) args[0]).length();
        case "SUBSTRING": {
          String s = (String) args[0];
          int from = Math.max(((Number) args[1]).intValue() - 1, 0);
          if (from >= s.length()) {
            return "";
          }
          int to = args.length > 2 ? Math.min(from + ((Number) args[2]).intValue(), s.length()) : s.length();
          return s.substring(from, Math.max(from, to));
        }
        default:
          throw new UnsupportedOperationException("interpreter does not support " + call);
      }
    }

    private static Object literal(RexLiteral lit) {
      if (lit.isNull()) {
        return null;
      }
      SqlTypeName t = lit.getType().getSqlTypeName();
      return switch (t) {
        case CHAR, VARCHAR -> lit.getValueAs(String.class);
        case BOOLEAN -> lit.getValueAs(Boolean.class);
        default -> number(lit.getValueAs(BigDecimal.class).longValue(), t);
      };
    }

    private static Object number(long v, SqlTypeName t) {
      return switch (t) {
        case TINYINT -> (byte) v;
        case SMALLINT -> (short) v;
        case INTEGER -> (int) v;
        case BIGINT -> v;
        default -> throw new UnsupportedOperationException("interpreter does not support numbers of type " + t);
      };
    }

    private static Object cast(Object v, SqlTypeName t) {
      return switch (t) {
        case CHAR, VARCHAR -> String.valueOf(v);
        case TINYINT, SMALLINT, INTEGER, BIGINT -> number(((Number) v).longValue(), t);
        default -> throw new UnsupportedOperationException("interpreter does not support CAST to " + t);
      };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
      if (a instanceof Number x && b instanceof Number y) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return ((Comparable) a).compareTo(b);
    }
  }
}
