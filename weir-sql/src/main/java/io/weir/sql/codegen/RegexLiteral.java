package io.weir.sql.codegen;

/**
 * A literal that every match of a regular expression contains, and at most how many characters of
 * a match precede it, read conservatively from the pattern. A search first looks for the literal
 * with {@link String#indexOf(String)}: where it is missing the input cannot match, and where it is
 * present the regex search can start just before its first occurrence instead of trying every
 * position from the start. (Nexmark q21 spent 65 % of its time in {@code (&|^)channel_id=([^&]*)}
 * scanning URLs position by position, most of which lack {@code channel_id=} or have it at the end.)
 *
 * <p>Only a pattern's top-level sequence is read; the literal is its longest run of plain characters
 * that no quantifier applies to. A pattern with anything this reading does not model exactly
 * (inline flags, lookaround, back references, {@code \b}, quoting, Unicode classes, a top-level
 * {@code |}, surrogate characters) gets {@link #NONE} and is searched as before.
 */
final class RegexLiteral {
  static final RegexLiteral NONE = new RegexLiteral(null, 0);
  /** A length without an upper bound. */
  private static final int UNBOUNDED = -1;

  /** Contained in every match; null when unknown. */
  final String literal;
  /** At most this many characters of a match come before {@link #literal}; {@link #UNBOUNDED} if no bound. */
  final int maxBefore;

  private RegexLiteral(String literal, int maxBefore) {
    this.literal = literal;
    this.maxBefore = maxBefore;
  }

  static RegexLiteral of(String regex) {
    try {
      return new Reader(regex).top();
    } catch (Unsupported | RuntimeException e) {
      return NONE;
    }
  }

  /**
   * The index from which a search of {@code s} finds the same first match as a search from 0 (with
   * {@code Matcher.find(int)}, which keeps {@code ^} at the input's start), or -1 when {@code s}
   * cannot match.
   */
  int searchFrom(String s) {
    if (literal == null) {
      return 0;
    }
    int at = s.indexOf(literal);
    if (at < 0) {
      return -1;
    }
    return maxBefore == UNBOUNDED ? 0 : Math.max(0, at - maxBefore);
  }

  @Override
  public String toString() {
    return literal == null ? "none" : "'" + literal + "' after at most " + (maxBefore == UNBOUNDED ? "any" : maxBefore);
  }

  /** A construct the reading does not model. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final class Reader {
    private final String p;
    private int i;
    /** The character of the atom just read when it is a plain character, else -1. */
    private int plain;

    Reader(String pattern) throws Unsupported {
      for (int k = 0; k < pattern.length(); k++) {
        if (Character.isSurrogate(pattern.charAt(k))) {
          throw new Unsupported(); // a quantifier would apply to both chars of the code point
        }
      }
      this.p = pattern;
    }

    RegexLiteral top() throws Unsupported {
      int before = 0;
      StringBuilder run = new StringBuilder();
      int runBefore = 0;
      String best = null;
      int bestBefore = 0;
      while (i < p.length()) {
        char c = p.charAt(i);
        if (c == '|' || c == ')') {
          throw new Unsupported();
        }
        int max = atom();
        int ch = plain;
        int[] q = quantifier();
        if (ch >= 0 && q == null) {
          if (run.length() == 0) {
            runBefore = before;
          }
          run.append((char) ch);
          before = add(before, 1);
          continue;
        }
        if (run.length() > (best == null ? 0 : best.length())) {
          best = run.toString();
          bestBefore = runBefore;
        }
        run.setLength(0);
        before = add(before, times(max, q));
      }
      if (run.length() > (best == null ? 0 : best.length())) {
        best = run.toString();
        bestBefore = runBefore;
      }
      return best == null ? NONE : new RegexLiteral(best, bestBefore);
    }

    /** Reads one atom (not its quantifier) and returns its maximum length; sets {@link #plain}. */
    private int atom() throws Unsupported {
      plain = -1;
      char c = p.charAt(i++);
      switch (c) {
        case '\\' -> {
          if (i >= p.length()) {
            throw new Unsupported();
          }
          char d = p.charAt(i++);
          if ("dDwWsS".indexOf(d) >= 0) {
            return 1;
          }
          int escaped = switch (d) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'f' -> '\f';
            default -> Character.isLetterOrDigit(d) ? -1 : d;
          };
          if (escaped < 0) {
            throw new Unsupported(); // word boundaries, quoting, Unicode classes, back references, hex
          }
          plain = escaped;
          return 1;
        }
        case '[' -> {
          charClass();
          return 1;
        }
        case '.' -> {
          return 1;
        }
        case '^', '$' -> {
          return 0;
        }
        case '(' -> {
          if (i < p.length() && p.charAt(i) == '?') {
            if (i + 1 < p.length() && p.charAt(i + 1) == ':') {
              i += 2;
            } else {
              throw new Unsupported(); // flags, lookaround, named or atomic groups
            }
          }
          int max = alternatives();
          if (i >= p.length() || p.charAt(i) != ')') {
            throw new Unsupported();
          }
          i++;
          plain = -1; // the group's own atoms set it
          return max;
        }
        case '*', '+', '?', '{', '}', ']', '|', ')' -> throw new Unsupported();
        default -> {
          plain = c;
          return 1;
        }
      }
    }

    /** Inside a group: the longest of its alternatives; stops before the closing parenthesis. */
    private int alternatives() throws Unsupported {
      int longest = 0;
      int current = 0;
      while (i < p.length() && p.charAt(i) != ')') {
        if (p.charAt(i) == '|') {
          longest = longer(longest, current);
          current = 0;
          i++;
          continue;
        }
        int max = atom();
        current = add(current, times(max, quantifier()));
      }
      return longer(longest, current);
    }

    /** Skips a character class after its '['; nested classes and intersections are not read. */
    private void charClass() throws Unsupported {
      if (i < p.length() && p.charAt(i) == '^') {
        i++;
      }
      if (i < p.length() && p.charAt(i) == ']') {
        throw new Unsupported();
      }
      while (i < p.length()) {
        char c = p.charAt(i++);
        if (c == ']') {
          return;
        }
        if (c == '[' || (c == '&' && i < p.length() && p.charAt(i) == '&')) {
          throw new Unsupported();
        }
        if (c == '\\') {
          if (i >= p.length()) {
            throw new Unsupported();
          }
          char d = p.charAt(i++);
          if (Character.isLetterOrDigit(d) && "dDwWsStnrf".indexOf(d) < 0) {
            throw new Unsupported();
          }
        }
      }
      throw new Unsupported();
    }

    /** A quantifier after an atom as {min, max} (max {@link #UNBOUNDED} for none), or null. */
    private int[] quantifier() throws Unsupported {
      if (i >= p.length()) {
        return null;
      }
      int[] q;
      char c = p.charAt(i);
      if (c == '?') {
        q = new int[] {0, 1};
        i++;
      } else if (c == '*') {
        q = new int[] {0, UNBOUNDED};
        i++;
      } else if (c == '+') {
        q = new int[] {1, UNBOUNDED};
        i++;
      } else if (c == '{') {
        int close = p.indexOf('}', i);
        if (close < 0) {
          throw new Unsupported();
        }
        String body = p.substring(i + 1, close);
        int comma = body.indexOf(',');
        try {
          int min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
          int max = comma < 0 ? min : comma == body.length() - 1 ? UNBOUNDED : Integer.parseInt(body.substring(comma + 1));
          q = new int[] {min, max};
        } catch (NumberFormatException e) {
          throw new Unsupported();
        }
        i = close + 1;
      } else {
        return null;
      }
      if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
        i++; // lazy or possessive: the same lengths
      }
      return q;
    }

    private static int times(int max, int[] q) {
      if (q == null) {
        return max;
      }
      if (max == 0 || q[1] == 0) {
        return 0;
      }
      if (max == UNBOUNDED || q[1] == UNBOUNDED) {
        return UNBOUNDED;
      }
      long product = (long) max * q[1];
      return product > 1_000_000 ? UNBOUNDED : (int) product;
    }

    private static int add(int a, int b) {
      if (a == UNBOUNDED || b == UNBOUNDED) {
        return UNBOUNDED;
      }
      long sum = (long) a + b;
      return sum > 1_000_000 ? UNBOUNDED : (int) sum;
    }

    private static int longer(int a, int b) {
      return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : Math.max(a, b);
    }
  }
}
