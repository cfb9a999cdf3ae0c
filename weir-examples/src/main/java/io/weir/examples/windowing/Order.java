package io.weir.examples.windowing;

import io.weir.examples.util.ExampleSupport;

/**
 * An order in a marketplace, generated deterministically from its id: a hundred orders per
 * second of event time, each up to {@link #MAX_OUT_OF_ORDER_MS} late, sellers with skewed
 * popularity so the rankings are not a coin toss.
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
    // u^2 skews towards the first sellers; a per-window wobble keeps the ranking moving.
    double u = (ExampleSupport.pick(id, 11, 1_000_000) + 0.5) / 1_000_000.0;
    int seller = (int) (SELLERS.length * u * u);
    int product = ExampleSupport.pick(id, 12, PRODUCTS.length);
    int quantity = 1 + ExampleSupport.pick(id, 13, 3);
    long timestamp = id * 10 + ExampleSupport.pick(id, 14, (int) MAX_OUT_OF_ORDER_MS);
    return new Order(id, SELLERS[seller], PRODUCTS[product], quantity, PRICES_CENTS[product] * quantity, timestamp);
  }
}
