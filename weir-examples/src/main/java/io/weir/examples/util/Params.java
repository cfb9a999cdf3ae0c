package io.weir.examples.util;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of an example: {@code --key value} pairs. Unknown keys and malformed numbers are
 * rejected with a message naming the key, so a typo does not silently run the default job.
 */
public final class Params {
  private final String example;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> known = new TreeSet<>();

  private Params(String example) {
    this.example = example;
  }

  public static Params parse(String example, String[] args) {
    Params p = new Params(example);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || a.length() == 2) {
        throw new IllegalArgumentException(
            "example " + example + ": unexpected argument '" + a + "' (expected --key value)");
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("example " + example + ": option --" + key + " needs a value");
      }
      p.values.put(key, value);
    }
    return p;
  }

  public String get(String key, String defaultValue) {
    known.add(key);
    return values.getOrDefault(key, defaultValue);
  }

  public long getLong(String key, long defaultValue) {
    known.add(key);
    String v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(v.replace("_", ""));
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "example " + example + ": --" + key + " expects a non-negative whole number, got '" + v + "'");
    }
  }

  public int getInt(String key, int defaultValue) {
    long v = getLong(key, defaultValue);
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("example " + example + ": --" + key + " is too large: " + v);
    }
    return (int) v;
  }

  /** Call after reading every option: fails on options the example does not know. */
  public void checkNoUnknown() {
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("example " + example + ": unknown option --" + k
            + (known.isEmpty() ? " (it takes no options)" : " (known: --" + String.join(", --", known) + ")"));
      }
    }
  }
}
