package io.weir.examples.process;

import io.weir.examples.util.ExampleSupport;

/**
 * One user action: a page view or a purchase (amount in cents). Generated deterministically from
 * its sequence number, so every run, mode and parallelism sees the same events.
 */
public record Activity(long seq, String user, long timestamp, boolean purchase, long amountCents) {

  /** Ten events per second of event time, each up to this late relative to its neighbours. */
  public static final long MAX_OUT_OF_ORDER_MS = 2_000;

  static final long EVENT_SPACING_MS = 100;
  static final long BLOCK_MS = 120_000;

  /**
   * Users come and go in two-minute blocks (about a third of them are active in a block), so
   * sessions start and end; in a few user-blocks the user behaves like a bot that buys
   * nearly every second, which the burst rule catches.
   */
  public static Activity generate(long seq, int users) {
    long base = seq * EVENT_SPACING_MS;
    long block = base / BLOCK_MS;
    int user = activeUser(seq, block, users);
    boolean bot = ExampleSupport.pick(user * 100_003L + block, 3, 100) < 8;
    boolean purchase = ExampleSupport.pick(seq, 4, 100) < (bot ? 90 : 12);
    long amount = purchase ? 500 + ExampleSupport.pick(seq, 5, 19_500) : 0;
    long timestamp = base + ExampleSupport.pick(seq, 6, (int) MAX_OUT_OF_ORDER_MS);
    return new Activity(seq, userName(user), timestamp, purchase, amount);
  }

  private static int activeUser(long seq, long block, int users) {
    int active = 0;
    for (int u = 0; u < users; u++) {
      if (isActive(u, block)) {
        active++;
      }
    }
    if (active == 0) {
      return (int) (seq % users);
    }
    int nth = ExampleSupport.pick(seq, 2, active);
    for (int u = 0; u < users; u++) {
      if (isActive(u, block) && nth-- == 0) {
        return u;
      }
    }
    throw new AssertionError("unreachable");
  }

  private static boolean isActive(int user, long block) {
    return ExampleSupport.pick(user * 100_003L + block, 1, 100) < 35;
  }

  private static final String[] NAMES = new String[1000];

  static String userName(int user) {
    if (user < NAMES.length) {
      String name = NAMES[user];
      if (name == null) {
        name = String.format("user-%02d", user + 1);
        NAMES[user] = name;
      }
      return name;
    }
    return String.format("user-%02d", user + 1);
  }
}
