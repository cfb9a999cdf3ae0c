package io.weir.sql.codegen;

import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.LogicalType.Kind;
import io.weir.sql.planner.TypeConversions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates Calcite {@link RexNode}s into Java statements over an input {@code Row in} (Janino
 * compiles them). Every value is a boxed object and SQL NULL is Java null; each sub-expression is
 * assigned to a fresh local so it is evaluated once, and CASE/AND/OR evaluate lazily. Literals that
 * are not simple Java constants are passed in {@link #refs()} so equal expression shapes share one
 * compiled class.
 */
public final class ExprCodeGenerator {
  private static final String F = "io.weir.sql.codegen.SqlFunctions";

  private final RexBuilder rexBuilder;
  private final List<Object> refs = new ArrayList<>();
  private StringBuilder code = new StringBuilder();
  private int counter;
  private final String inputVar;
  private List<RexNode> locals; // RexProgram expressions for RexLocalRef
  /** Common subexpressions: the local holding each deterministic expression already computed unconditionally. */
  private java.util.Map<RexNode, String> computed;
  /** How many lazily evaluated blocks (CASE branches, AND/OR/COALESCE tails) the code being emitted is in. */
  private int lazy;

  public ExprCodeGenerator(RexBuilder rexBuilder, String inputVar) {
    this.rexBuilder = rexBuilder;
    this.inputVar = inputVar;
  }

  public List<Object> refs() {
    return refs;
  }

  public String takeCode() {
    String c = code.toString();
    code = new StringBuilder();
    return c;
  }

  /**
   * Evaluates each deterministic sub-expression once: a later occurrence reuses the local of the
   * first one computed outside any lazily evaluated block. Only for callers that place all
   * {@link #takeCode() code} of this generator at the top level of one method, in order.
   */
  public ExprCodeGenerator reuseCommonSubexpressions() {
    computed = new java.util.HashMap<>();
    return this;
  }

  public void usePrograms(RexProgram program) {
    this.locals = program.getExprList();
  }

  private String fresh() {
    return "t" + (counter++);
  }

  private void emit(String line) {
    code.append("    ").append(line).append('\n');
  }

  static String javaType(LogicalType t) {
    return switch (t.kind()) {
      case BINARY, VARBINARY -> "byte[]";
      case NULL -> "java.lang.Object";
      default -> t.javaClass().getName();
    };
  }

  static LogicalType typeOf(RexNode n) {
    return TypeConversions.toLogicalType(n.getType());
  }

  /** A constant passed to the generated class (e.g. a function instance); returns the expression reading it. */
  public String constant(Object value, String javaType) {
    return ref(value, javaType);
  }

  private String ref(Object value, String javaType) {
    refs.add(value);
    return "((" + javaType + ") refs[" + (refs.size() - 1) + "])";
  }

  /** Generates code for {@code node}; returns the name of the local holding its (boxed, nullable) value. */
  public String gen(RexNode node) {
    if (computed == null || node instanceof RexLiteral || node instanceof RexLocalRef) {
      return genOnce(node);
    }
    String v = computed.get(node);
    if (v != null) {
      return v;
    }
    boolean unconditional = lazy == 0;
    v = genOnce(node);
    if (unconditional && RexUtil.isDeterministic(node)) {
      computed.put(node, v);
    }
    return v;
  }

  private String genOnce(RexNode node) {
    if (node instanceof RexCall c && c.getKind() == SqlKind.SEARCH) {
      return gen(RexUtil.expandSearch(rexBuilder, null, node));
    }
    if (node instanceof RexInputRef r) {
      String v = fresh();
      String jt = javaType(typeOf(r));
      emit(jt + " " + v + " = (" + jt + ") " + inputVar + ".getField(" + r.getIndex() + ");");
      return v;
    }
    if (node instanceof RexLocalRef l) {
      return gen(locals.get(l.getIndex()));
    }
    if (node instanceof RexLiteral lit) {
      return literal(lit);
    }
    if (node instanceof RexFieldAccess fa) {
      String row = gen(fa.getReferenceExpr());
      String jt = javaType(typeOf(fa));
      String v = fresh();
      emit(jt + " " + v + " = " + row + " == null ? null : (" + jt + ") " + row + ".getField("
          + fa.getField().getIndex() + ");");
      return v;
    }
    if (node instanceof RexCall call) {
      return call(call);
    }
    throw new UnsupportedOperationException("expression " + node + " is not supported");
  }

  private String literal(RexLiteral lit) {
    LogicalType t = typeOf(lit);
    String jt = javaType(t);
    String v = fresh();
    if (lit.isNull()) {
      emit(jt + " " + v + " = null;");
      return v;
    }
    Object value = literalValue(lit, t);
    if (value instanceof Boolean b) {
      emit(jt + " " + v + " = java.lang.Boolean." + (b ? "TRUE" : "FALSE") + ";");
    } else {
      emit(jt + " " + v + " = " + ref(value, jt) + ";");
    }
    return v;
  }

  /** The runtime value of a literal in Weir's representation. */
  public static Object literalValue(RexLiteral lit, LogicalType t) {
    if (lit.isNull()) {
      return null;
    }
    return switch (t.kind()) {
      case BOOLEAN -> lit.getValueAs(Boolean.class);
      case TINYINT -> lit.getValueAs(BigDecimal.class).byteValue();
      case SMALLINT -> lit.getValueAs(BigDecimal.class).shortValue();
      case INTEGER -> lit.getValueAs(BigDecimal.class).intValue();
      case BIGINT -> lit.getValueAs(BigDecimal.class).longValue();
      case FLOAT -> lit.getValueAs(BigDecimal.class).floatValue();
      case DOUBLE -> lit.getValueAs(BigDecimal.class).doubleValue();
      case DECIMAL -> lit.getValueAs(BigDecimal.class).setScale(t.scale(), java.math.RoundingMode.HALF_UP);
      case CHAR, VARCHAR -> lit.getValueAs(String.class);
      case BINARY, VARBINARY -> lit.getValueAs(ByteString.class).getBytes();
      case DATE -> LocalDate.ofEpochDay(lit.getValueAs(DateString.class).getDaysSinceEpoch());
      case TIME -> LocalTime.parse(lit.getValueAs(TimeString.class).toString());
      case TIMESTAMP -> LocalDateTime.parse(lit.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
      case TIMESTAMP_LTZ -> LocalDateTime.parse(lit.getValueAs(TimestampString.class).toString().replace(' ', 'T'))
          .toInstant(java.time.ZoneOffset.UTC);
      case INTERVAL_DAY_TIME -> lit.getValueAs(BigDecimal.class).longValue();
      case INTERVAL_YEAR_MONTH -> lit.getValueAs(BigDecimal.class).intValue();
      case NULL -> {
        Object o = lit.getValue();
        if (o instanceof NlsString s) {
          yield s.getValue();
        }
        yield o instanceof Enum<?> e ? e.name() : o;
      }
      default -> throw new UnsupportedOperationException("literal of type " + t + " is not supported");
    };
  }

  private static String symbol(RexNode n) {
    Object v = ((RexLiteral) n).getValue();
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    return String.valueOf(v);
  }

  /** Declares {@code v} of the call's type, null unless all {@code args} are non-null, then assigns {@code expr}. */
  private String strict(RexCall call, List<String> args, String expr) {
    String jt = javaType(typeOf(call));
    String v = fresh();
    emit(jt + " " + v + " = null;");
    StringBuilder cond = new StringBuilder();
    for (String a : args) {
      if (cond.length() > 0) {
        cond.append(" && ");
      }
      cond.append(a).append(" != null");
    }
    if (cond.length() == 0) {
      emit(v + " = (" + jt + ") " + expr + ";");
    } else {
      emit("if (" + cond + ") { " + v + " = " + box(jt, expr) + "; }");
    }
    return v;
  }

  private static String box(String jt, String expr) {
    return switch (jt) {
      case "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short",
          "java.lang.Byte", "java.lang.Boolean" -> jt + ".valueOf(" + expr + ")";
      default -> "(" + jt + ") (" + expr + ")";
    };
  }

  private List<String> genAll(List<RexNode> operands) {
    List<String> out = new ArrayList<>();
    for (RexNode o : operands) {
      out.add(gen(o));
    }
    return out;
  }

  private static String num(String v, String prim) {
    return "((java.lang.Number) " + v + ")." + prim + "Value()";
  }

  private static String prim(LogicalType t) {
    return switch (t.kind()) {
      case TINYINT -> "byte";
      case SMALLINT -> "short";
      case INTEGER, INTERVAL_YEAR_MONTH -> "int";
      case BIGINT, INTERVAL_DAY_TIME -> "long";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      default -> null;
    };
  }

  private String call(RexCall call) {
    SqlKind kind = call.getKind();
    List<RexNode> ops = call.getOperands();
    LogicalType rt = typeOf(call);
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    switch (kind) {
      case AND:
      case OR:
        return logical(call, kind == SqlKind.AND);
      case NOT: {
        String a = gen(ops.get(0));
        return strict(call, List.of(a), "!" + a + ".booleanValue()");
      }
      case IS_NULL:
      case IS_NOT_NULL: {
        String a = gen(ops.get(0));
        String v = fresh();
        emit("java.lang.Boolean " + v + " = java.lang.Boolean.valueOf(" + a + (kind == SqlKind.IS_NULL ? " == null" : " != null") + ");");
        return v;
      }
      case IS_TRUE:
      case IS_NOT_TRUE:
      case IS_FALSE:
      case IS_NOT_FALSE: {
        String a = gen(ops.get(0));
        String v = fresh();
        String test = switch (kind) {
          case IS_TRUE -> a + " != null && " + a + ".booleanValue()";
          case IS_NOT_TRUE -> a + " == null || !" + a + ".booleanValue()";
          case IS_FALSE -> a + " != null && !" + a + ".booleanValue()";
          default -> a + " == null || " + a + ".booleanValue()";
        };
        emit("java.lang.Boolean " + v + " = java.lang.Boolean.valueOf(" + test + ");");
        return v;
      }
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL: {
        List<String> a = genAll(ops);
        String cmp = switch (kind) {
          case EQUALS -> F + ".equal(" + a.get(0) + ", " + a.get(1) + ")";
          case NOT_EQUALS -> "!" + F + ".equal(" + a.get(0) + ", " + a.get(1) + ")";
          case LESS_THAN -> F + ".compare(" + a.get(0) + ", " + a.get(1) + ") < 0";
          case LESS_THAN_OR_EQUAL -> F + ".compare(" + a.get(0) + ", " + a.get(1) + ") <= 0";
          case GREATER_THAN -> F + ".compare(" + a.get(0) + ", " + a.get(1) + ") > 0";
          default -> F + ".compare(" + a.get(0) + ", " + a.get(1) + ") >= 0";
        };
        return strict(call, a, cmp);
      }
      case IS_DISTINCT_FROM:
      case IS_NOT_DISTINCT_FROM: {
        List<String> a = genAll(ops);
        String v = fresh();
        String same = "(" + a.get(0) + " == null ? " + a.get(1) + " == null : (" + a.get(1) + " != null && " + F
            + ".equal(" + a.get(0) + ", " + a.get(1) + ")))";
        emit("java.lang.Boolean " + v + " = java.lang.Boolean.valueOf(" + (kind == SqlKind.IS_DISTINCT_FROM ? "!" : "") + same + ");");
        return v;
      }
      case CASE:
        return caseWhen(call);
      case COALESCE: {
        String jt = javaType(rt);
        String v = fresh();
        emit(jt + " " + v + " = null;");
        StringBuilder close = new StringBuilder();
        for (RexNode o : ops) {
          String a = gen(o);
          emit(v + " = " + convert(a, typeOf(o), rt) + ";");
          emit("if (" + v + " == null) {");
          lazy++;
          close.append('}');
        }
        emit(close.toString());
        lazy -= ops.size();
        return v;
      }
      case CAST:
      case SAFE_CAST: {
        String a = gen(ops.get(0));
        LogicalType from = typeOf(ops.get(0));
        if (kind == SqlKind.SAFE_CAST || name.equals("TRY_CAST")) {
          String jt = javaType(rt);
          String v = fresh();
          emit(jt + " " + v + " = null;");
          emit("try { " + v + " = " + a + " == null ? null : " + castExpr(a, from, rt) + "; } catch (java.lang.RuntimeException e) { " + v + " = null; }");
          return v;
        }
        return strict(call, List.of(a), castExpr(a, from, rt));
      }
      case REINTERPRET:
        return gen(ops.get(0));
      case PLUS:
      case MINUS:
      case TIMES:
      case DIVIDE:
      case MOD:
        return arithmetic(call, kind);
      case MINUS_PREFIX: {
        String a = gen(ops.get(0));
        if (rt.kind() == Kind.DECIMAL) {
          return strict(call, List.of(a), a + ".negate()");
        }
        String p = prim(rt);
        return strict(call, List.of(a), "(" + p + ") -" + num(a, p));
      }
      case PLUS_PREFIX:
        return gen(ops.get(0));
      case LIKE: {
        List<String> a = genAll(ops);
        String esc = a.size() > 2 ? a.get(2) : "null";
        return strict(call, a, (call.getOperator().getName().startsWith("NOT") ? "!" : "") + F + ".like(" + a.get(0) + ", " + a.get(1) + ", " + esc + ")");
      }
      case SIMILAR: {
        List<String> a = genAll(ops);
        String esc = a.size() > 2 ? a.get(2) : "null";
        return strict(call, a, (call.getOperator().getName().startsWith("NOT") ? "!" : "") + F + ".similar(" + a.get(0) + ", " + a.get(1) + ", " + esc + ")");
      }
      case TRIM: {
        String flag = symbol(ops.get(0));
        String chars = gen(ops.get(1));
        String s = gen(ops.get(2));
        return strict(call, List.of(chars, s), F + ".trim(\"" + flag + "\", " + chars + ", " + s + ")");
      }
      case POSITION: {
        List<String> a = genAll(ops);
        if (a.size() == 3) {
          return strict(call, a, F + ".position(" + a.get(0) + ", " + a.get(1) + ", " + num(a.get(2), "int") + ")");
        }
        return strict(call, a, F + ".position(" + a.get(0) + ", " + a.get(1) + ")");
      }
      case EXTRACT: {
        String unit = symbol(ops.get(0));
        String a = gen(ops.get(1));
        String e = F + ".extract(\"" + unit + "\", " + a + ")";
        return strict(call, List.of(a), rt.kind() == Kind.BIGINT ? e : "(" + prim(rt) + ") " + e);
      }
      case FLOOR:
      case CEIL: {
        String fn = kind == SqlKind.FLOOR ? "floor" : "ceil";
        if (ops.size() == 2) {
          String a = gen(ops.get(0));
          String unit = symbol(ops.get(1));
          return strict(call, List.of(a), F + "." + fn + "(" + a + ", \"" + unit + "\")");
        }
        String a = gen(ops.get(0));
        return switch (rt.kind()) {
          case DECIMAL -> strict(call, List.of(a), F + "." + fn + "(" + F + ".toDecimal(" + a + "))");
          case DOUBLE -> strict(call, List.of(a), "java.lang.Math." + fn + "(" + num(a, "double") + ")");
          case FLOAT -> strict(call, List.of(a), "(float) java.lang.Math." + fn + "(" + num(a, "double") + ")");
          default -> strict(call, List.of(a), convertPrim(a, rt));
        };
      }
      case ITEM: {
        List<String> a = genAll(ops);
        return strict(call, a, F + ".item(" + a.get(0) + ", " + a.get(1) + ")");
      }
      case ROW: {
        List<String> a = genAll(ops);
        String v = fresh();
        emit("io.weir.core.types.Row " + v + " = new io.weir.core.types.Row(" + a.size() + ");");
        for (int i = 0; i < a.size(); i++) {
          emit(v + ".setField(" + i + ", " + a.get(i) + ");");
        }
        return v;
      }
      case ARRAY_VALUE_CONSTRUCTOR:
      case MAP_VALUE_CONSTRUCTOR: {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
          LogicalType elem = kind == SqlKind.ARRAY_VALUE_CONSTRUCTOR ? rt.children().get(0) : rt.children().get(i % 2);
          a.add(convert(gen(ops.get(i)), typeOf(ops.get(i)), elem));
        }
        String v = fresh();
        emit(javaType(rt) + " " + v + " = " + F + "." + (kind == SqlKind.ARRAY_VALUE_CONSTRUCTOR ? "list" : "map")
            + "(new java.lang.Object[] {" + String.join(", ", a) + "});");
        return v;
      }
      case TIMESTAMP_ADD: {
        String unit = symbol(ops.get(0));
        List<String> a = genAll(ops.subList(1, 3));
        return strict(call, a, F + ".timestampAdd(\"" + unit + "\", " + num(a.get(0), "long") + ", " + a.get(1) + ")");
      }
      case TIMESTAMP_DIFF: {
        String unit = symbol(ops.get(0));
        List<String> a = genAll(ops.subList(1, 3));
        String e = F + ".timestampDiff(\"" + unit + "\", " + a.get(0) + ", " + a.get(1) + ")";
        return strict(call, a, rt.kind() == Kind.BIGINT ? e : "(int) " + e);
      }
      case GREATEST:
      case LEAST: {
        List<String> a = genAll(ops);
        String jt = javaType(rt);
        String v = fresh();
        emit(jt + " " + v + " = null;");
        StringBuilder cond = new StringBuilder();
        for (String x : a) {
          cond.append(cond.length() > 0 ? " && " : "").append(x).append(" != null");
        }
        emit("if (" + cond + ") {");
        emit(v + " = " + convert(a.get(0), typeOf(ops.get(0)), rt) + ";");
        for (int i = 1; i < a.size(); i++) {
          String ci = convert(a.get(i), typeOf(ops.get(i)), rt);
          emit("if (" + F + ".compare(" + ci + ", " + v + ") " + (kind == SqlKind.GREATEST ? ">" : "<") + " 0) { " + v + " = " + ci + "; }");
        }
        emit("}");
        return v;
      }
      default:
        break;
    }
    return function(call, name, rt);
  }

  private String function(RexCall call, String name, LogicalType rt) {
    List<RexNode> ops = call.getOperands();
    switch (name) {
      case "||":
      case "CONCAT": {
        List<String> a = genAll(ops);
        StringBuilder e = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
          e.append(i > 0 ? " + " : "").append(F).append(".toStr(").append(a.get(i)).append(")");
        }
        return strict(call, a, e.toString());
      }
      case "SUBSTRING": {
        List<String> a = genAll(ops);
        if (a.size() == 2) {
          return strict(call, a, F + ".substring(" + a.get(0) + ", " + num(a.get(1), "long") + ")");
        }
        return strict(call, a, F + ".substring(" + a.get(0) + ", " + num(a.get(1), "long") + ", " + num(a.get(2), "long") + ")");
      }
      // Locale.ROOT: SQL's case mapping must not depend on the JVM's locale (Turkish dotless i)
      case "UPPER":
        return unary(call, "%s.toUpperCase(java.util.Locale.ROOT)");
      case "LOWER":
        return unary(call, "%s.toLowerCase(java.util.Locale.ROOT)");
      case "INITCAP":
        return unary(call, F + ".initcap(%s)");
      case "CHAR_LENGTH":
      case "CHARACTER_LENGTH":
        return unary(call, "%s.length()");
      case "REPLACE": {
        List<String> a = genAll(ops);
        return strict(call, a, F + ".replace(" + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ")");
      }
      case "REGEXP": {
        List<String> a = genAll(ops);
        return strictNullable(call, a, F + ".regexp(" + a.get(0) + ", " + a.get(1) + ")");
      }
      case "REGEXP_EXTRACT": {
        List<String> a = genAll(ops);
        String idx = a.size() > 2 ? num(a.get(2), "int") : "0";
        return strictNullable(call, a, F + ".regexpExtract(" + a.get(0) + ", " + a.get(1) + ", " + idx + ")");
      }
      case "REGEXP_REPLACE": {
        List<String> a = genAll(ops);
        return strictNullable(call, a, F + ".regexpReplace(" + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ")");
      }
      case "SPLIT_INDEX": {
        List<String> a = genAll(ops);
        return strictNullable(call, a, F + ".splitIndex(" + a.get(0) + ", " + a.get(1) + ", " + num(a.get(2), "int") + ")");
      }
      case "REPEAT": {
        List<String> a = genAll(ops);
        return strict(call, a, F + ".repeat(" + a.get(0) + ", " + num(a.get(1), "int") + ")");
      }
      case "LPAD":
      case "RPAD": {
        List<String> a = genAll(ops);
        String pad = a.size() > 2 ? a.get(2) : "\" \"";
        return strictNullable(call, a, F + "." + name.toLowerCase(Locale.ROOT) + "(" + a.get(0) + ", " + num(a.get(1), "int") + ", " + pad + ")");
      }
      case "DATE_FORMAT": {
        List<String> a = genAll(ops);
        if (ops.get(1) instanceof RexLiteral p && p.getValueAs(String.class) != null) {
          String f = constant(new SqlFunctions.DateFormatter(p.getValueAs(String.class)), F + ".DateFormatter");
          return strict(call, List.of(a.get(0)), f + ".format(" + a.get(0) + ")");
        }
        return strict(call, a, F + ".dateFormat(" + a.get(0) + ", " + a.get(1) + ")");
      }
      case "TO_TIMESTAMP": {
        List<String> a = genAll(ops);
        return strictNullable(call, a, F + ".toTimestamp(" + String.join(", ", a) + ")");
      }
      case "CURRENT_TIMESTAMP":
      case "LOCALTIMESTAMP":
      case "PROCTIME":
      case "NOW": {
        String v = fresh();
        boolean ltz = rt.kind() == Kind.TIMESTAMP_LTZ;
        emit(javaType(rt) + " " + v + " = " + F + (ltz ? ".currentInstant()" : ".currentTimestamp()") + ";");
        return v;
      }
      case "CURRENT_DATE": {
        String v = fresh();
        emit("java.time.LocalDate " + v + " = " + F + ".currentDate();");
        return v;
      }
      case "CURRENT_TIME":
      case "LOCALTIME": {
        String v = fresh();
        emit("java.time.LocalTime " + v + " = " + F + ".currentTime();");
        return v;
      }
      case "ABS": {
        String a = gen(ops.get(0));
        if (rt.kind() == Kind.DECIMAL) {
          return strict(call, List.of(a), F + ".toDecimal(" + a + ").abs()");
        }
        String p = prim(rt);
        return strict(call, List.of(a), "(" + p + ") java.lang.Math.abs(" + num(a, p) + ")");
      }
      case "SIGN": {
        String a = gen(ops.get(0));
        if (rt.kind() == Kind.DECIMAL) {
          return strict(call, List.of(a), "java.math.BigDecimal.valueOf(" + F + ".toDecimal(" + a + ").signum())");
        }
        String p = prim(rt);
        return strict(call, List.of(a), "(" + p + ") java.lang.Math.signum(" + num(a, "double") + ")");
      }
      case "POWER":
      case "POW": {
        List<String> a = genAll(ops);
        return strict(call, a, "java.lang.Math.pow(" + num(a.get(0), "double") + ", " + num(a.get(1), "double") + ")");
      }
      case "SQRT":
        return unaryDouble(call, "java.lang.Math.sqrt(%s)");
      case "EXP":
        return unaryDouble(call, "java.lang.Math.exp(%s)");
      case "LN":
        return nullableDouble(call, F + ".ln(%s)");
      case "LOG10":
        return nullableDouble(call, F + ".log10(%s)");
      case "LOG": {
        List<String> a = genAll(ops);
        if (a.size() == 1) {
          return strictNullable(call, a, F + ".ln(" + num(a.get(0), "double") + ")");
        }
        return strictNullable(call, a, F + ".log(" + num(a.get(0), "double") + ", " + num(a.get(1), "double") + ")");
      }
      case "SIN":
      case "COS":
      case "TAN":
      case "ASIN":
      case "ACOS":
      case "ATAN":
      case "SINH":
      case "COSH":
      case "TANH":
      case "CBRT":
        return unaryDouble(call, "java.lang.Math." + name.toLowerCase(Locale.ROOT) + "(%s)");
      case "DEGREES":
        return unaryDouble(call, "java.lang.Math.toDegrees(%s)");
      case "RADIANS":
        return unaryDouble(call, "java.lang.Math.toRadians(%s)");
      case "ATAN2": {
        List<String> a = genAll(ops);
        return strict(call, a, "java.lang.Math.atan2(" + num(a.get(0), "double") + ", " + num(a.get(1), "double") + ")");
      }
      case "PI": {
        String v = fresh();
        emit("java.lang.Double " + v + " = java.lang.Double.valueOf(java.lang.Math.PI);");
        return v;
      }
      case "RAND": {
        String v = fresh();
        emit("java.lang.Double " + v + " = java.lang.Double.valueOf(java.lang.Math.random());");
        return v;
      }
      case "ROUND":
      case "TRUNCATE": {
        List<String> a = genAll(ops);
        String digits = a.size() > 1 ? num(a.get(1), "int") : "0";
        String fn = name.equals("ROUND") ? "round" : "truncate";
        return switch (rt.kind()) {
          case DECIMAL -> strict(call, a, F + "." + fn + "(" + F + ".toDecimal(" + a.get(0) + "), " + digits + ")");
          case DOUBLE -> strict(call, a, F + "." + fn + "(" + num(a.get(0), "double") + ", " + digits + ")");
          case FLOAT -> strict(call, a, "(float) " + F + "." + fn + "(" + num(a.get(0), "double") + ", " + digits + ")");
          default -> strict(call, a, "(" + prim(rt) + ") " + (fn.equals("round") ? F + ".round(" + num(a.get(0), "long") + ", " + digits + ")" : num(a.get(0), "long")));
        };
      }
      case "CARDINALITY":
        return unary(call, F + ".cardinality(%s)");
      case "IFNULL":
      case "NVL": {
        String jt = javaType(rt);
        String a = gen(ops.get(0));
        String v = fresh();
        emit(jt + " " + v + " = " + convert(a, typeOf(ops.get(0)), rt) + ";");
        emit("if (" + v + " == null) {");
        lazy++;
        String b = gen(ops.get(1));
        emit(v + " = " + convert(b, typeOf(ops.get(1)), rt) + ";");
        emit("}");
        lazy--;
        return v;
      }
      default:
        if (call.getOperator() instanceof UserFunctionOperator u) {
          return userScalarCall(call, u.definition());
        }
        throw new UnsupportedOperationException("function " + call.getOperator().getName() + " is not supported");
    }
  }

  private String unary(RexCall call, String template) {
    String a = gen(call.getOperands().get(0));
    return strict(call, List.of(a), String.format(template, a));
  }

  private String unaryDouble(RexCall call, String template) {
    String a = gen(call.getOperands().get(0));
    return strict(call, List.of(a), String.format(template, num(a, "double")));
  }

  private String nullableDouble(RexCall call, String template) {
    String a = gen(call.getOperands().get(0));
    return strictNullable(call, List.of(a), String.format(template, num(a, "double")));
  }

  /** Like {@link #strict} but the expression itself may yield null (returns a boxed value). */
  private String strictNullable(RexCall call, List<String> args, String expr) {
    String jt = javaType(typeOf(call));
    String v = fresh();
    emit(jt + " " + v + " = null;");
    StringBuilder cond = new StringBuilder();
    for (String a : args) {
      cond.append(cond.length() > 0 ? " && " : "").append(a).append(" != null");
    }
    emit((cond.length() > 0 ? "if (" + cond + ") " : "") + "{ " + v + " = (" + jt + ") " + expr + "; }");
    return v;
  }

  private String logical(RexCall call, boolean and) {
    // three-valued: AND is FALSE if any operand is FALSE, else NULL if any is NULL, else TRUE (OR dually)
    String v = fresh();
    String decided = and ? "java.lang.Boolean.FALSE" : "java.lang.Boolean.TRUE";
    String sawNull = fresh();
    emit("java.lang.Boolean " + v + " = " + decided + ";");
    emit("boolean " + sawNull + " = false;");
    StringBuilder close = new StringBuilder();
    for (RexNode o : call.getOperands()) {
      String a = gen(o);
      emit("if (" + a + " == null) { " + sawNull + " = true; }");
      emit("if (" + a + " == null || " + (and ? "" : "!") + a + ".booleanValue()) {");
      lazy++;
      close.append('}');
    }
    emit(v + " = " + sawNull + " ? null : " + (and ? "java.lang.Boolean.TRUE" : "java.lang.Boolean.FALSE") + ";");
    emit(close.toString());
    lazy -= call.getOperands().size();
    return v;
  }

  private String caseWhen(RexCall call) {
    LogicalType rt = typeOf(call);
    String jt = javaType(rt);
    String v = fresh();
    emit(jt + " " + v + " = null;");
    List<RexNode> ops = call.getOperands();
    StringBuilder close = new StringBuilder();
    int i = 0;
    for (; i + 1 < ops.size(); i += 2) {
      String c = gen(ops.get(i));
      emit("if (" + c + " != null && " + c + ".booleanValue()) {");
      lazy++;
      String r = gen(ops.get(i + 1));
      emit(v + " = " + convert(r, typeOf(ops.get(i + 1)), rt) + ";");
      emit("} else {");
      close.append('}');
    }
    if (i < ops.size()) {
      String r = gen(ops.get(i));
      emit(v + " = " + convert(r, typeOf(ops.get(i)), rt) + ";");
    }
    emit(close.toString());
    lazy -= close.length();
    return v;
  }

  private String arithmetic(RexCall call, SqlKind kind) {
    LogicalType rt = typeOf(call);
    List<RexNode> ops = call.getOperands();
    List<String> a = genAll(ops);
    LogicalType t0 = typeOf(ops.get(0));
    LogicalType t1 = typeOf(ops.get(1));
    if (isTemporal(t0) || isTemporal(t1)) {
      // datetime +/- interval
      boolean leftTime = isTemporal(t0);
      String time = leftTime ? a.get(0) : a.get(1);
      LogicalType it = leftTime ? t1 : t0;
      String interval = leftTime ? a.get(1) : a.get(0);
      String sign = kind == SqlKind.MINUS ? "-" : "";
      String e = it.kind() == Kind.INTERVAL_YEAR_MONTH
          ? F + ".plusMonths(" + time + ", " + sign + num(interval, "int") + ")"
          : F + ".plusMillis(" + time + ", " + sign + num(interval, "long") + ")";
      return strict(call, a, e);
    }
    String op = switch (kind) {
      case PLUS -> "+";
      case MINUS -> "-";
      case TIMES -> "*";
      case DIVIDE -> "/";
      default -> "%";
    };
    if (rt.kind() == Kind.DECIMAL) {
      String x = F + ".toDecimal(" + a.get(0) + ")";
      String y = F + ".toDecimal(" + a.get(1) + ")";
      String e = switch (kind) {
        case PLUS -> x + ".add(" + y + ")";
        case MINUS -> x + ".subtract(" + y + ")";
        case TIMES -> x + ".multiply(" + y + ")";
        case DIVIDE -> null;
        default -> F + ".mod(" + x + ", " + y + ")";
      };
      if (e == null) {
        return strictNullable(call, a, F + ".divide(" + x + ", " + y + ", " + rt.precision() + ", " + rt.scale() + ")");
      }
      return strictNullable(call, a, F + ".decimal(" + e + ", " + rt.precision() + ", " + rt.scale() + ")");
    }
    String p = prim(rt);
    if (p == null) {
      throw new UnsupportedOperationException("arithmetic on " + rt + " is not supported");
    }
    // computed in the result type: overflow wraps like Java/Flink; integer division by zero throws
    String compute = p.equals("byte") || p.equals("short") ? "int" : p;
    return strict(call, a, "(" + p + ") (" + num(a.get(0), compute) + " " + op + " " + num(a.get(1), compute) + ")");
  }

  private static boolean isTemporal(LogicalType t) {
    return switch (t.kind()) {
      case DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ -> true;
      default -> false;
    };
  }

  private static String convertPrim(String v, LogicalType to) {
    return "(" + prim(to) + ") " + num(v, prim(to).equals("byte") || prim(to).equals("short") ? "int" : prim(to));
  }

  /** Converts a value of one type to the Java class of another (numeric widening etc.) without SQL cast semantics. */
  String convert(String v, LogicalType from, LogicalType to) {
    if (from.javaClass() == to.javaClass() || to.kind() == Kind.NULL) {
      return v;
    }
    if (from.kind() == Kind.NULL) {
      return "(" + javaType(to) + ") null";
    }
    return "(" + v + " == null ? null : " + castExpr(v, from, to) + ")";
  }

  /** Java expression converting non-null {@code v} (type {@code from}) to {@code to} with CAST semantics. */
  String castExpr(String v, LogicalType from, LogicalType to) {
    String jt = javaType(to);
    Kind fk = from.kind();
    boolean fromNumeric = prim(from) != null || fk == Kind.DECIMAL;
    boolean fromString = fk == Kind.CHAR || fk == Kind.VARCHAR;
    switch (to.kind()) {
      case BOOLEAN:
        if (fromString) {
          return F + ".parseBoolean(" + v + ")";
        }
        if (fromNumeric) {
          return "java.lang.Boolean.valueOf(" + F + ".compareNumbers((java.lang.Number) " + v + ", java.lang.Integer.valueOf(0)) != 0)";
        }
        return "(java.lang.Boolean) " + v;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case FLOAT:
      case DOUBLE:
      case INTERVAL_DAY_TIME:
      case INTERVAL_YEAR_MONTH: {
        String p = prim(to);
        String boxed = to.javaClass().getName();
        if (fromString) {
          String parsed = switch (p) {
            case "double", "float" -> "java.lang.Double.parseDouble(" + v + ".trim())";
            default -> "new java.math.BigDecimal(" + v + ".trim()).setScale(0, java.math.RoundingMode.DOWN).longValueExact()";
          };
          return boxed + ".valueOf((" + p + ") " + parsed + ")";
        }
        if (fk == Kind.BOOLEAN) {
          return boxed + ".valueOf((" + p + ") (" + v + ".booleanValue() ? 1 : 0))";
        }
        if (fk == Kind.TIMESTAMP || fk == Kind.TIMESTAMP_LTZ) {
          return boxed + ".valueOf((" + p + ") (" + F + ".toEpochMillis(" + v + ") / 1000))";
        }
        return boxed + ".valueOf(" + convertPrim(v, to) + ")";
      }
      case DECIMAL:
        return F + ".decimal(" + F + ".toDecimal(" + v + "), " + to.precision() + ", " + to.scale() + ")";
      case CHAR:
      case VARCHAR: {
        String s = fromString ? "(java.lang.String) " + v : F + ".toStr(" + v + ")";
        if (to.precision() < LogicalType.MAX_LENGTH && !fromString) {
          return F + ".fitString(" + s + ", " + to.precision() + ", " + (to.kind() == Kind.CHAR) + ")";
        }
        if (to.kind() == Kind.CHAR && fromString && from.kind() != Kind.CHAR) {
          return F + ".fitString(" + s + ", " + to.precision() + ", true)";
        }
        return s;
      }
      case BINARY:
      case VARBINARY:
        if (fromString) {
          return "((java.lang.String) " + v + ").getBytes(java.nio.charset.StandardCharsets.UTF_8)";
        }
        return "(byte[]) " + v;
      case DATE:
        if (fromString) {
          return F + ".parseDate(" + v + ")";
        }
        if (fk == Kind.TIMESTAMP) {
          return "((java.time.LocalDateTime) " + v + ").toLocalDate()";
        }
        if (fk == Kind.TIMESTAMP_LTZ) {
          return F + ".toTimestamp((java.time.Instant) " + v + ").toLocalDate()";
        }
        return "(java.time.LocalDate) " + v;
      case TIME:
        if (fromString) {
          return F + ".parseTime(" + v + ")";
        }
        if (fk == Kind.TIMESTAMP) {
          return "((java.time.LocalDateTime) " + v + ").toLocalTime()";
        }
        return "(java.time.LocalTime) " + v;
      case TIMESTAMP:
        if (fromString) {
          return F + ".truncateTimestamp(" + F + ".parseTimestamp(" + v + "), " + to.precision() + ")";
        }
        if (fk == Kind.DATE) {
          return "((java.time.LocalDate) " + v + ").atStartOfDay()";
        }
        if (fk == Kind.TIMESTAMP_LTZ) {
          return F + ".toTimestamp((java.time.Instant) " + v + ")";
        }
        if (fk == Kind.TIMESTAMP) {
          return F + ".truncateTimestamp((java.time.LocalDateTime) " + v + ", " + to.precision() + ")";
        }
        if (fromNumeric) {
          return F + ".toTimestamp(java.time.Instant.ofEpochSecond(" + num(v, "long") + "))";
        }
        return "(java.time.LocalDateTime) " + v;
      case TIMESTAMP_LTZ:
        if (fromString) {
          return F + ".parseInstant(" + v + ")";
        }
        if (fk == Kind.TIMESTAMP) {
          return F + ".toInstant((java.time.LocalDateTime) " + v + ")";
        }
        if (fk == Kind.DATE) {
          return F + ".toInstant(((java.time.LocalDate) " + v + ").atStartOfDay())";
        }
        if (fromNumeric) {
          return "java.time.Instant.ofEpochSecond(" + num(v, "long") + ")";
        }
        return "(java.time.Instant) " + v;
      default:
        return "(" + jt + ") " + v;
    }
  }
  // ---------------------------------------------------------------- user functions

  /** A scalar UDF call: the eval overload chosen by the operand types, on the instance in refs. */
  private String userScalarCall(RexCall call, io.weir.sql.functions.FunctionDefinition d) {
    List<LogicalType> types = new ArrayList<>();
    call.getOperands().forEach(o -> types.add(operandType(o)));
    java.lang.reflect.Method m = d.resolveOrFail(types);
    String inst = ref(d.newInstance(), d.functionClass().getCanonicalName());
    String[] guardAndCall = userInvoke(inst, d, m, call.getOperands(), types);
    LogicalType rt = typeOf(call);
    String jt = javaType(rt);
    String v = fresh();
    emit(jt + " " + v + " = null;");
    Class<?> r = m.getReturnType();
    String result = r.isPrimitive()
        ? io.weir.sql.functions.FunctionDefinition.boxed(r).getName() + ".valueOf(" + guardAndCall[1] + ")"
        : guardAndCall[1];
    String assign = v + " = (" + jt + ") " + result + ";";
    emit(guardAndCall[0].isEmpty() ? assign : "if (" + guardAndCall[0] + ") { " + assign + " }");
    return v;
  }

  private static LogicalType operandType(RexNode o) {
    return o.getType().getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL
        ? LogicalType.of(Kind.NULL) : typeOf(o);
  }

  /**
   * Emits a table function's eval call over {@code args} (evaluated first): {@code fn.eval(..)}
   * inside a guard that skips the call when a NULL would reach a primitive parameter.
   */
  public void emitUserCallStatement(String instanceExpr, io.weir.sql.functions.FunctionDefinition d,
      java.lang.reflect.Method m, List<RexNode> args) {
    List<LogicalType> types = new ArrayList<>();
    args.forEach(o -> types.add(operandType(o)));
    String[] guardAndCall = userInvoke(instanceExpr, d, m, args, types);
    emit((guardAndCall[0].isEmpty() ? "" : "if (" + guardAndCall[0] + ") ") + "{ " + guardAndCall[1] + "; }");
  }

  /** {guard, call expression}: arguments converted to the overload's parameter classes (NULL stays null when boxed). */
  private String[] userInvoke(String instanceExpr, io.weir.sql.functions.FunctionDefinition d, java.lang.reflect.Method m,
      List<RexNode> args, List<LogicalType> types) {
    List<String> a = genAll(args);
    Class<?>[] params = d.argumentClasses(m, a.size());
    StringBuilder guard = new StringBuilder();
    List<String> converted = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Class<?> p = params[i];
      if (p.isPrimitive()) {
        guard.append(guard.length() > 0 ? " && " : "").append(a.get(i)).append(" != null");
      }
      converted.add(userArg(a.get(i), types.get(i), p));
    }
    String argList;
    int fixed = m.getParameterCount() - (d.kind() == io.weir.sql.functions.FunctionDefinition.FunctionKind.AGGREGATE ? 1 : 0);
    if (m.isVarArgs()) {
      List<String> head = converted.subList(0, fixed - 1);
      List<String> tail = converted.subList(fixed - 1, converted.size());
      Class<?> comp = m.getParameterTypes()[m.getParameterCount() - 1].getComponentType();
      List<String> all = new ArrayList<>(head);
      all.add("new " + comp.getCanonicalName() + "[] {" + String.join(", ", tail) + "}");
      argList = String.join(", ", all);
    } else {
      argList = String.join(", ", converted);
    }
    return new String[] {guard.toString(), instanceExpr + "." + m.getName() + "(" + argList + ")"};
  }

  private static String userArg(String v, LogicalType from, Class<?> param) {
    Class<?> boxed = io.weir.sql.functions.FunctionDefinition.boxed(param);
    if (param.isPrimitive()) {
      if (param == boolean.class) {
        return "((java.lang.Boolean) " + v + ").booleanValue()";
      }
      return "((java.lang.Number) " + v + ")." + param.getName() + "Value()";
    }
    if (from.kind() == Kind.NULL) {
      return "(" + param.getCanonicalName() + ") null";
    }
    if (boxed == from.javaClass() || param == Object.class) {
      return v;
    }
    if (Number.class.isAssignableFrom(boxed) && boxed != java.math.BigDecimal.class) {
      String prim = switch (boxed.getSimpleName()) {
        case "Integer" -> "int";
        case "Long" -> "long";
        case "Double" -> "double";
        case "Float" -> "float";
        case "Short" -> "short";
        default -> "byte";
      };
      return "(" + v + " == null ? null : " + boxed.getName() + ".valueOf(((java.lang.Number) " + v + ")." + prim + "Value()))";
    }
    if (boxed == java.math.BigDecimal.class) {
      return "(" + v + " == null ? null : java.math.BigDecimal.valueOf(((java.lang.Number) " + v + ").longValue()))";
    }
    return "(" + param.getCanonicalName() + ") " + v;
  }
}
