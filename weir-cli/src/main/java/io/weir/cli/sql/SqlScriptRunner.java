package io.weir.cli.sql;

import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.parser.DdlParser;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.parser.Statement;
import io.weir.sql.parser.SqlErrorException;
import io.weir.sql.parser.StatementSplitter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Runs the statements of a script one after the other (a query's rows are printed before the next
 * statement runs; consecutive INSERTs go together and run as one job with several sinks), stopping at the first failure: its message (for SQL errors: line, column and a
 * caret under the offending text of the script) goes to stderr and the run fails.
 */
final class SqlScriptRunner {
  private final TableEnvironment env;
  private final ResultPrinter printer;
  private final PrintStream err;
  private final boolean verbose;

  SqlScriptRunner(TableEnvironment env, ResultPrinter printer, PrintStream err, boolean verbose) {
    this.env = env;
    this.printer = printer;
    this.err = err;
    this.verbose = verbose;
  }

  /** 0 when every statement succeeded, 1 after the first failing one. */
  int run(String script) {
    List<SourcePos> pieces;
    try {
      pieces = StatementSplitter.split(script);
    } catch (RuntimeException e) {
      return fail(e);
    }
    for (int i = 0; i < pieces.size(); i++) {
      SourcePos piece = pieces.get(i);
      if (isQuit(piece.text())) {
        break;
      }
      // Consecutive INSERTs go to the environment together so they run as one job.
      int end = i + 1;
      if (isInsert(piece)) {
        while (end < pieces.size() && isInsert(pieces.get(end))) {
          end++;
        }
      }
      try {
        for (TableResult r : execute(env, pieces.subList(i, end))) {
          printer.print(r);
        }
      } catch (Exception e) {
        return fail(e);
      }
      i = end - 1;
    }
    return 0;
  }

  private static boolean isInsert(SourcePos piece) {
    try {
      return DdlParser.parse(piece) instanceof Statement.Insert;
    } catch (RuntimeException e) {
      return false; // reported with its position when the statement runs on its own
    }
  }

  /**
   * Executes one statement of a script so that error positions refer to the whole script: the
   * other statements are blanked out (line breaks kept), so the environment sees the statement
   * at its original line and column.
   */
  static TableResult execute(TableEnvironment env, SourcePos piece) {
    List<TableResult> results = execute(env, List.of(piece));
    return results.get(results.size() - 1);
  }

  /** Like {@link #execute(TableEnvironment, SourcePos)} for consecutive statements of one script, run in one call. */
  static List<TableResult> execute(TableEnvironment env, List<SourcePos> pieces) {
    String script = pieces.get(0).script();
    StringBuilder masked = new StringBuilder(script.length());
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      boolean keep = c == '\n' || c == '\r';
      for (SourcePos piece : pieces) {
        keep |= i >= piece.offset() && i < piece.end();
      }
      // Every ';' is kept so the kept statements stay apart; blank pieces between them are dropped.
      masked.append(keep || c == ';' ? c : ' ');
    }
    try {
      List<TableResult> results = env.executeSql(masked.toString());
      if (results.isEmpty()) {
        throw new IllegalArgumentException("no statement in '" + pieces.get(0).text() + "'");
      }
      return results;
    } catch (SqlErrorException e) {
      // Show the caret under the script's own line, not the blanked copy.
      throw SqlErrorException.at(script, e.line(), e.column(), e.problem());
    }
  }

  static boolean isQuit(String statement) {
    String s = statement.trim().toUpperCase(Locale.ROOT);
    return s.equals("QUIT") || s.equals("EXIT");
  }

  private int fail(Throwable e) {
    err.println("Error: " + SqlErrors.message(e));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }
}
