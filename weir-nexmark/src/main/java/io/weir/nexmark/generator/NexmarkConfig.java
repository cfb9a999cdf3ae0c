package io.weir.nexmark.generator;

import io.weir.core.config.ConfigOption;
import io.weir.sql.catalog.Names;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration of a {@link NexmarkGenerator}: immutable, serializable, built with {@link
 * #builder()} or parsed from the Flink Nexmark connector's option names with {@link
 * #fromOptions(Map)} (plus Weir's {@code rate.limited}, {@code base-time} and {@code seed}).
 *
 * <p>Two configurations that are {@link #equals equal} produce identical events.
 */
public final class NexmarkConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** 2015-07-15T00:00:00Z, Beam's base time: a fixed default keeps runs reproducible. */
  public static final long DEFAULT_BASE_TIME = Instant.parse("2015-07-15T00:00:00Z").toEpochMilli();

  public static final ConfigOption<Long> EVENTS_NUM =
      ConfigOption.of("events.num", Long.class, 0L, "Number of events; 0 = unbounded");
  public static final ConfigOption<Long> FIRST_EVENT_RATE = ConfigOption.of("first-event.rate", Long.class, 10_000L,
      "Events per second of event time (and of wall time with rate.limited)");
  public static final ConfigOption<Integer> PERSON_PROPORTION =
      ConfigOption.of("person.proportion", Integer.class, 1, "Persons per block of person+auction+bid proportion ids");
  public static final ConfigOption<Integer> AUCTION_PROPORTION =
      ConfigOption.of("auction.proportion", Integer.class, 3, "Auctions per block");
  public static final ConfigOption<Integer> BID_PROPORTION =
      ConfigOption.of("bid.proportion", Integer.class, 46, "Bids per block");
  public static final ConfigOption<Integer> PERSON_AVG_SIZE =
      ConfigOption.of("person.avg-size", Integer.class, 200, "Average idealized person size in bytes");
  public static final ConfigOption<Integer> AUCTION_AVG_SIZE =
      ConfigOption.of("auction.avg-size", Integer.class, 500, "Average idealized auction size in bytes");
  public static final ConfigOption<Integer> BID_AVG_SIZE =
      ConfigOption.of("bid.avg-size", Integer.class, 100, "Average idealized bid size in bytes");
  public static final ConfigOption<Integer> HOT_AUCTION_RATIO = ConfigOption.of("bid.hot-ratio.auctions", Integer.class, 2,
      "1 - 1/ratio of bids go to the current hot auction");
  public static final ConfigOption<Integer> HOT_BIDDERS_RATIO = ConfigOption.of("bid.hot-ratio.bidders", Integer.class, 4,
      "1 - 1/ratio of bids come from the current hot bidder");
  public static final ConfigOption<Integer> HOT_SELLERS_RATIO = ConfigOption.of("auction.hot-ratio.sellers", Integer.class, 4,
      "1 - 1/ratio of auctions come from the current hot seller");
  public static final ConfigOption<Boolean> RATE_LIMITED = ConfigOption.of("rate.limited", Boolean.class, false,
      "Emit on the wall-clock schedule of first-event.rate instead of as fast as possible");
  public static final ConfigOption<String> BASE_TIME = ConfigOption.of("base-time", String.class, "2015-07-15T00:00:00Z",
      "Event time of the first event: ISO instant, 'yyyy-MM-dd HH:mm:ss[.SSS]' (UTC) or epoch millis");
  public static final ConfigOption<Long> SEED =
      ConfigOption.of("seed", Long.class, 0L, "Seed of the per-event random values");

  /** Every option {@link #fromOptions} accepts. */
  public static final List<ConfigOption<?>> OPTIONS = List.of(EVENTS_NUM, FIRST_EVENT_RATE, PERSON_PROPORTION,
      AUCTION_PROPORTION, BID_PROPORTION, PERSON_AVG_SIZE, AUCTION_AVG_SIZE, BID_AVG_SIZE, HOT_AUCTION_RATIO,
      HOT_BIDDERS_RATIO, HOT_SELLERS_RATIO, RATE_LIMITED, BASE_TIME, SEED);

  private final long eventsNum;
  private final long firstEventRate;
  private final int personProportion;
  private final int auctionProportion;
  private final int bidProportion;
  private final int personAvgSize;
  private final int auctionAvgSize;
  private final int bidAvgSize;
  private final int hotAuctionRatio;
  private final int hotBiddersRatio;
  private final int hotSellersRatio;
  private final boolean rateLimited;
  private final long baseTime;
  private final long seed;

  private NexmarkConfig(Builder b) {
    this.eventsNum = b.eventsNum;
    this.firstEventRate = b.firstEventRate;
    this.personProportion = b.personProportion;
    this.auctionProportion = b.auctionProportion;
    this.bidProportion = b.bidProportion;
    this.personAvgSize = b.personAvgSize;
    this.auctionAvgSize = b.auctionAvgSize;
    this.bidAvgSize = b.bidAvgSize;
    this.hotAuctionRatio = b.hotAuctionRatio;
    this.hotBiddersRatio = b.hotBiddersRatio;
    this.hotSellersRatio = b.hotSellersRatio;
    this.rateLimited = b.rateLimited;
    this.baseTime = b.baseTime;
    this.seed = b.seed;
    check(eventsNum >= 0, EVENTS_NUM, "must be >= 0 (0 = unbounded)", eventsNum);
    check(firstEventRate > 0, FIRST_EVENT_RATE, "must be > 0", firstEventRate);
    check(personProportion >= 0, PERSON_PROPORTION, "must be >= 0", personProportion);
    check(auctionProportion >= 0, AUCTION_PROPORTION, "must be >= 0", auctionProportion);
    check(bidProportion >= 0, BID_PROPORTION, "must be >= 0", bidProportion);
    // Bids and auctions refer to persons, bids to auctions: a stream without them has no keys to draw.
    check(personProportion > 0, PERSON_PROPORTION, "must be > 0 (auctions and bids refer to persons)", personProportion);
    check(bidProportion == 0 || auctionProportion > 0, AUCTION_PROPORTION,
        "must be > 0 when bid.proportion > 0 (bids refer to auctions)", auctionProportion);
    check(personAvgSize >= 0, PERSON_AVG_SIZE, "must be >= 0", personAvgSize);
    check(auctionAvgSize >= 0, AUCTION_AVG_SIZE, "must be >= 0", auctionAvgSize);
    check(bidAvgSize >= 0, BID_AVG_SIZE, "must be >= 0", bidAvgSize);
    check(hotAuctionRatio >= 1, HOT_AUCTION_RATIO, "must be >= 1", hotAuctionRatio);
    check(hotBiddersRatio >= 1, HOT_BIDDERS_RATIO, "must be >= 1", hotBiddersRatio);
    check(hotSellersRatio >= 1, HOT_SELLERS_RATIO, "must be >= 1", hotSellersRatio);
  }

  private static void check(boolean ok, ConfigOption<?> option, String rule, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("nexmark option '" + option.key() + "' " + rule + " but is " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults (unbounded, 10,000 events/s, proportions 1/3/46, as the Flink tool). */
  public static NexmarkConfig defaults() {
    return builder().build();
  }

  /**
   * Parses the Flink Nexmark connector's options. Keys not in {@link #OPTIONS} (except {@code
   * connector}) and values that do not parse fail with an {@link IllegalArgumentException} naming
   * the option.
   */
  public static NexmarkConfig fromOptions(Map<String, String> options) {
    Map<String, ConfigOption<?>> known = new TreeMap<>();
    for (ConfigOption<?> o : OPTIONS) {
      known.put(o.key(), o);
    }
    for (String key : options.keySet()) {
      if (!known.containsKey(key) && !key.equals("connector")) {
        String near = Names.nearest(key, known.keySet());
        throw new IllegalArgumentException("unknown nexmark option '" + key + "'"
            + (near != null ? " (did you mean '" + near + "'?)" : "") + "; known: " + String.join(", ", known.keySet()));
      }
    }
    Builder b = builder();
    b.eventsNum(parse(options, EVENTS_NUM));
    b.firstEventRate(parse(options, FIRST_EVENT_RATE));
    b.proportions(parse(options, PERSON_PROPORTION), parse(options, AUCTION_PROPORTION), parse(options, BID_PROPORTION));
    b.avgSizes(parse(options, PERSON_AVG_SIZE), parse(options, AUCTION_AVG_SIZE), parse(options, BID_AVG_SIZE));
    b.hotAuctionRatio(parse(options, HOT_AUCTION_RATIO));
    b.hotBiddersRatio(parse(options, HOT_BIDDERS_RATIO));
    b.hotSellersRatio(parse(options, HOT_SELLERS_RATIO));
    b.rateLimited(parse(options, RATE_LIMITED));
    b.baseTime(parseBaseTime(parse(options, BASE_TIME)));
    b.seed(parse(options, SEED));
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static <T> T parse(Map<String, String> options, ConfigOption<T> option) {
    String raw = options.get(option.key());
    if (raw == null) {
      return option.defaultValue();
    }
    String s = raw.trim();
    try {
      Class<T> type = option.type();
      if (type == Long.class) {
        return (T) Long.valueOf(s.replace("_", ""));
      } else if (type == Integer.class) {
        return (T) Integer.valueOf(s.replace("_", ""));
      } else if (type == Boolean.class) {
        if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException();
        }
        return (T) Boolean.valueOf(s.toLowerCase(Locale.ROOT));
      }
      return (T) s;
    } catch (IllegalArgumentException e) {
      String expected = option.type() == Boolean.class ? "true or false" : "an integer";
      throw new IllegalArgumentException("nexmark option '" + option.key() + "' expects " + expected + " but was '" + raw + "'");
    }
  }

  private static long parseBaseTime(String s) {
    try {
      if (s.matches("-?[0-9]+")) {
        return Long.parseLong(s);
      }
      if (s.endsWith("Z") || s.contains("+")) {
        return Instant.parse(s).toEpochMilli();
      }
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("nexmark option '" + BASE_TIME.key()
          + "' expects an instant such as '2015-07-15T00:00:00Z', 'yyyy-MM-dd HH:mm:ss[.SSS]' (UTC) or epoch millis but was '"
          + s + "'");
    }
  }

  /** The options that reproduce this configuration through {@link #fromOptions}. */
  public Map<String, String> toOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(EVENTS_NUM.key(), Long.toString(eventsNum));
    m.put(FIRST_EVENT_RATE.key(), Long.toString(firstEventRate));
    m.put(PERSON_PROPORTION.key(), Integer.toString(personProportion));
    m.put(AUCTION_PROPORTION.key(), Integer.toString(auctionProportion));
    m.put(BID_PROPORTION.key(), Integer.toString(bidProportion));
    m.put(PERSON_AVG_SIZE.key(), Integer.toString(personAvgSize));
    m.put(AUCTION_AVG_SIZE.key(), Integer.toString(auctionAvgSize));
    m.put(BID_AVG_SIZE.key(), Integer.toString(bidAvgSize));
    m.put(HOT_AUCTION_RATIO.key(), Integer.toString(hotAuctionRatio));
    m.put(HOT_BIDDERS_RATIO.key(), Integer.toString(hotBiddersRatio));
    m.put(HOT_SELLERS_RATIO.key(), Integer.toString(hotSellersRatio));
    m.put(RATE_LIMITED.key(), Boolean.toString(rateLimited));
    m.put(BASE_TIME.key(), Instant.ofEpochMilli(baseTime).toString());
    m.put(SEED.key(), Long.toString(seed));
    return m;
  }

  public Builder toBuilder() {
    return builder().eventsNum(eventsNum).firstEventRate(firstEventRate)
        .proportions(personProportion, auctionProportion, bidProportion)
        .avgSizes(personAvgSize, auctionAvgSize, bidAvgSize).hotAuctionRatio(hotAuctionRatio)
        .hotBiddersRatio(hotBiddersRatio).hotSellersRatio(hotSellersRatio).rateLimited(rateLimited)
        .baseTime(baseTime).seed(seed);
  }

  /** Number of events; 0 = unbounded. */
  public long eventsNum() {
    return eventsNum;
  }

  public boolean isBounded() {
    return eventsNum > 0;
  }

  /** Events per second of event time over the whole (global) stream. */
  public long firstEventRate() {
    return firstEventRate;
  }

  public int personProportion() {
    return personProportion;
  }

  public int auctionProportion() {
    return auctionProportion;
  }

  public int bidProportion() {
    return bidProportion;
  }

  public int totalProportion() {
    return personProportion + auctionProportion + bidProportion;
  }

  public int personAvgSize() {
    return personAvgSize;
  }

  public int auctionAvgSize() {
    return auctionAvgSize;
  }

  public int bidAvgSize() {
    return bidAvgSize;
  }

  public int hotAuctionRatio() {
    return hotAuctionRatio;
  }

  public int hotBiddersRatio() {
    return hotBiddersRatio;
  }

  public int hotSellersRatio() {
    return hotSellersRatio;
  }

  public boolean rateLimited() {
    return rateLimited;
  }

  /** Epoch millis the event timeline starts at. */
  public long baseTime() {
    return baseTime;
  }

  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NexmarkConfig c && toOptions().equals(c.toOptions());
  }

  @Override
  public int hashCode() {
    return toOptions().hashCode();
  }

  @Override
  public String toString() {
    return "NexmarkConfig" + toOptions();
  }

  /** Builder with the Flink tool's defaults. */
  public static final class Builder {
    private long eventsNum = EVENTS_NUM.defaultValue();
    private long firstEventRate = FIRST_EVENT_RATE.defaultValue();
    private int personProportion = PERSON_PROPORTION.defaultValue();
    private int auctionProportion = AUCTION_PROPORTION.defaultValue();
    private int bidProportion = BID_PROPORTION.defaultValue();
    private int personAvgSize = PERSON_AVG_SIZE.defaultValue();
    private int auctionAvgSize = AUCTION_AVG_SIZE.defaultValue();
    private int bidAvgSize = BID_AVG_SIZE.defaultValue();
    private int hotAuctionRatio = HOT_AUCTION_RATIO.defaultValue();
    private int hotBiddersRatio = HOT_BIDDERS_RATIO.defaultValue();
    private int hotSellersRatio = HOT_SELLERS_RATIO.defaultValue();
    private boolean rateLimited = RATE_LIMITED.defaultValue();
    private long baseTime = DEFAULT_BASE_TIME;
    private long seed = SEED.defaultValue();

    private Builder() {}

    /** 0 = unbounded. */
    public Builder eventsNum(long eventsNum) {
      this.eventsNum = eventsNum;
      return this;
    }

    public Builder firstEventRate(long eventsPerSecond) {
      this.firstEventRate = eventsPerSecond;
      return this;
    }

    public Builder proportions(int person, int auction, int bid) {
      this.personProportion = person;
      this.auctionProportion = auction;
      this.bidProportion = bid;
      return this;
    }

    public Builder avgSizes(int person, int auction, int bid) {
      this.personAvgSize = person;
      this.auctionAvgSize = auction;
      this.bidAvgSize = bid;
      return this;
    }

    public Builder hotAuctionRatio(int ratio) {
      this.hotAuctionRatio = ratio;
      return this;
    }

    public Builder hotBiddersRatio(int ratio) {
      this.hotBiddersRatio = ratio;
      return this;
    }

    public Builder hotSellersRatio(int ratio) {
      this.hotSellersRatio = ratio;
      return this;
    }

    public Builder rateLimited(boolean rateLimited) {
      this.rateLimited = rateLimited;
      return this;
    }

    /** Epoch millis of the timeline's start. */
    public Builder baseTime(long epochMillis) {
      this.baseTime = epochMillis;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** @throws IllegalArgumentException naming the option whose value is out of range */
    public NexmarkConfig build() {
      return new NexmarkConfig(this);
    }
  }
}
