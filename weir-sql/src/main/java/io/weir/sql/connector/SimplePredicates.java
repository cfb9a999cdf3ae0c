package io.weir.sql.connector;

import io.weir.core.types.Row;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The filters a simple source can evaluate on its own rows with exactly SQL's result: {@code
 * column <op> literal} on exact numerics, {@code =}/{@code <>} on VARCHAR, and {@code IS [NOT]
 * NULL}. Anything else is left to the planner (returns {@code null}).
 */
public final class SimplePredicates {
  private SimplePredicates() {}

  private static final Set<SqlTypeName> EXACT = EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
      SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL);

  private static final Set<SqlKind> CMP = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
      SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);

  /** A row predicate equivalent to the filter (TRUE keeps the row), or null if not simple. */
  public static Predicate<Row> compile(RexNode filter) {
    if (!(filter instanceof RexCall call)) {
      return null;
    }
    SqlKind kind = call.getKind();
    if ((kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL) && call.getOperands().get(0) instanceof RexInputRef ref) {
      int i = ref.getIndex();
      return kind == SqlKind.IS_NULL ? r -> r.getField(i) == null : r -> r.getField(i) != null;
    }
    if (!CMP.contains(kind) || call.getOperands().size() != 2) {
      return null;
    }
    RexNode a = losslessCastOperand(call.getOperands().get(0));
    RexNode b = losslessCastOperand(call.getOperands().get(1));
    if (a instanceof RexLiteral && b instanceof RexInputRef) {
      kind = kind.reverse();
      RexNode t = a;
      a = b;
      b = t;
    }
    if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    int i = ref.getIndex();
    SqlTypeName refType = ref.getType().getSqlTypeName();
    SqlTypeName litType = lit.getType().getSqlTypeName();
    SqlKind op = kind;
    if (EXACT.contains(refType) && EXACT.contains(litType)) {
      BigDecimal c = lit.getValueAs(BigDecimal.class);
      if (c == null) {
        return null;
      }
      return r -> {
        Object v = r.getField(i);
        if (!(v instanceof Number n)) {
          return false;
        }
        BigDecimal d = n instanceof BigDecimal bd ? bd : BigDecimal.valueOf(n.longValue());
        return holds(op, d.compareTo(c));
      };
    }
    if (refType == SqlTypeName.VARCHAR && (litType == SqlTypeName.CHAR || litType == SqlTypeName.VARCHAR)
        && (op == SqlKind.EQUALS || op == SqlKind.NOT_EQUALS)) {
      String s = lit.getValueAs(String.class);
      // trailing blanks would bring CHAR padding rules into play
      if (s == null || s.endsWith(" ")) {
        return null;
      }
      return r -> {
        Object v = r.getField(i);
        return v != null && (op == SqlKind.EQUALS) == s.equals(v.toString());
      };
    }
    return null;
  }

  /**
   * The column under a widening exact-numeric CAST (as the validator puts around {@code price > 1}):
   * the comparison sees the same value, so the cast can be ignored.
   */
  private static RexNode losslessCastOperand(RexNode n) {
    if (n instanceof RexCall c && c.getKind() == SqlKind.CAST && c.getOperands().get(0) instanceof RexInputRef ref) {
      var from = ref.getType();
      var to = c.getType();
      if (EXACT.contains(from.getSqlTypeName()) && EXACT.contains(to.getSqlTypeName())
          && to.getScale() >= from.getScale()
          && to.getPrecision() - to.getScale() >= from.getPrecision() - from.getScale()) {
        return new RexInputRef(ref.getIndex(), ref.getType());
      }
    }
    return n;
  }

  private static boolean holds(SqlKind op, int cmp) {
    return switch (op) {
      case EQUALS -> cmp == 0;
      case NOT_EQUALS -> cmp != 0;
      case LESS_THAN -> cmp < 0;
      case LESS_THAN_OR_EQUAL -> cmp <= 0;
      case GREATER_THAN -> cmp > 0;
      case GREATER_THAN_OR_EQUAL -> cmp >= 0;
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }
}
