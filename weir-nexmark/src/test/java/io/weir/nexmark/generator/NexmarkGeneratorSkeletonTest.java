package io.weir.nexmark.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The id/type/timestamp/foreign-key skeleton against the formulas of the spec (§2.2, §2.4,
 * §2.5), written out here independently of the generator's code.
 */
class NexmarkGeneratorSkeletonTest {
  private static final int EVENTS = 20_000;

  /** Spec §2.5 for proportions 1/3/46: the newest person id (base 0) at an event id. */
  private static long lastPerson(long id) {
    return id / 50;
  }

  /** Spec §2.5: the newest auction id (base 0) at an event id, for proportions 1/3/46. */
  private static long lastAuction(long id) {
    long epoch = id / 50;
    long offset = id % 50;
    if (offset < 1) {
      epoch -= 1;
      offset = 2;
    } else if (offset >= 4) {
      offset = 2;
    } else {
      offset -= 1;
    }
    return epoch * 3 + offset;
  }

  @Test
  void firstEventIsTheAuctionWithEventId2AtTheBaseTime() {
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.defaults());
    assertThat(g.eventId(0)).isEqualTo(2);
    Event first = g.eventAt(0);
    assertThat(first.type()).isEqualTo(Event.AUCTION);
    assertThat(first.auction().id()).isEqualTo(1001);
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2015-07-15T00:00:00Z").toEpochMilli());
    // id 50 is the first person slot: person 1001 (ids 0 and 1 are never generated)
    assertThat(g.eventAt(48).person().id()).isEqualTo(1001);
  }

  @Test
  void typesIdsAndForeignKeysFollowTheSpecFormulas() {
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().eventsNum(EVENTS).build());
    int[] counts = new int[3];
    for (long k = 0; k < EVENTS; k++) {
      long id = k + 2;
      Event e = g.eventAt(k);
      int expectedType = id % 50 < 1 ? 0 : id % 50 < 4 ? 1 : 2;
      assertThat(e.type()).as("type of event id %d", id).isEqualTo(expectedType);
      assertThat(g.eventTypeAt(k)).isEqualTo(expectedType);
      counts[e.type()]++;
      switch (e.type()) {
        case Event.PERSON -> assertThat(e.person().id()).isEqualTo(lastPerson(id) + 1000);
        case Event.AUCTION -> {
          Auction a = e.auction();
          assertThat(a.id()).isEqualTo(lastAuction(id) + 1000);
          long newest = lastPerson(id);
          long hot = (newest / 100) * 100;
          // hot seller, or one of the last 1000 persons, or up to 10 not yet created
          long lo = Math.max(0, newest + 1 - 1000);
          boolean inRange = a.seller() - 1000 == hot || (a.seller() - 1000 >= lo && a.seller() - 1000 <= newest + 10);
          assertThat(inRange).as("seller %d of auction at id %d", a.seller(), id).isTrue();
          assertThat(a.category()).isBetween(10L, 14L);
          assertThat(a.expires()).isGreaterThan(a.dateTime());
          assertThat(a.reserve()).isGreaterThan(a.initialBid());
        }
        default -> {
          Bid b = e.bid();
          long newestAuction = lastAuction(id);
          long hotAuction = (newestAuction / 100) * 100;
          long auction = b.auction() - 1000;
          assertThat(auction == hotAuction
              || (auction >= Math.max(newestAuction - 100, 0) && auction <= newestAuction + 10))
              .as("auction %d of bid at id %d", b.auction(), id).isTrue();
          long newestPerson = lastPerson(id);
          long bidder = b.bidder() - 1000;
          assertThat(bidder == (newestPerson / 100) * 100 + 1
              || (bidder >= Math.max(0, newestPerson + 1 - 1000) && bidder <= newestPerson + 10))
              .as("bidder %d of bid at id %d", b.bidder(), id).isTrue();
        }
      }
    }
    assertThat(counts[0]).isEqualTo(EVENTS / 50);
    assertThat(counts[1]).isEqualTo(EVENTS / 50 * 3);
    assertThat(counts[2]).isEqualTo(EVENTS / 50 * 46);
  }

  @ParameterizedTest
  @CsvSource({"10000, 0", "10000, 12345", "3, 999", "7000000, 100000000", "1000000000, 77"})
  void timestampsFollowTheGlobalSchedule(long rate, long k) {
    long base = 1_000_000_000_000L;
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().firstEventRate(rate).baseTime(base).build());
    double delayUs = 1_000_000.0 / rate;
    long expected = base + (long) ((k + 1) * delayUs) / 1000;
    assertThat(g.timestampAt(k)).isEqualTo(expected);
    assertThat(g.eventAt(k).timestamp()).isEqualTo(expected);
    assertThat(g.wallClockOffsetMillis(k)).isEqualTo(expected - g.timestampAt(0));
  }

  @Test
  void timestampsAreNondecreasingAndAdvanceAtTheEventRate() {
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().firstEventRate(10_000).build());
    long prev = Long.MIN_VALUE;
    for (long k = 0; k < 100_000; k++) {
      long t = g.timestampAt(k);
      assertThat(t).isGreaterThanOrEqualTo(prev);
      prev = t;
    }
    // 100,000 events at 10,000 events/s span 10 s of event time
    assertThat(g.timestampAt(99_999) - g.timestampAt(0)).isEqualTo(10_000);
  }

  @Test
  void auctionsExpireWithinTwiceTheHorizonOf1666Events() {
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().firstEventRate(1000).build());
    long max = 0;
    for (long k = 0; k < 50_000; k++) {
      if (g.eventTypeAt(k) == Event.AUCTION) {
        Auction a = g.auctionAt(k);
        long horizon = g.timestampAt(k + 1666) - a.dateTime();
        long length = a.expires() - a.dateTime();
        assertThat(length).isBetween(1L, 2 * horizon);
        max = Math.max(max, length);
      }
    }
    // at 1,000 events/s the horizon is ~1.67 s: lengths reach well beyond it
    assertThat(max).isGreaterThan(2500);
  }

  @Test
  void unboundedEventCountIsTheOverflowGuard() {
    assertThat(new NexmarkGenerator(NexmarkConfig.defaults()).eventCount()).isEqualTo(Long.MAX_VALUE / (50 * 500));
    assertThat(new NexmarkGenerator(NexmarkConfig.builder().eventsNum(7).build()).eventCount()).isEqualTo(7);
  }

  @Test
  void otherProportionsFollowTheGeneralFormulas() {
    NexmarkConfig c = NexmarkConfig.builder().proportions(2, 5, 13).build();
    NexmarkGenerator g = new NexmarkGenerator(c);
    for (long k = 0; k < 2000; k++) {
      long id = k + 2;
      long epoch = id / 20;
      long offset = id % 20;
      Event e = g.eventAt(k);
      if (offset < 2) {
        assertThat(e.type()).isEqualTo(Event.PERSON);
        assertThat(e.person().id()).isEqualTo(1000 + epoch * 2 + offset);
      } else if (offset < 7) {
        assertThat(e.type()).isEqualTo(Event.AUCTION);
        assertThat(e.auction().id()).isEqualTo(1000 + epoch * 5 + offset - 2);
      } else {
        assertThat(e.type()).isEqualTo(Event.BID);
        // the newest person is epoch * 2 + 1; a bidder may be up to 10 persons ahead of it
        assertThat(e.bid().bidder() - 1000).isBetween(0L, epoch * 2 + 1 + 10);
        assertThat(e.bid().auction() - 1000).isBetween(0L, epoch * 5 + 4 + 10);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "42, 500000"})
  void withoutExtraEveryOtherFieldIsTheSame(long seed, long from) {
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().seed(seed).build());
    for (long k = from; k < from + 3000; k++) {
      switch (g.eventTypeAt(k)) {
        case Event.PERSON -> {
          var full = g.personAt(k);
          assertThat(full.extra()).isNotNull();
          assertThat(g.personAt(k, false)).isEqualTo(new io.weir.nexmark.model.Person(full.id(), full.name(),
              full.emailAddress(), full.creditCard(), full.city(), full.state(), full.dateTime(), null));
        }
        case Event.AUCTION -> {
          Auction full = g.auctionAt(k);
          assertThat(full.extra()).isNotNull();
          assertThat(g.auctionAt(k, false)).isEqualTo(new Auction(full.id(), full.itemName(), full.description(),
              full.initialBid(), full.reserve(), full.dateTime(), full.expires(), full.seller(), full.category(), null));
        }
        default -> {
          Bid full = g.bidAt(k);
          assertThat(full.extra()).isNotNull();
          assertThat(g.bidAt(k, false)).isEqualTo(new Bid(full.auction(), full.bidder(), full.price(), full.channel(),
              full.url(), full.dateTime(), null));
          // and the full event again afterwards: no state leaks from the shorter one
          assertThat(g.bidAt(k)).isEqualTo(full);
        }
      }
    }
  }
}
