package io.weir.nexmark.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.nexmark.model.Event;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NexmarkConfigTest {
  @Test
  void defaultsAreTheFlinkToolsWithAFixedBaseTime() {
    NexmarkConfig c = NexmarkConfig.fromOptions(Map.of());
    assertThat(c).isEqualTo(NexmarkConfig.defaults());
    assertThat(c.eventsNum()).isZero();
    assertThat(c.isBounded()).isFalse();
    assertThat(c.firstEventRate()).isEqualTo(10_000);
    assertThat(c.totalProportion()).isEqualTo(50);
    assertThat(c.personAvgSize()).isEqualTo(200);
    assertThat(c.auctionAvgSize()).isEqualTo(500);
    assertThat(c.bidAvgSize()).isEqualTo(100);
    assertThat(c.hotAuctionRatio()).isEqualTo(2);
    assertThat(c.hotBiddersRatio()).isEqualTo(4);
    assertThat(c.hotSellersRatio()).isEqualTo(4);
    assertThat(c.rateLimited()).isFalse();
    assertThat(c.baseTime()).isEqualTo(Instant.parse("2015-07-15T00:00:00Z").toEpochMilli());
  }

  @Test
  void optionsParseAndRoundTrip() {
    NexmarkConfig c = NexmarkConfig.fromOptions(Map.ofEntries(
        Map.entry("connector", "nexmark"),
        Map.entry("events.num", "1000"), Map.entry("first-event.rate", "500"),
        Map.entry("person.proportion", "2"), Map.entry("auction.proportion", "4"), Map.entry("bid.proportion", "14"),
        Map.entry("person.avg-size", "300"), Map.entry("auction.avg-size", "600"), Map.entry("bid.avg-size", "150"),
        Map.entry("bid.hot-ratio.auctions", "3"), Map.entry("bid.hot-ratio.bidders", "5"),
        Map.entry("auction.hot-ratio.sellers", "6"), Map.entry("rate.limited", "TRUE"),
        Map.entry("base-time", "2020-01-02 03:04:05.678"), Map.entry("seed", "9")));
    assertThat(c.eventsNum()).isEqualTo(1000);
    assertThat(c.firstEventRate()).isEqualTo(500);
    assertThat(c.totalProportion()).isEqualTo(20);
    assertThat(c.bidAvgSize()).isEqualTo(150);
    assertThat(c.hotSellersRatio()).isEqualTo(6);
    assertThat(c.rateLimited()).isTrue();
    assertThat(c.baseTime()).isEqualTo(Instant.parse("2020-01-02T03:04:05.678Z").toEpochMilli());
    assertThat(c.seed()).isEqualTo(9);
    assertThat(NexmarkConfig.fromOptions(c.toOptions())).isEqualTo(c);
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toBuilder().seed(10).build()).isNotEqualTo(c);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2015-07-15T00:00:00Z|1436918400000",
      "1436918400123|1436918400123",
      "2015-07-15T01:00:00+01:00|1436918400000",
      "2015-07-15 00:00:00|1436918400000",
      "2015-07-15T00:00:00.5|1436918400500"})
  void baseTimeForms(String text, long millis) {
    assertThat(NexmarkConfig.fromOptions(Map.of("base-time", text)).baseTime()).isEqualTo(millis);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "events.nums|1|unknown nexmark option 'events.nums' (did you mean 'events.num'?)",
      "events.num|ten|nexmark option 'events.num' expects an integer but was 'ten'",
      "rate.limited|yes|nexmark option 'rate.limited' expects true or false but was 'yes'",
      "events.num|-1|nexmark option 'events.num' must be >= 0 (0 = unbounded) but is -1",
      "first-event.rate|0|nexmark option 'first-event.rate' must be > 0 but is 0",
      "bid.hot-ratio.auctions|0|nexmark option 'bid.hot-ratio.auctions' must be >= 1 but is 0",
      "person.proportion|0|nexmark option 'person.proportion' must be > 0",
      "bid.avg-size|-3|nexmark option 'bid.avg-size' must be >= 0 but is -3",
      "person.avg-size|3000000000|nexmark option 'person.avg-size' expects an integer but was '3000000000'",
      "base-time|yesterday|nexmark option 'base-time' expects an instant"})
  void badOptionsNameTheOption(String key, String value, String message) {
    assertThatThrownBy(() -> NexmarkConfig.fromOptions(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void bidsNeedAuctions() {
    assertThatThrownBy(() -> NexmarkConfig.builder().proportions(1, 0, 5).build())
        .hasMessageContaining("'auction.proportion' must be > 0 when bid.proportion > 0");
    // persons and auctions only is fine
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().proportions(1, 1, 0).build());
    assertThat(g.eventAt(0).type()).isEqualTo(Event.PERSON);
    assertThat(g.eventAt(1).type()).isEqualTo(Event.AUCTION);
  }
}
