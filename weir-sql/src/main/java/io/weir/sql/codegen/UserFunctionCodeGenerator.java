package io.weir.sql.codegen;

import io.weir.sql.functions.FunctionDefinition;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/** Generated calls of user table functions (scalar calls are part of {@link ExprCodeGenerator}). */
public final class UserFunctionCodeGenerator {
  private static final String ROW = "io.weir.core.types.Row";

  private UserFunctionCodeGenerator() {}

  /** Calls {@code method} of a new instance of the function with {@code args} evaluated over the input row. */
  public static GeneratedTableFunctionCall tableFunctionCall(RexBuilder rexBuilder, FunctionDefinition d, Method method,
      List<RexNode> args) {
    ExprCodeGenerator g = new ExprCodeGenerator(rexBuilder, "in");
    String fn = g.constant(d.newInstance(), d.functionClass().getCanonicalName());
    g.emitUserCallStatement(fn, d, method, args);
    String methods = "  public io.weir.sql.functions.TableFunction function() {\n    return " + fn + ";\n  }\n"
        + "  public void invoke(" + ROW + " in) {\n" + g.takeCode() + "  }\n";
    String name = "WeirTableFunctionCall$" + Integer.toHexString(methods.hashCode()).replace('-', 'n');
    String source = "public final class " + name + " implements io.weir.sql.runtime.functions.TableFunctionCall {\n"
        + "  private final java.lang.Object[] refs;\n"
        + "  public " + name + "(java.lang.Object[] refs) { this.refs = refs; }\n"
        + methods + "}\n";
    return new GeneratedTableFunctionCall(name, source, g.refs().toArray());
  }
}
