package io.weir.nexmark.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import io.weir.sql.api.TableEnvironment;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Flink tool's table layout: {@link NexmarkTables#ddl} and the person/auction/bid views. */
class NexmarkTablesTest {
  private static LocalDateTime ts(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
        ZoneOffset.UTC);
  }

  @ParameterizedTest
  @CsvSource({"BATCH, 1", "STREAMING, 2"})
  void theViewsHoldTheGeneratorsEvents(RuntimeExecutionMode mode, int parallelism) {
    int events = 3_000;
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    TableEnvironment env = TableEnvironment.create(c);
    for (String statement : NexmarkTables.ddl(Map.of("events.num", Integer.toString(events), "seed", "4"))) {
      env.executeSql(statement);
    }
    List<Row> bids = env.executeStatement("SELECT * FROM bid").materialize();
    List<Row> persons = env.executeStatement("SELECT * FROM person").materialize();
    List<Row> auctions = env.executeStatement("SELECT * FROM auction").materialize();
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().eventsNum(events).seed(4).build());
    List<Row> eb = new ArrayList<>();
    List<Row> ep = new ArrayList<>();
    List<Row> ea = new ArrayList<>();
    for (long i = 0; i < events; i++) {
      Event e = g.eventAt(i);
      switch (e.type()) {
        case Event.PERSON -> {
          Person p = e.person();
          ep.add(Row.of(p.id(), p.name(), p.emailAddress(), p.creditCard(), p.city(), p.state(), ts(p.dateTime()),
              p.extra()));
        }
        case Event.AUCTION -> {
          Auction a = e.auction();
          ea.add(Row.of(a.id(), a.itemName(), a.description(), a.initialBid(), a.reserve(), ts(a.dateTime()),
              ts(a.expires()), a.seller(), a.category(), a.extra()));
        }
        default -> {
          Bid b = e.bid();
          eb.add(Row.of(b.auction(), b.bidder(), b.price(), b.channel(), b.url(), ts(b.dateTime()), b.extra()));
        }
      }
    }
    assertThat(bids).hasSize(eb.size()).containsExactlyInAnyOrderElementsOf(eb);
    assertThat(persons).hasSize(ep.size()).containsExactlyInAnyOrderElementsOf(ep);
    assertThat(auctions).hasSize(ea.size()).containsExactlyInAnyOrderElementsOf(ea);
  }
}
