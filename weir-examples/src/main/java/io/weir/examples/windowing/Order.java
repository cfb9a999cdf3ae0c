package io.weir.examples.windowing;

import io.weir.examples.util.ExampleSupport;

/**
 * An order in a marketplace, generated deterministically from its id: a hundred orders per
 * second of event time, each up to {@link #MAX_OUT_OF_ORDER_MS} late relative to its neighbours,
 * sellers whose popularity shifts over time.
 */
public record Order(long id, String seller, String product, int quantity, long amountCents, long timestamp) {
  public static final long MAX_OUT_OF_ORDER_MS = 3_000;

  static final String[] SELLERS = {
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Vandelay"
  };
  static final String[] PRODUCTS = {
    "kettle", "lamp", "backpack", "headphones", "notebook", "coffee", "chair", "umbrella", "bicycle bell", "teapot"
  };
  static final long[] PRICES_CENTS = {2_499, 3_999, 5_900, 12_900, 499, 1_299, 8_900, 1_999, 899, 2_900};

  public static Order generate(long id) {
    int seller = seller(id);
    int product = ExampleSupport.pick(id, 12, PRODUCTS.length);
    int quantity = 1 + ExampleSupport.pick(id, 13, 3);
    long timestamp = id * 10 + ExampleSupport.pick(id, 14, (int) MAX_OUT_OF_ORDER_MS);
    return new Order(id, SELLERS[seller], PRODUCTS[product], quantity, PRICES_CENTS[product] * quantity, timestamp);
  }

  /**
   * Each seller's popularity changes every 10 s of event time (weights 1..8 drawn per seller and
   * period), so the leaders change from window to window.
   */
  private static int seller(long id) {
    long period = id / 1_000;
    int total = 0;
    int[] weights = new int[SELLERS.length];
    for (int s = 0; s < SELLERS.length; s++) {
      weights[s] = 1 + ExampleSupport.pick(period * SELLERS.length + s, 15, 8);
      total += weights[s];
    }
    int r = ExampleSupport.pick(id, 11, total);
    for (int s = 0; s < SELLERS.length; s++) {
      r -= weights[s];
      if (r < 0) {
        return s;
      }
    }
    throw new AssertionError("unreachable");
  }
}
