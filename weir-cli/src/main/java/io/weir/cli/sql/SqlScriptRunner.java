package io.weir.cli.sql;

import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.parser.SqlErrorException;
import io.weir.sql.parser.StatementSplitter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Runs the statements of a script one after the other (a query's rows are printed before the next
 * statement runs), stopping at the first failure: its message (for SQL errors: line, column and a
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
    for (SourcePos piece : pieces) {
      if (isQuit(piece.text())) {
        break;
      }
      try {
        printer.print(execute(env, piece));
      } catch (Exception e) {
        return fail(e);
      }
    }
    return 0;
  }

  /**
   * Executes one statement of a script so that error positions refer to the whole script: the
   * other statements are blanked out (line breaks kept), so the environment sees the statement
   * at its original line and column.
   */
  static TableResult execute(TableEnvironment env, SourcePos piece) {
    String script = piece.script();
    StringBuilder masked = new StringBuilder(script.length());
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      masked.append(i >= piece.offset() && i < piece.end() || c == '\n' || c == '\r' ? c : ' ');
    }
    try {
      return env.executeStatement(masked.toString());
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
