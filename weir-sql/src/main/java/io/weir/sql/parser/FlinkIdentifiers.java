package io.weir.sql.parser;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bridges the gap between Calcite's default parser and Flink's: words that Calcite reserves but
 * Flink's SQL dialect accepts as plain identifiers (Flink's parser adds them to its non-reserved
 * keywords) are back-quoted before the text reaches Calcite, so {@code bid.dateTime} parses as in
 * Flink. Only words with no meaning in Flink's dialect are listed: Flink has no DATETIME type.
 */
public final class FlinkIdentifiers {
  private static final Set<String> FLINK_NON_RESERVED = Set.of("DATETIME");

  private FlinkIdentifiers() {}

  /** The text with Flink-only identifiers quoted; unchanged when there is nothing to quote or it does not lex. */
  public static String quoteNonReserved(String sql) {
    List<Token> tokens;
    try {
      tokens = Lexer.tokenize(sql, 0, sql.length());
    } catch (SqlErrorException e) {
      return sql; // Calcite reports the lexical error itself
    }
    StringBuilder out = null;
    int copied = 0;
    for (Token t : tokens) {
      if (t.kind() == Token.Kind.IDENT && FLINK_NON_RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
        if (out == null) {
          out = new StringBuilder(sql.length() + 16);
        }
        out.append(sql, copied, t.start()).append('`').append(t.text()).append('`');
        copied = t.end();
      }
    }
    if (out == null) {
      return sql;
    }
    return out.append(sql, copied, sql.length()).toString();
  }
}
