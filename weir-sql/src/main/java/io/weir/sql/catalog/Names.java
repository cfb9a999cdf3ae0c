package io.weir.sql.catalog;

import java.util.Collection;
import java.util.Locale;

/** Nearest-name suggestions for "did you mean" messages. */
public final class Names {
  private Names() {}

  /**
   * The candidate with the smallest case-insensitive edit distance to {@code name}, if that distance
   * is small relative to the name's length (at most max(2, length/3)); otherwise null.
   */
  public static String nearest(String name, Collection<String> candidates) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    String lower = name.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = levenshtein(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best == null) {
      return null;
    }
    int limit = Math.max(2, name.length() / 3);
    return bestD <= limit ? best : null;
  }

  public static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
