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
  // The row the residual last saw and its pair; operator instances are per subtask, so unshared.
  private transient Row tested;
  private transient Row testedLeft;
  private transient Row testedRight;

  public JoinSupport(JoinType type, int leftArity, int rightArity, RowPredicate residual) {
    this.type = type;
    this.leftArity = leftArity;
    this.rightArity = rightArity;
    this.residual = residual;
  }

  boolean semiOrAnti() {
    return type == JoinType.SEMI || type == JoinType.ANTI;
  }

  /**
   * Tests the residual on one reused {@code left ++ right} row: most candidates of a range or
   * inequality residual fail, and a wide row per candidate was the join's main allocation.
   */
  boolean matches(Row l, Row r) {
    if (residual == null) {
      return true;
    }
    Row t = tested;
    if (t == null) {
      t = tested = new Row(leftArity + rightArity);
    }
    for (int i = 0; i < leftArity; i++) {
      t.setField(i, l.getField(i));
    }
    for (int i = 0; i < rightArity; i++) {
      t.setField(leftArity + i, r.getField(i));
    }
    testedLeft = l;
    testedRight = r;
    return residual.test(t);
  }

  /**
   * The output row of a pair; right after {@link #matches} accepted that pair, the tested row is
   * handed over (and a new one made for the next test), so a match is built once, not twice.
   */
  Row joined(Row l, Row r) {
    Row t = tested;
    if (t != null && l != null && r != null && testedLeft == l && testedRight == r) {
      tested = null;
      testedLeft = null;
      testedRight = null;
      return t;
    }
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

  /**
   * The hash-table key of a row: {@link #key}, except that a one-field key is the field itself,
   * which saves a Row and its array per row and the deep hash/equals over it. Arrays (BINARY
   * keys) stay wrapped, as only a Row compares them by content.
   */
  public static Object hashKey(Row row, int[] fields) {
    if (fields.length == 1) {
      Object v = row.getField(fields[0]);
      return v == null || !v.getClass().isArray() ? v : Row.of(v);
    }
    return key(row, fields);
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
