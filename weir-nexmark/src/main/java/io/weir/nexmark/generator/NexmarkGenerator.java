package io.weir.nexmark.generator;

import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Nexmark event generator: event {@code index} (0, 1, 2, ... in the one global sequence) is a
 * pure function of ({@link NexmarkConfig}, index). The id/type/timestamp/foreign-key skeleton is
 * that of the Flink Nexmark tool (a port of Beam's generator); the value distributions are the
 * same, drawn from a different random generator.
 *
 * <h2>Skeleton</h2>
 * Event {@code index} k has event number {@code n = k + 1} and event id {@code n + 1} (the Flink
 * tool's firstEventNumber = firstEventId = 1, so the first event has id 2 and is an auction). The
 * type is {@code id mod (person+auction+bid proportion)}: the first {@code person.proportion} slots
 * of each block are persons, the next {@code auction.proportion} auctions, the rest bids. Person
 * and auction ids and the foreign keys of auctions and bids follow the Flink tool's formulas.
 *
 * <h2>Deliberate differences from the Flink tool</h2>
 * <ul>
 *   <li><b>Determinism.</b> Each event's random draws come from a small PRNG (splitmix64) seeded
 *       from (config seed, event id), like Beam's per-event seeding, and the channel URLs and the
 *       pool the {@code extra} strings are cut from are built from fixed seeds. The Flink tool uses
 *       an unseeded random per generator and per-JVM caches, so its values differ on every run.
 *   <li><b>One global timeline.</b> {@code timestamp(k) = baseTime + floor(n * 10^6 /
 *       firstEventRate) / 1000} ms over the global sequence, whatever the parallelism: parallel
 *       readers take interleaved slices of the one sequence. The Flink tool gives each of its P
 *       readers its own block of ids on a parallel timeline that is P times sparser; at parallelism
 *       1 both schedules coincide. So the events (and query results) do not depend on parallelism,
 *       and the auction-expiry horizon (the event time of the next 1666 events) is that of the
 *       Flink tool at parallelism 1.
 *   <li><b>Bidder ids are offset by +1000</b>, like person ids and like Beam, RisingWave and
 *       Arroyo. The Flink tool adds FIRST_PERSON_ID twice to a bid's bidder (nexmark/nexmark issue
 *       #30), so its bidders are ~1000 persons ahead of the newest person; only joins of
 *       bid.bidder with person.id notice the difference.
 *   <li><b>Fixed base time</b>, 2015-07-15T00:00:00Z by default (option {@code base-time}); the
 *       Flink tool takes the wall clock when the job is planned.
 * </ul>
 *
 * <p>Not thread-safe: an instance reuses its random state and a scratch buffer so that making an
 * event allocates only the event and its strings. Create one per thread (construction is cheap;
 * the shared tables are built once per JVM).
 */
public final class NexmarkGenerator {
  /** The Flink tool's first event id and event number: the first event has id 2. */
  public static final long FIRST_EVENT_ID = 1;
  public static final long FIRST_EVENT_NUMBER = 1;
  public static final long FIRST_PERSON_ID = 1000;
  public static final long FIRST_AUCTION_ID = 1000;
  public static final long FIRST_CATEGORY_ID = 10;
  public static final int NUM_CATEGORIES = 5;
  static final int PERSON_ID_LEAD = 10;
  static final int AUCTION_ID_LEAD = 10;
  /** The size of a batch of ids of which the first is "hot". */
  static final int HOT_SELLER_RATIO = 100;
  static final int HOT_AUCTION_RATIO = 100;
  static final int HOT_BIDDER_RATIO = 100;
  static final int NUM_IN_FLIGHT_AUCTIONS = 100;
  static final int NUM_ACTIVE_PEOPLE = 1000;
  static final int HOT_CHANNELS_RATIO = 2;
  static final int CHANNELS_NUMBER = 10_000;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double LN_1E6 = Math.log(1e6);

  private final NexmarkConfig config;
  private final long eventCount;
  private final double delayUs;
  private final int person;
  private final int personAuction;
  private final int total;
  private final long auctionAheadEvents;
  private final long seedMix;
  private final int personAvgSize;
  private final int auctionAvgSize;
  private final int bidAvgSize;
  private final int hotAuctionRatio;
  private final int hotBiddersRatio;
  private final int hotSellersRatio;
  private final long baseTime;

  /** The per-event splitmix64 state. */
  private long state;
  private final byte[] scratch = new byte[128];

  public NexmarkGenerator(NexmarkConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.person = config.personProportion();
    this.personAuction = person + config.auctionProportion();
    this.total = config.totalProportion();
    int maxAvg = Math.max(1, Math.max(config.personAvgSize(), Math.max(config.auctionAvgSize(), config.bidAvgSize())));
    long max = Long.MAX_VALUE / ((long) total * maxAvg);
    this.eventCount = config.eventsNum() > 0 ? config.eventsNum() : max;
    this.delayUs = 1_000_000.0 / config.firstEventRate();
    this.auctionAheadEvents = config.auctionProportion() == 0
        ? 0 : (long) NUM_IN_FLIGHT_AUCTIONS * total / config.auctionProportion();
    this.seedMix = mix64(config.seed() + GOLDEN);
    this.personAvgSize = config.personAvgSize();
    this.auctionAvgSize = config.auctionAvgSize();
    this.bidAvgSize = config.bidAvgSize();
    this.hotAuctionRatio = config.hotAuctionRatio();
    this.hotBiddersRatio = config.hotBiddersRatio();
    this.hotSellersRatio = config.hotSellersRatio();
    this.baseTime = config.baseTime();
  }

  public NexmarkConfig config() {
    return config;
  }

  /**
   * Events in the stream: {@code events.num}, or for an unbounded configuration the Flink tool's
   * overflow guard {@code Long.MAX_VALUE / (total proportion * max avg size)} (~3.7e14).
   */
  public long eventCount() {
    return eventCount;
  }

  /** The event id of event {@code index} (0-based position in the global sequence). */
  public long eventId(long index) {
    return FIRST_EVENT_ID + FIRST_EVENT_NUMBER + index;
  }

  /** {@link Event#PERSON}, {@link Event#AUCTION} or {@link Event#BID}; no random draws. */
  public int eventTypeAt(long index) {
    long r = eventId(index) % total;
    return r < person ? Event.PERSON : r < personAuction ? Event.AUCTION : Event.BID;
  }

  /** Event time (epoch millis) of event {@code index}: nondecreasing in the index. */
  public long timestampAt(long index) {
    return baseTime + (long) ((FIRST_EVENT_NUMBER + index) * delayUs) / 1000;
  }

  /**
   * When event {@code index} is due on the wall-clock schedule, in milliseconds after the first
   * event (used by {@code rate.limited} sources and to measure latency).
   */
  public long wallClockOffsetMillis(long index) {
    return timestampAt(index) - timestampAt(0);
  }

  /** Event {@code index} (0 <= index < {@link #eventCount()}). */
  public Event eventAt(long index) {
    return switch (eventTypeAt(index)) {
      case Event.PERSON -> Event.of(personAt(index));
      case Event.AUCTION -> Event.of(auctionAt(index));
      default -> Event.of(bidAt(index));
    };
  }

  /** The person of event {@code index}, which must be a person event. */
  public Person personAt(long index) {
    return personAt(index, true);
  }

  /**
   * The person of event {@code index}; without {@code extra} its {@code extra} is null and the
   * other fields are unchanged (the filler is the event's last draw).
   */
  public Person personAt(long index, boolean extra) {
    long id = eventId(index);
    seed(id);
    long ts = timestampAt(index);
    long personId = lastBase0PersonId(id / total, id % total) + FIRST_PERSON_ID;
    String name = Tables.NAMES[nextInt(Tables.FIRST_NAMES.length)][nextInt(Tables.LAST_NAMES.length)];
    String email = email();
    String creditCard = creditCard();
    String city = Tables.CITIES[nextInt(Tables.CITIES.length)];
    String state = Tables.STATES[nextInt(Tables.STATES.length)];
    int size = 8 + name.length() + email.length() + creditCard.length() + city.length() + state.length();
    return new Person(personId, name, email, creditCard, city, state, ts, extra ? extraString(size, personAvgSize) : null);
  }

  /** The auction of event {@code index}, which must be an auction event. */
  public Auction auctionAt(long index) {
    return auctionAt(index, true);
  }

  /** The auction of event {@code index}; without {@code extra} like {@link #personAt(long, boolean)}. */
  public Auction auctionAt(long index, boolean extra) {
    long id = eventId(index);
    seed(id);
    long ts = timestampAt(index);
    long epoch = id / total;
    long offset = id - epoch * total;
    long auctionId = lastBase0AuctionId(epoch, offset) + FIRST_AUCTION_ID;
    long lastPerson = lastBase0PersonId(epoch, offset);
    long seller = nextInt(hotSellersRatio) > 0
        ? (lastPerson / HOT_SELLER_RATIO) * HOT_SELLER_RATIO
        : randomBase0Person(lastPerson);
    seller += FIRST_PERSON_ID;
    long category = FIRST_CATEGORY_ID + nextInt(NUM_CATEGORIES);
    long initialBid = price();
    long horizon = timestampAt(index + auctionAheadEvents) - ts;
    long expires = ts + 1 + nextLong(Math.max(horizon * 2, 1L));
    String itemName = randString(20, (byte) ' ');
    String description = randString(100, (byte) ' ');
    long reserve = initialBid + price();
    int size = 8 + itemName.length() + description.length() + 40;
    return new Auction(auctionId, itemName, description, initialBid, reserve, ts, expires, seller, category,
        extra ? extraString(size, auctionAvgSize) : null);
  }

  /** The bid of event {@code index}, which must be a bid event. */
  public Bid bidAt(long index) {
    return bidAt(index, true);
  }

  /** The bid of event {@code index}; without {@code extra} like {@link #personAt(long, boolean)}. */
  public Bid bidAt(long index, boolean extra) {
    long id = eventId(index);
    seed(id);
    long ts = timestampAt(index);
    // one division per event: the id's block (epoch) and slot in it give both newest ids
    long epoch = id / total;
    long offset = id - epoch * total;
    long lastAuction = lastBase0AuctionId(epoch, offset);
    long lastPerson = lastBase0PersonId(epoch, offset);
    long auction = nextInt(hotAuctionRatio) > 0
        ? (lastAuction / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
        : randomBase0Auction(lastAuction);
    auction += FIRST_AUCTION_ID;
    long bidder = nextInt(hotBiddersRatio) > 0
        ? (lastPerson / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
        : randomBase0Person(lastPerson);
    bidder += FIRST_PERSON_ID;
    long price = price();
    String channel;
    String url;
    if (nextInt(HOT_CHANNELS_RATIO) > 0) {
      int i = nextInt(Tables.HOT_CHANNELS.length);
      channel = Tables.HOT_CHANNELS[i];
      url = Tables.HOT_URLS[i];
    } else {
      int c = nextInt(CHANNELS_NUMBER);
      channel = Tables.CHANNEL_NAMES[c];
      url = Tables.CHANNEL_URLS[c];
    }
    return new Bid(auction, bidder, price, channel, url, ts, extra ? extraString(32, bidAvgSize) : null);
  }

  // ---- id derivation (Flink tool / Beam), on base-0 ids ----

  /** The newest person (base 0) at the event in slot {@code offset} of block {@code epoch}. */
  private long lastBase0PersonId(long epoch, long offset) {
    if (offset >= person) {
      offset = person - 1;
    }
    return epoch * person + offset;
  }

  /** The newest auction (base 0) at the event in slot {@code offset} of block {@code epoch}. */
  private long lastBase0AuctionId(long epoch, long offset) {
    int auctions = personAuction - person;
    if (offset < person) {
      epoch--;
      offset = auctions - 1;
    } else if (offset >= personAuction) {
      offset = auctions - 1;
    } else {
      offset -= person;
    }
    return epoch * auctions + offset;
  }

  /** One of the last {@value #NUM_ACTIVE_PEOPLE} persons, or up to 10 not yet created. */
  private long randomBase0Person(long lastPerson) {
    long numPeople = lastPerson + 1;
    long active = Math.min(numPeople, NUM_ACTIVE_PEOPLE);
    long n = nextLong(active + PERSON_ID_LEAD);
    return numPeople - active + n;
  }

  /** One of the last {@value #NUM_IN_FLIGHT_AUCTIONS} auctions, or up to 10 not yet created. */
  private long randomBase0Auction(long lastAuction) {
    long maxAuction = lastAuction;
    long minAuction = Math.max(maxAuction - NUM_IN_FLIGHT_AUCTIONS, 0);
    return minAuction + nextLong(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
  }

  // ---- values ----

  /** Log-uniform between 100 and 10^8 cents: a third below 10^4, a third at or above 10^6. */
  private long price() {
    return Math.round(Math.exp(nextDouble() * LN_1E6) * 100.0);
  }

  private String email() {
    int n = randBytes(0, 7, (byte) ' ');
    scratch[n++] = '@';
    n = randBytes(n, 5, (byte) ' ');
    scratch[n++] = '.';
    scratch[n++] = 'c';
    scratch[n++] = 'o';
    scratch[n++] = 'm';
    return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
  }

  private String creditCard() {
    int n = 0;
    for (int g = 0; g < 4; g++) {
      if (g > 0) {
        scratch[n++] = ' ';
      }
      int v = nextInt(10_000);
      scratch[n++] = (byte) ('0' + v / 1000);
      scratch[n++] = (byte) ('0' + v / 100 % 10);
      scratch[n++] = (byte) ('0' + v / 10 % 10);
      scratch[n++] = (byte) ('0' + v % 10);
    }
    return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** The Flink tool's nextString(max, special): 3..max-1 chars, trimmed. */
  private String randString(int max, byte special) {
    int n = randBytes(0, max, special);
    return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Appends a random string of 3..max-1 characters at {@code from} in the scratch buffer, each
   * {@code special} with probability 1/13 and otherwise a..z; leading and trailing spaces are
   * trimmed as the Flink tool does. Returns the end offset.
   */
  private int randBytes(int from, int max, byte special) {
    int len = 3 + nextInt(max - 3);
    // one draw per character: 26 of the 338 values (1/13) are the special character, the other
    // 312 map 12 each onto a..z
    int end = from;
    for (int i = 0; i < len; i++) {
      int v = nextInt(338);
      scratch[end++] = v < 26 ? special : (byte) ('a' + v % 26);
    }
    if (special == ' ') {
      int start = from;
      while (start < end && scratch[start] == ' ') {
        start++;
      }
      while (end > start && scratch[end - 1] == ' ') {
        end--;
      }
      if (start > from) {
        System.arraycopy(scratch, start, scratch, from, end - start);
        end -= start - from;
      }
    }
    return end;
  }

  /** Filler so the record's idealized size averages {@code avg}: length (avg - current) ± 20 %. */
  private String extraString(int current, int avg) {
    if (current > avg) {
      return "";
    }
    int avgExtra = avg - current;
    int delta = (int) Math.round(avgExtra * 0.2);
    int len = avgExtra - delta + (delta == 0 ? 0 : nextInt(2 * delta));
    return Tables.exactString(len, this);
  }

  // ---- per-event random numbers: splitmix64 seeded from (seed, event id) ----

  private void seed(long id) {
    state = mix64(seedMix ^ (id * 0xD1B54A32D192ED03L));
  }

  long nextLong() {
    state += GOLDEN;
    return mix64(state);
  }

  /** Uniform in [0, bound), bound > 0. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [0, bound), bound > 0. */
  private long nextLong(long bound) {
    if (bound < Integer.MAX_VALUE) {
      return nextInt((int) bound);
    }
    return Math.floorMod(nextLong(), bound);
  }

  private double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
