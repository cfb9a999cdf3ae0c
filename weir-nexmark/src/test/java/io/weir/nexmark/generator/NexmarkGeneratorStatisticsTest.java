package io.weir.nexmark.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Value distributions over 100,000 events (spec §2.6-§2.9), per seed: hot ratios, price thirds,
 * categories, string alphabets and lengths, average idealized sizes.
 */
class NexmarkGeneratorStatisticsTest {
  private static final int EVENTS = 100_000;

  @ParameterizedTest
  @ValueSource(longs = {0, 42, -7})
  void distributionsMatchTheSpec(long seed) {
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().seed(seed).eventsNum(EVENTS).build());
    long persons = 0, auctions = 0, bids = 0;
    long hotSellers = 0, hotAuctions = 0, hotBidders = 0, hotChannels = 0;
    long[] priceThirds = new long[3];
    long[] categories = new long[5];
    long personSize = 0, auctionSize = 0, bidSize = 0;
    Set<String> states = new HashSet<>();
    Set<String> channels = new HashSet<>();
    Set<String> urls = new HashSet<>();
    Set<Character> extraChars = new HashSet<>();
    for (long k = 0; k < EVENTS; k++) {
      long id = k + 2;
      Event e = g.eventAt(k);
      switch (e.type()) {
        case Event.PERSON -> {
          Person p = e.person();
          persons++;
          assertThat(p.name()).matches("[A-Z][a-z]+ [A-Z][a-z]+");
          // both parts are trimmed random strings: an all-blank part trims to nothing (as in the Flink tool)
          assertThat(p.emailAddress()).matches("([a-z]([a-z ]*[a-z])?)?@([a-z]([a-z ]*[a-z])?)?\\.com");
          assertThat(p.creditCard()).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
          states.add(p.state());
          personSize += 8 + p.name().length() + p.emailAddress().length() + p.creditCard().length()
              + p.city().length() + p.state().length() + p.extra().length();
        }
        case Event.AUCTION -> {
          Auction a = e.auction();
          auctions++;
          if (a.seller() - 1000 == (id / 50) / 100 * 100) {
            hotSellers++;
          }
          categories[(int) (a.category() - 10)]++;
          assertThat(a.itemName().length()).isBetween(1, 19);
          assertThat(a.description().length()).isBetween(1, 99);
          assertThat(a.itemName()).matches("[a-z]([a-z ]*[a-z])?");
          auctionSize += 8 + a.itemName().length() + a.description().length() + 40 + a.extra().length();
          third(priceThirds, a.initialBid());
        }
        default -> {
          Bid b = e.bid();
          bids++;
          long lastAuction = lastAuction(id);
          if (b.auction() - 1000 == lastAuction / 100 * 100) {
            hotAuctions++;
          }
          if (b.bidder() - 1000 == (id / 50) / 100 * 100 + 1) {
            hotBidders++;
          }
          if (!b.channel().startsWith("channel-")) {
            hotChannels++;
          }
          channels.add(b.channel());
          urls.add(b.url());
          third(priceThirds, b.price());
          assertThat(b.price()).isBetween(100L, 100_000_000L);
          assertThat(b.extra().length()).isBetween(54, 81);
          for (char c : b.extra().toCharArray()) {
            extraChars.add(c);
          }
          bidSize += 32 + b.extra().length();
        }
      }
    }
    // Hot shares: the hot id is also drawn by chance now and then, so the observed shares sit a
    // little above 1 - 1/ratio.
    assertThat((double) hotAuctions / bids).isCloseTo(0.5, within(0.02));
    assertThat((double) hotBidders / bids).isCloseTo(0.75, within(0.02));
    assertThat((double) hotSellers / auctions).isCloseTo(0.75, within(0.03));
    assertThat((double) hotChannels / bids).isCloseTo(0.5, within(0.01));
    long priced = auctions + bids;
    for (long third : priceThirds) {
      assertThat((double) third / priced).isCloseTo(1.0 / 3, within(0.01));
    }
    for (long c : categories) {
      assertThat((double) c / auctions).isCloseTo(0.2, within(0.03));
    }
    assertThat(states).containsExactlyInAnyOrder("AZ", "CA", "ID", "OR", "WA", "WY");
    assertThat(channels).contains("Google", "Facebook", "Baidu", "Apple");
    assertThat(channels.size()).isGreaterThan(5000);
    // Math.abs(Integer.reverse(1)) is Integer.MIN_VALUE, as in the Flink tool
    assertThat(urls).allMatch(u -> u.matches(
        "https://www\\.nexmark\\.com/[a-z_]{3,4}/[a-z_]{3,4}/[a-z_]{3,4}/item\\.htm\\?query=1(&channel_id=-?\\d+)?"));
    assertThat(urls.stream().filter(u -> u.contains("&channel_id=")).count())
        .isBetween((long) (0.85 * (urls.size() - 4)), (long) (0.95 * (urls.size() - 4)));
    // Beam's exactString alphabet: 'H'..'z' (signed remainder), all 51 characters appear
    assertThat(extraChars).allMatch(c -> c >= 'H' && c <= 'z').hasSize(51);
    assertThat((double) personSize / persons).isCloseTo(200, within(5.0));
    assertThat((double) auctionSize / auctions).isCloseTo(500, within(5.0));
    assertThat((double) bidSize / bids).isCloseTo(100, within(1.0));
  }

  private static void third(long[] thirds, long price) {
    thirds[price < 10_000 ? 0 : price < 1_000_000 ? 1 : 2]++;
  }

  private static long lastAuction(long id) {
    long epoch = id / 50;
    long offset = id % 50;
    if (offset < 1) {
      return (epoch - 1) * 3 + 2;
    }
    return epoch * 3 + (offset >= 4 ? 2 : offset - 1);
  }
}
