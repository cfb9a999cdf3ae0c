package io.weir.sql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons, ignoring semicolons inside 'strings',
 * "quoted" or `quoted` identifiers and comments. Each piece keeps its offset in the script so
 * errors point into the original text. Pieces holding only whitespace and comments are dropped.
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  public static List<SourcePos> split(String script) {
    List<SourcePos> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        while (i < n && script.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          if (script.charAt(j) == c) {
            if (j + 1 < n && script.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        i = j + 1;
      } else if (c == ';') {
        add(script, start, i, out);
        start = i + 1;
        i++;
      } else {
        i++;
      }
    }
    add(script, start, n, out);
    return out;
  }

  private static void add(String script, int from, int to, List<SourcePos> out) {
    // Skip leading whitespace/comments so the piece's offset is its first real token.
    List<Token> tokens;
    try {
      tokens = Lexer.tokenize(script, from, to);
    } catch (SqlErrorException e) {
      out.add(new SourcePos(script, from, to));
      return;
    }
    if (tokens.get(0).kind() == Token.Kind.EOF) {
      return;
    }
    int end = tokens.get(tokens.size() - 2).end();
    out.add(new SourcePos(script, tokens.get(0).start(), end));
  }
}
