package io.weir.sql.parser;

import java.util.ArrayList;
import java.util.List;

/** Tokenizes a script the way Flink SQL does: 'strings', `identifiers`, -- and /* *&#47; comments. */
final class Lexer {
  private Lexer() {}

  static List<Token> tokenize(String s, int from, int to) {
    List<Token> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < to && s.charAt(i + 1) == '-') {
        while (i < to && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < to && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        if (end < 0 || end + 2 > to) {
          throw SqlErrorException.atOffset(s, i, "unterminated comment");
        }
        i = end + 2;
      } else if (c == '\'' || c == '`' || c == '"') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= to) {
            throw SqlErrorException.atOffset(s, i, c == '\'' ? "unterminated string literal" : "unterminated quoted identifier");
          }
          char d = s.charAt(j);
          if (d == c) {
            if (j + 1 < to && s.charAt(j + 1) == c) {
              sb.append(c);
              j += 2;
              continue;
            }
            break;
          }
          sb.append(d);
          j++;
        }
        out.add(new Token(c == '\'' ? Token.Kind.STRING : Token.Kind.QUOTED_IDENT, sb.toString(), i, j + 1));
        i = j + 1;
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int j = i + 1;
        while (j < to && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(Token.Kind.IDENT, s.substring(i, j), i, j));
        i = j;
      } else if (Character.isDigit(c)) {
        int j = i + 1;
        while (j < to && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        out.add(new Token(Token.Kind.NUMBER, s.substring(i, j), i, j));
        i = j;
      } else {
        out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i, i + 1));
        i++;
      }
    }
    out.add(new Token(Token.Kind.EOF, "", to, to));
    return out;
  }
}
