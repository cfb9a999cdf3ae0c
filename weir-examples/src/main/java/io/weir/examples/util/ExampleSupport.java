package io.weir.examples.util;

import java.time.Duration;
import java.util.Locale;

/** Small helpers shared by the examples' main methods. */
public final class ExampleSupport {
  private ExampleSupport() {}

  public static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** Event time as an offset from the start of the generated data: 00:01:23.450. */
  public static String clock(long millis) {
    Duration d = Duration.ofMillis(millis);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d",
        d.toHours(), d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart());
  }

  /** Cents as dollars: 123456 -> "$1,234.56". */
  public static String money(long cents) {
    return String.format(Locale.ROOT, "$%,d.%02d", cents / 100, cents % 100);
  }

  /** A well-mixed 64-bit hash (SplitMix64 finalizer): deterministic pseudo-random data by index. */
  public static long mix(long x) {
    x += 0x9E3779B97F4A7C15L;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return x ^ (x >>> 31);
  }

  /** A deterministic value in [0, bound) derived from {@code index} and a salt. */
  public static int pick(long index, long salt, int bound) {
    return (int) Math.floorMod(mix(index * 31 + salt), (long) bound);
  }
}
