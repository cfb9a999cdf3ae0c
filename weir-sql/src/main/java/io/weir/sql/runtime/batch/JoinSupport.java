package io.weir.sql.runtime.batch;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.operators.JoinType;
import io.weir.sql.runtime.util.RowUtil;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/** Join semantics shared by the batch and window joins: matching, output rows, NULL padding. */
public final class JoinSupport implements Serializable {
  final JoinType type;
  final int leftArity;
  final int rightArity;
  final RowPredicate residual;

  public JoinSupport(JoinType type, int leftArity, int rightArity, RowPredicate residual) {
    this.type = type;
    this.leftArity = leftArity;
    this.rightArity = rightArity;
    this.residual = residual;
  }

  boolean semiOrAnti() {
    return type == JoinType.SEMI || type == JoinType.ANTI;
  }

  boolean matches(Row l, Row r) {
    return residual == null || residual.test(RowUtil.join(RowKind.INSERT, l, leftArity, r, rightArity));
  }

  Row joined(Row l, Row r) {
    return RowUtil.join(RowKind.INSERT, l, leftArity, r, rightArity);
  }

  /** A left row without any key partner (or with a NULL key). */
  public void leftOnly(Row l, Consumer<Row> out) {
    if (type == JoinType.ANTI) {
      out.accept(l);
    } else if (type.leftOuter()) {
      out.accept(joined(l, null));
    }
  }

  /** A right row without any key partner (or with a NULL key). */
  public void rightOnly(Row r, Consumer<Row> out) {
    if (type.rightOuter()) {
      out.accept(joined(null, r));
    }
  }

  /** Joins the rows of both sides that share one key. */
  public void joinGroup(List<Row> lefts, List<Row> rights, Consumer<Row> out) {
    boolean[] rightMatched = type.rightOuter() ? new boolean[rights.size()] : null;
    for (Row l : lefts) {
      boolean matched = false;
      for (int j = 0; j < rights.size(); j++) {
        Row r = rights.get(j);
        if (matches(l, r)) {
          matched = true;
          if (semiOrAnti()) {
            break;
          }
          if (rightMatched != null) {
            rightMatched[j] = true;
          }
          out.accept(joined(l, r));
        }
      }
      if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched || type.leftOuter() && !matched) {
        out.accept(type.leftOuter() ? joined(l, null) : l);
      }
    }
    if (rightMatched != null) {
      for (int j = 0; j < rights.size(); j++) {
        if (!rightMatched[j]) {
          out.accept(joined(null, rights.get(j)));
        }
      }
    }
  }

  /** The key fields of a row, or null when one of them is NULL (never equal in SQL). */
  public static Row key(Row row, int[] fields) {
    Row key = new Row(fields.length);
    for (int i = 0; i < fields.length; i++) {
      Object v = row.getField(fields[i]);
      if (v == null) {
        return null;
      }
      key.setField(i, v);
    }
    return key;
  }
}
