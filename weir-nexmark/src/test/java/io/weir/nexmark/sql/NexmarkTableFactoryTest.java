package io.weir.nexmark.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import io.weir.sql.api.TableEnvironment;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The nexmark connector through SQL in both modes. */
class NexmarkTableFactoryTest {
  private static final String PLAIN_TABLE = "CREATE TABLE nx (event_type INT, person " + NexmarkTables.PERSON_TYPE
      + ", auction " + NexmarkTables.AUCTION_TYPE + ", bid " + NexmarkTables.BID_TYPE
      + ") WITH ('connector' = 'nexmark', ";

  private static TableEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return TableEnvironment.create(c);
  }

  private static List<Row> query(TableEnvironment env, String sql) {
    return env.executeStatement(sql).materialize();
  }

  private static LocalDateTime ts(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
        ZoneOffset.UTC);
  }

  @ParameterizedTest
  @CsvSource({"BATCH, 1", "STREAMING, 1", "BATCH, 2", "STREAMING, 3"})
  void countsPerTypeAreTheGeneratorsInBothModes(RuntimeExecutionMode mode, int parallelism) {
    int events = 5_003;
    TableEnvironment env = env(mode, parallelism);
    env.executeSql(PLAIN_TABLE + "'events.num' = '" + events + "')");
    Map<Integer, Long> counts = new TreeMap<>();
    for (Row r : query(env, "SELECT event_type, COUNT(*) FROM nx GROUP BY event_type")) {
      counts.put((Integer) r.getField(0), ((Number) r.getField(1)).longValue());
    }
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().eventsNum(events).build());
    Map<Integer, Long> expected = new TreeMap<>();
    for (long i = 0; i < events; i++) {
      expected.merge(g.eventTypeAt(i), 1L, Long::sum);
    }
    assertThat(counts).isEqualTo(expected).hasSize(3);
  }

  @ParameterizedTest
  @CsvSource({"BATCH, 2", "STREAMING, 1"})
  void nestedFieldsCarryTheGeneratorsValues(RuntimeExecutionMode mode, int parallelism) {
    int events = 2_000;
    TableEnvironment env = env(mode, parallelism);
    env.executeSql(PLAIN_TABLE + "'events.num' = '" + events + "', 'seed' = '5')");
    List<Row> bids = query(env, "SELECT bid.auction, bid.bidder, bid.price, bid.channel, bid.url, bid.extra "
        + "FROM nx WHERE event_type = 2");
    List<Row> persons = query(env, "SELECT person.id, person.name, person.city, person.extra FROM nx "
        + "WHERE event_type = 0");
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().eventsNum(events).seed(5).build());
    List<Row> expectedBids = new ArrayList<>();
    List<Row> expectedPersons = new ArrayList<>();
    for (long i = 0; i < events; i++) {
      Event e = g.eventAt(i);
      if (e.type() == Event.BID) {
        Bid b = e.bid();
        expectedBids.add(Row.of(b.auction(), b.bidder(), b.price(), b.channel(), b.url(), b.extra()));
      } else if (e.type() == Event.PERSON) {
        Person p = e.person();
        expectedPersons.add(Row.of(p.id(), p.name(), p.city(), p.extra()));
      }
    }
    assertThat(bids).hasSize(expectedBids.size()).containsExactlyInAnyOrderElementsOf(expectedBids);
    assertThat(persons).hasSize(40).containsExactlyInAnyOrderElementsOf(expectedPersons);
  }

  @Test
  void aBidOnlyScanPushesTheTypeFilterAndProjectionIntoTheSource() {
    TableEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    env.executeSql(PLAIN_TABLE + "'events.num' = '1000')");
    String plan = env.explainSql("SELECT bid.price FROM nx WHERE event_type = 2");
    assertThat(plan).contains("only bid");
    assertThat(plan).contains("project=[");
    // the pushed filter gives the same rows as the unfiltered scan filtered above it
    List<Row> pushed = query(env, "SELECT bid.price, bid.dateTime FROM nx WHERE event_type = 2");
    NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.builder().eventsNum(1000).build());
    List<Row> expected = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      if (g.eventTypeAt(i) == Event.BID) {
        Bid b = g.bidAt(i);
        expected.add(Row.of(b.price(), ts(b.dateTime())));
      }
    }
    assertThat(pushed).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(query(env, "SELECT COUNT(*) FROM nx WHERE event_type = 7"))
        .extracting(r -> ((Number) r.getField(0)).longValue()).containsExactly(0L);
  }

  /** The error of declaring and reading a table (the checks may run at either point). */
  private static Throwable error(String createTable) {
    TableEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
      env.executeSql(createTable);
      query(env, "SELECT COUNT(*) FROM " + createTable.split(" ")[2]);
    });
    assertThat(t).isNotNull();
    return t;
  }

  @Test
  void optionAndSchemaErrorsNameTheProblem() {
    assertThat(error(PLAIN_TABLE + "'event.num' = '10')"))
        .hasMessageContaining("table nx").hasMessageContaining("unknown option 'event.num'")
        .hasMessageContaining("(did you mean 'events.num'?)");
    assertThat(error(PLAIN_TABLE + "'first-event.rate' = '-5')"))
        .hasMessageContaining("table nx").hasMessageContaining("'first-event.rate' must be > 0");
    assertThat(error(PLAIN_TABLE + "'events.num' = 'many')"))
        .hasMessageContaining("table nx").hasMessageContaining("'events.num'");
    assertThat(error("CREATE TABLE bad (event_type INT, bid ROW<auction BIGINT, prize BIGINT>) "
        + "WITH ('connector' = 'nexmark', 'events.num' = '10')"))
        .hasMessageContaining("table bad").hasMessageContaining("column 'bid' has no field 'prize' (did you mean 'price'?)");
    assertThat(error("CREATE TABLE bad2 (event_type BIGINT) WITH ('connector' = 'nexmark', 'events.num' = '10')"))
        .hasMessageContaining("column 'event_type' must be INT");
    assertThat(error("CREATE TABLE bad3 (events INT) WITH ('connector' = 'nexmark', 'events.num' = '10')"))
        .hasMessageContaining("column 'events' is not produced by connector 'nexmark'");
  }
}
