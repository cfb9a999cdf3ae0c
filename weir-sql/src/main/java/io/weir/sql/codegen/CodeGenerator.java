package io.weir.sql.codegen;

import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/** Entry points: generated projections, predicates, key selectors and comparators. */
public final class CodeGenerator {
  private static final String ROW = "io.weir.core.types.Row";

  private CodeGenerator() {}

  private static String className(String prefix, String body) {
    return prefix + "$" + Integer.toHexString(body.hashCode()).replace('-', 'n');
  }

  private static String classSource(String className, String iface, String methods) {
    return "public final class " + className + " implements " + iface + " {\n"
        + "  private final java.lang.Object[] refs;\n"
        + "  public " + className + "(java.lang.Object[] refs) { this.refs = refs; }\n"
        + methods + "}\n";
  }

  /** A projection computing {@code exprs} over input rows; RexLocalRefs resolve against {@code program} if given. */
  public static GeneratedProjection projection(RexBuilder rexBuilder, List<RexNode> exprs, RexProgram program) {
    ExprCodeGenerator g = new ExprCodeGenerator(rexBuilder, "in").reuseCommonSubexpressions();
    if (program != null) {
      g.usePrograms(program);
    }
    StringBuilder body = new StringBuilder();
    body.append("    ").append(ROW).append(" out = new ").append(ROW).append("(").append(exprs.size()).append(");\n");
    for (int i = 0; i < exprs.size(); i++) {
      String v = g.gen(exprs.get(i));
      body.append(g.takeCode());
      body.append("    out.setField(").append(i).append(", ").append(v).append(");\n");
    }
    body.append("    return out;\n");
    String method = "  public " + ROW + " apply(" + ROW + " in) {\n" + body + "  }\n";
    String name = className("WeirProjection", method);
    return new GeneratedProjection(name, classSource(name, "io.weir.sql.runtime.functions.RowProjection", method),
        g.refs().toArray());
  }

  /** One scalar expression over input rows (its boxed value, null for SQL NULL). */
  public static GeneratedExpression expression(RexBuilder rexBuilder, RexNode expr) {
    ExprCodeGenerator g = new ExprCodeGenerator(rexBuilder, "in").reuseCommonSubexpressions();
    String v = g.gen(expr);
    String method = "  public java.lang.Object eval(" + ROW + " in) {\n" + g.takeCode() + "    return " + v + ";\n  }\n";
    String name = className("WeirExpression", method);
    return new GeneratedExpression(name, classSource(name, "io.weir.sql.runtime.functions.RowExpression", method),
        g.refs().toArray());
  }

  public static GeneratedPredicate predicate(RexBuilder rexBuilder, RexNode condition, RexProgram program) {
    ExprCodeGenerator g = new ExprCodeGenerator(rexBuilder, "in").reuseCommonSubexpressions();
    if (program != null) {
      g.usePrograms(program);
    }
    String v = g.gen(condition);
    String method = "  public boolean test(" + ROW + " in) {\n" + g.takeCode()
        + "    return " + v + " != null && ((java.lang.Boolean) " + v + ").booleanValue();\n  }\n";
    String name = className("WeirPredicate", method);
    return new GeneratedPredicate(name, classSource(name, "io.weir.sql.runtime.functions.RowPredicate", method),
        g.refs().toArray());
  }

  public static GeneratedKeySelector keySelector(int[] fields) {
    StringBuilder body = new StringBuilder();
    body.append("    ").append(ROW).append(" k = new ").append(ROW).append("(").append(fields.length).append(");\n");
    for (int i = 0; i < fields.length; i++) {
      body.append("    k.setField(").append(i).append(", in.getField(").append(fields[i]).append("));\n");
    }
    body.append("    return k;\n");
    String method = "  public " + ROW + " getKey(" + ROW + " in) {\n" + body + "  }\n"
        + "  public java.lang.Object getKey(java.lang.Object in) { return getKey((" + ROW + ") in); }\n";
    String name = className("WeirKeySelector", method);
    return new GeneratedKeySelector(name, classSource(name, "io.weir.sql.runtime.functions.RowKeySelector", method),
        new Object[0]);
  }

  /** Compares by the collation's fields; NULLs first/last as specified (default: NULLS FIRST for ASC like Flink). */
  public static GeneratedRowComparator comparator(List<RelFieldCollation> collations) {
    StringBuilder body = new StringBuilder("    int c;\n    java.lang.Object x;\n    java.lang.Object y;\n");
    for (RelFieldCollation fc : collations) {
      int f = fc.getFieldIndex();
      boolean desc = fc.getDirection().isDescending();
      RelFieldCollation.NullDirection nd = fc.nullDirection;
      boolean nullsFirst = nd == RelFieldCollation.NullDirection.FIRST
          || nd == RelFieldCollation.NullDirection.UNSPECIFIED && !desc;
      body.append("    x = a.getField(").append(f).append(");\n");
      body.append("    y = b.getField(").append(f).append(");\n");
      body.append("    if (x == null || y == null) {\n");
      body.append("      if (x != y) { return x == null ? ").append(nullsFirst ? "-1" : "1").append(" : ")
          .append(nullsFirst ? "1" : "-1").append("; }\n");
      body.append("    } else {\n");
      body.append("      c = io.weir.sql.codegen.SqlFunctions.compare(x, y);\n");
      body.append("      if (c != 0) { return ").append(desc ? "-c" : "c").append("; }\n");
      body.append("    }\n");
    }
    body.append("    return 0;\n");
    String method = "  public int compare(" + ROW + " a, " + ROW + " b) {\n" + body + "  }\n"
        + "  public int compare(java.lang.Object a, java.lang.Object b) { return compare((" + ROW + ") a, (" + ROW + ") b); }\n";
    String name = className("WeirComparator", method);
    return new GeneratedRowComparator(name, classSource(name, "io.weir.sql.runtime.functions.RowComparator", method),
        new Object[0]);
  }
}
