package io.weir.cli.sql;

import java.util.Locale;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Lets a statement span lines: Enter accepts the buffer only once it ends with a ';' outside
 * strings, quoted identifiers and comments (or is a bare QUIT/EXIT/HELP, or empty); otherwise the
 * reader asks for a continuation line.
 */
final class SqlLineParser extends DefaultParser {
  SqlLineParser() {
    // SQL has no shell escapes or quote-aware words: keep the buffer verbatim.
    escapeChars(new char[0]);
    quoteChars(new char[0]);
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !isComplete(line)) {
      throw new EOFError(-1, -1, "statement not finished", "';'");
    }
    return super.parse(line, cursor, context);
  }

  /** Whether {@code buffer} holds whole statements (ends with ';' outside quotes/comments). */
  static boolean isComplete(String buffer) {
    String bare = buffer.trim();
    if (bare.isEmpty()) {
      return true;
    }
    String upper = bare.toUpperCase(Locale.ROOT);
    if (upper.equals("QUIT") || upper.equals("EXIT") || upper.equals("HELP")) {
      return true;
    }
    boolean lastSemicolon = false;
    int n = buffer.length();
    int i = 0;
    while (i < n) {
      char c = buffer.charAt(i);
      if (c == '-' && i + 1 < n && buffer.charAt(i + 1) == '-') {
        while (i < n && buffer.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '/' && i + 1 < n && buffer.charAt(i + 1) == '*') {
        int end = buffer.indexOf("*/", i + 2);
        if (end < 0) {
          return false;
        }
        i = end + 2;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (true) {
          if (j >= n) {
            return false;
          }
          if (buffer.charAt(j) == c) {
            if (j + 1 < n && buffer.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        i = j + 1;
        lastSemicolon = false;
        continue;
      }
      if (c == ';') {
        lastSemicolon = true;
      } else if (!Character.isWhitespace(c)) {
        lastSemicolon = false;
      }
      i++;
    }
    return lastSemicolon;
  }
}
