package io.weir.sql.parser;

/**
 * A user error in SQL text with its position: the message is {@code line L, column C: problem},
 * followed by the offending source line and a caret under the position.
 */
public class SqlErrorException extends RuntimeException {
  private final int line;
  private final int column;
  private final String problem;

  public SqlErrorException(int line, int column, String problem, String sourceLine) {
    super(format(line, column, problem, sourceLine));
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** Positions are 1-based lines/columns of {@code script}. */
  public static SqlErrorException at(String script, int line, int column, String problem) {
    return new SqlErrorException(line, column, problem, lineOf(script, line));
  }

  public static SqlErrorException atOffset(String script, int offset, String problem) {
    int[] lc = SourcePos.lineCol(script, offset);
    return at(script, lc[0], lc[1], problem);
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String problem() {
    return problem;
  }

  static String lineOf(String script, int line) {
    if (script == null) {
      return null;
    }
    String[] lines = script.split("\r?\n", -1);
    return line >= 1 && line <= lines.length ? lines[line - 1] : null;
  }

  private static String format(int line, int column, String problem, String sourceLine) {
    StringBuilder sb = new StringBuilder("line ").append(line).append(", column ").append(column).append(": ").append(problem);
    if (sourceLine != null) {
      sb.append('\n').append(sourceLine.replace('\t', ' ')).append('\n');
      sb.append(" ".repeat(Math.max(0, column - 1))).append('^');
    }
    return sb.toString();
  }
}
