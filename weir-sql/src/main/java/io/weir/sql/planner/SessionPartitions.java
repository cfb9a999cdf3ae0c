package io.weir.sql.planner;

import io.weir.sql.parser.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

/**
 * Flink's {@code SESSION(TABLE t PARTITION BY k, .., DESCRIPTOR(ts), gap)}: sessions per partition
 * key. Weir's window aggregation already keeps sessions per GROUP BY key, so when the PARTITION BY
 * keys are exactly the GROUP BY keys besides window_start/window_end/window_time the two mean the
 * same; the PARTITION BY is then dropped before validation (Calcite's SESSION takes no partitioned
 * table). Other uses are an error naming the keys.
 */
final class SessionPartitions {
  private static final Set<String> WINDOW_COLUMNS = Set.of("WINDOW_START", "WINDOW_END", "WINDOW_TIME");

  private SessionPartitions() {}

  /** Rewrites {@code node} in place; returns it. */
  static SqlNode rewrite(SourcePos piece, SqlNode node) {
    visit(piece, node);
    return node;
  }

  private static void visit(SourcePos piece, SqlNode node) {
    if (node instanceof SqlSelect select) {
      rewriteFrom(piece, select);
    }
    if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          visit(piece, operand);
        }
      }
    } else if (node instanceof SqlNodeList list) {
      for (SqlNode n : list) {
        if (n != null) {
          visit(piece, n);
        }
      }
    }
  }

  private static void rewriteFrom(SourcePos piece, SqlSelect select) {
    SqlNode from = select.getFrom();
    if (from != null && from.getKind() == SqlKind.AS) {
      from = ((SqlCall) from).operand(0);
    }
    if (from == null || from.getKind() != SqlKind.COLLECTION_TABLE
        || !(((SqlCall) from).operand(0) instanceof SqlCall session)
        || !session.getOperator().getName().equalsIgnoreCase("SESSION") || session.operandCount() == 0
        || session.operand(0) == null || session.operand(0).getKind() != SqlKind.SET_SEMANTICS_TABLE) {
      return;
    }
    SqlCall partitioned = session.operand(0);
    SqlNodeList keys = partitioned.operand(1);
    if (partitioned.operandCount() > 2 && partitioned.operand(2) instanceof SqlNodeList order && order.size() > 0) {
      throw error(piece, partitioned, "SESSION does not take an ORDER BY on its table");
    }
    Set<String> partitionKeys = names(piece, keys, "PARTITION BY");
    Set<String> groupKeys = new TreeSet<>();
    if (select.getGroup() != null) {
      for (String k : names(piece, select.getGroup(), "GROUP BY")) {
        if (!WINDOW_COLUMNS.contains(k)) {
          groupKeys.add(k);
        }
      }
    }
    if (!partitionKeys.equals(groupKeys)) {
      throw error(piece, partitioned, "SESSION PARTITION BY " + partitionKeys + " must be the GROUP BY keys besides the window"
          + " columns, which are " + groupKeys);
    }
    session.setOperand(0, partitioned.operand(0));
  }

  private static Set<String> names(SourcePos piece, SqlNodeList list, String clause) {
    Set<String> out = new TreeSet<>();
    List<SqlNode> nodes = new ArrayList<>(list.getList());
    for (SqlNode n : nodes) {
      if (!(n instanceof SqlIdentifier id)) {
        throw error(piece, n, "SESSION PARTITION BY needs plain columns in " + clause + ", got " + n);
      }
      out.add(id.names.get(id.names.size() - 1).toUpperCase(Locale.ROOT));
    }
    return out;
  }

  private static RuntimeException error(SourcePos piece, SqlNode at, String problem) {
    var pos = at.getParserPosition();
    return piece.error(Math.max(1, pos.getLineNum()), Math.max(1, pos.getColumnNum()), problem);
  }
}
