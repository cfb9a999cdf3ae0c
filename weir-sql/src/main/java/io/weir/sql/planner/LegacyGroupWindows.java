package io.weir.sql.planner;

import io.weir.sql.parser.FlinkIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Flink's legacy group windows ({@code GROUP BY k, SESSION(ts, INTERVAL '10' SECOND)} with
 * {@code SESSION_START(..)}/{@code SESSION_END(..)}, likewise TUMBLE and HOP) rewritten into the
 * window TVF form the planner executes:
 * {@code FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), gap)) GROUP BY k, window_start, window_end},
 * with {@code *_START} → window_start, {@code *_END} → window_end, {@code *_ROWTIME} → window_time.
 * The rewrite works on the parse tree, before validation; the FROM clause must be one table or view
 * (optionally aliased), as the TVF's TABLE argument is a name.
 */
final class LegacyGroupWindows {
  private static final Set<String> WINDOWS = Set.of("TUMBLE", "HOP", "SESSION");

  /** Unparses with Weir's (Flink's) back-quoted identifiers. */
  private static final SqlDialect DIALECT = new SqlDialect(SqlDialect.EMPTY_CONTEXT.withIdentifierQuoteString("`"));

  private LegacyGroupWindows() {}

  /** The statement with every legacy group window rewritten (in place where possible). */
  static SqlNode rewrite(SqlNode stmt) {
    if (stmt == null) {
      return null;
    }
    List<SqlSelect> selects = new ArrayList<>();
    stmt.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect s) {
          selects.add(s);
        }
        return super.visit(call);
      }
    });
    for (SqlSelect s : selects) {
      rewriteSelect(s);
    }
    return stmt;
  }

  private static String name(SqlCall call) {
    // Calcite names its group-window operators $TUMBLE, $HOP, $SESSION
    String n = call.getOperator().getName().toUpperCase(Locale.ROOT);
    return n.startsWith("$") ? n.substring(1) : n;
  }

  private static void rewriteSelect(SqlSelect select) {
    SqlNodeList groupBy = select.getGroup();
    if (groupBy == null) {
      return;
    }
    SqlCall window = null;
    int windowIndex = -1;
    for (int i = 0; i < groupBy.size(); i++) {
      if (groupBy.get(i) instanceof SqlCall c && !(c instanceof SqlSelect) && WINDOWS.contains(name(c))
          && c.operandCount() >= 2 && !(c.operand(0) instanceof SqlCall inner && inner.getKind() == SqlKind.EXPLICIT_TABLE)) {
        if (window != null) {
          throw new PlannerException("a GROUP BY can have only one group window (" + name(window) + " and " + name(c) + ")");
        }
        window = c;
        windowIndex = i;
      }
    }
    if (window == null) {
      return;
    }
    String kind = name(window);
    SqlNode from = select.getFrom();
    SqlIdentifier table;
    String alias;
    if (from instanceof SqlIdentifier id) {
      table = id;
      alias = id.names.get(id.names.size() - 1);
    } else if (from instanceof SqlBasicCall as && as.getKind() == SqlKind.AS && as.operand(0) instanceof SqlIdentifier id
        && as.operandCount() == 2) {
      table = id;
      alias = ((SqlIdentifier) as.operand(1)).getSimple();
    } else {
      throw new PlannerException("GROUP BY " + kind + "(...) (a legacy group window) needs a single table or view in FROM; "
          + "use the window TVF TABLE(" + kind + "(TABLE t, DESCRIPTOR(ts), ...)) instead");
    }
    if (!(window.operand(0) instanceof SqlIdentifier time)) {
      throw new PlannerException(kind + "(...) in GROUP BY: the first argument must be a time attribute column");
    }
    StringBuilder tvf = new StringBuilder("SELECT * FROM TABLE(").append(kind).append("(TABLE ")
        .append(table.toSqlString(DIALECT).getSql())
        .append(", DESCRIPTOR(").append(quote(time.names.get(time.names.size() - 1))).append(')');
    for (int i = 1; i < window.operandCount(); i++) {
      tvf.append(", ").append(window.operand(i).toSqlString(DIALECT).getSql());
    }
    tvf.append(")) AS ").append(quote(alias));
    SqlSelect parsed;
    try {
      parsed = (SqlSelect) SqlParser.create(FlinkIdentifiers.quoteNonReserved(tvf.toString()), SqlPlanner.PARSER_CONFIG)
          .parseQuery();
    } catch (SqlParseException e) {
      throw new PlannerException("cannot rewrite " + kind + "(...) in GROUP BY: " + e.getMessage());
    }
    select.setFrom(parsed.getFrom());
    SqlParserPos pos = window.getParserPosition();
    List<SqlNode> keys = new ArrayList<>(groupBy.getList());
    keys.remove(windowIndex);
    keys.add(windowIndex, new SqlIdentifier(List.of(alias, "window_start"), pos));
    keys.add(windowIndex + 1, new SqlIdentifier(List.of(alias, "window_end"), pos));
    select.setGroupBy(new SqlNodeList(keys, groupBy.getParserPosition()));
    SqlShuttle aux = new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        if (!(call instanceof SqlSelect)) {
          String n = name(call);
          int us = n.lastIndexOf('_');
          if (us > 0 && WINDOWS.contains(n.substring(0, us))) {
            String column = switch (n.substring(us + 1)) {
              case "START" -> "window_start";
              case "END" -> "window_end";
              case "ROWTIME", "PROCTIME" -> "window_time";
              default -> null;
            };
            if (column != null) {
              return new SqlIdentifier(List.of(alias, column), call.getParserPosition());
            }
          }
        }
        return super.visit(call);
      }
    };
    select.setSelectList((SqlNodeList) select.getSelectList().accept(aux));
    if (select.getHaving() != null) {
      select.setHaving(select.getHaving().accept(aux));
    }
    if (select.getOrderList() != null) {
      select.setOrderBy((SqlNodeList) select.getOrderList().accept(aux));
    }
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
