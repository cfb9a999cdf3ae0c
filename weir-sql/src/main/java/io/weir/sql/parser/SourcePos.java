package io.weir.sql.parser;

/**
 * A piece of SQL text cut out of a script, with where it starts, so errors found in the piece
 * (by Calcite or by Weir) are reported at line/column of the whole script.
 */
public record SourcePos(String script, int offset, int end) {
  /** The piece's text. */
  public String text() {
    return script.substring(offset, end);
  }

  /** A sub-piece, offsets relative to this piece. */
  public SourcePos sub(int from, int to) {
    return new SourcePos(script, offset + from, offset + to);
  }

  /** 1-based line and column of a 0-based character offset. */
  public static int[] lineCol(String text, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }

  /** Script line/column of a 1-based (line, column) inside the piece. */
  public int[] toScript(int pieceLine, int pieceColumn) {
    int[] base = lineCol(script, offset);
    if (pieceLine <= 1) {
      return new int[] {base[0], base[1] + pieceColumn - 1};
    }
    return new int[] {base[0] + pieceLine - 1, pieceColumn};
  }

  public SqlErrorException error(int pieceLine, int pieceColumn, String problem) {
    int[] lc = toScript(pieceLine, pieceColumn);
    return SqlErrorException.at(script, lc[0], lc[1], problem);
  }

  public SqlErrorException errorAtPieceOffset(int pieceOffset, String problem) {
    return SqlErrorException.atOffset(script, offset + pieceOffset, problem);
  }
}
