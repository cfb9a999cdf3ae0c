package io.weir.sql.parser;

/** A lexical token with its start offset in the script; {@code text} is unquoted for identifiers and strings. */
record Token(Kind kind, String text, int start, int end) {
  enum Kind { IDENT, QUOTED_IDENT, STRING, NUMBER, SYMBOL, EOF }

  boolean is(String keyword) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
  }

  boolean isSymbol(String s) {
    return kind == Kind.SYMBOL && text.equals(s);
  }

  boolean isIdentifier() {
    return kind == Kind.IDENT || kind == Kind.QUOTED_IDENT;
  }
}
