package io.weir.nexmark.generator;

/**
 * The generator's constant tables, built once per JVM from fixed seeds so that every JVM (and
 * every reader) sees the same channel URLs and filler text.
 */
final class Tables {
  private Tables() {}

  static final String[] FIRST_NAMES = {
      "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"};
  static final String[] LAST_NAMES = {
      "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
  static final String[] CITIES = {
      "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent",
      "Cheyenne"};
  static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

  /** "First Last" for every pair, so a person's name costs no allocation. */
  static final String[][] NAMES = new String[FIRST_NAMES.length][LAST_NAMES.length];

  static final String[] HOT_URLS = new String[HOT_CHANNELS.length];
  static final String[] CHANNEL_NAMES = new String[NexmarkGenerator.CHANNELS_NUMBER];
  static final String[] CHANNEL_URLS = new String[NexmarkGenerator.CHANNELS_NUMBER];

  /**
   * Filler text (the Flink tool's exactString alphabet 'H'..'z'); extra strings are cut from it at
   * random offsets. 128 KiB rather than the Flink tool's 1 MiB: it stays in a core's L2 cache,
   * which makes a bid ~20 % cheaper to generate, and the text is random either way.
   */
  static final int POOL_SIZE = 1 << 17;
  static final String POOL;

  private static final long URL_SEED = 0x6E65786D61726B31L;
  private static final long POOL_SEED = 0x6E65786D61726B32L;

  static {
    for (int f = 0; f < FIRST_NAMES.length; f++) {
      for (int l = 0; l < LAST_NAMES.length; l++) {
        NAMES[f][l] = FIRST_NAMES[f] + " " + LAST_NAMES[l];
      }
    }
    for (int i = 0; i < HOT_URLS.length; i++) {
      HOT_URLS[i] = baseUrl(new SplitMix(URL_SEED - 1 - i));
    }
    for (int c = 0; c < CHANNEL_URLS.length; c++) {
      SplitMix r = new SplitMix(URL_SEED + c);
      String url = baseUrl(r);
      if (r.nextInt(10) > 0) {
        url = url + "&channel_id=" + Math.abs(Integer.reverse(c));
      }
      CHANNEL_NAMES[c] = "channel-" + c;
      CHANNEL_URLS[c] = url;
    }
    SplitMix r = new SplitMix(POOL_SEED);
    char[] pool = new char[POOL_SIZE];
    fillExact(pool, 0, POOL_SIZE, r);
    POOL = new String(pool);
  }

  private static String baseUrl(SplitMix r) {
    return "https://www.nexmark.com/" + urlPart(r) + "/" + urlPart(r) + "/" + urlPart(r) + "/item.htm?query=1";
  }

  /** The Flink tool's nextString(5, '_'): 3 or 4 characters of a..z or '_' (1/13). */
  private static String urlPart(SplitMix r) {
    int len = 3 + r.nextInt(2);
    char[] c = new char[len];
    for (int i = 0; i < len; i++) {
      c[i] = r.nextInt(13) == 0 ? '_' : (char) ('a' + r.nextInt(26));
    }
    return new String(c);
  }

  /**
   * Beam's exactString: a fresh 32-bit int every 6 characters, each character 'a' + (r % 26) with
   * Java's signed remainder, r /= 26; negative ints give the characters 'H'..'`'.
   */
  private static void fillExact(char[] out, int from, int len, SplitMix r) {
    int rnd = 0;
    int left = 0;
    for (int i = from; i < from + len; i++) {
      if (left == 0) {
        rnd = (int) r.nextLong();
        left = 6;
      }
      out[i] = (char) ('a' + rnd % 26);
      rnd /= 26;
      left--;
    }
  }

  /** {@code len} characters of exactString text, cut from the pool at a random offset. */
  static String exactString(int len, NexmarkGenerator g) {
    if (len <= 0) {
      return "";
    }
    if (len <= POOL_SIZE / 2) {
      int off = g.nextInt(POOL_SIZE - len);
      return POOL.substring(off, off + len);
    }
    char[] c = new char[len];
    fillExact(c, 0, len, new SplitMix(g.nextLong()));
    return new String(c);
  }

  /** A seeded splitmix64 for the tables. */
  static final class SplitMix {
    private long state;

    SplitMix(long seed) {
      this.state = NexmarkGenerator.mix64(seed);
    }

    long nextLong() {
      state += 0x9E3779B97F4A7C15L;
      return NexmarkGenerator.mix64(state);
    }

    int nextInt(int bound) {
      return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
  }
}
