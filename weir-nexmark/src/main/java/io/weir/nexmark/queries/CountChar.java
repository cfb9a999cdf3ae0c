package io.weir.nexmark.queries;

import io.weir.sql.functions.ScalarFunction;

/**
 * q14's {@code count_char(s, c)}: how many times the first character of {@code c} occurs in
 * {@code s} (BIGINT; 0 for a NULL or empty argument, as the Nexmark UDF counts nothing there).
 */
public class CountChar extends ScalarFunction {
  public long eval(String s, String c) {
    if (s == null || c == null || c.isEmpty()) {
      return 0L;
    }
    char ch = c.charAt(0);
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ch) {
        n++;
      }
    }
    return n;
  }
}
