package io.weir.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Event;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** q0 (every bid passed through) gives the same multiset of rows on Weir and on Flink. */
class EnginesAgreeTest {
  private static final long EVENTS = 2_000;

  @Test
  void q0ResultsAreEqualOnBothEngines() throws Exception {
    Map<String, String> options = CompareMain.connectorOptions(EVENTS, 10_000);
    ResultSet weir = new WeirEngine(2, null).collect("q0", options);
    ResultSet flink = new FlinkEngine(2, null, true).collect("q0", options);

    NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.fromOptions(options));
    long bids = 0;
    for (long i = 0; i < EVENTS; i++) {
      bids += generator.eventTypeAt(i) == Event.BID ? 1 : 0;
    }
    assertThat(bids).isPositive();
    assertThat(weir.size()).isEqualTo(bids);
    assertThat(flink.size()).isEqualTo(bids);
    assertThat(weir.missingFrom(flink, 3)).isEmpty();
    assertThat(flink.missingFrom(weir, 3)).isEmpty();
    assertThat(weir).isEqualTo(flink);
  }
}
