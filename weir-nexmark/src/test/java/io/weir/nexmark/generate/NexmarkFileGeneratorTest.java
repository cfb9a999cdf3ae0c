package io.weir.nexmark.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files read back with an independent parser (Jackson) equal the generator's events. */
class NexmarkFileGeneratorTest {
  private static final int EVENTS = 3_000;
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private static long millis(String text) {
    return LocalDateTime.parse(text, TS).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** Each file's records as field-name → text maps, in file order. */
  private static List<Map<String, String>> readCsv(Path file) throws Exception {
    CsvMapper mapper = new CsvMapper();
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    return rows;
  }

  private static List<Map<String, String>> readJson(Path file) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<Map<String, String>> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = mapper.readTree(line);
        Map<String, String> m = new java.util.LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        rows.add(m);
      }
    }
    return rows;
  }

  @Test
  void csvAndJsonRoundTrip(@TempDir Path dir) throws Exception {
    NexmarkConfig config = NexmarkConfig.builder().eventsNum(EVENTS).seed(8).build();
    NexmarkFileGenerator.Result csv = NexmarkFileGenerator.write(config, dir.resolve("csv"), "csv");
    NexmarkFileGenerator.Result json = NexmarkFileGenerator.write(config, dir.resolve("json"), NexmarkFileGenerator.Format.JSON);
    assertThat(csv.events()).isEqualTo(EVENTS);
    assertThat(json.bids()).isEqualTo(csv.bids());
    assertThat(Files.readAllLines(csv.bidFile()).get(0)).isEqualTo("auction,bidder,price,channel,url,dateTime,extra");
    assertThat(csv.personFile().getFileName().toString()).isEqualTo("person.csv");
    assertThat(json.auctionFile().getFileName().toString()).isEqualTo("auction.json");

    List<Person> persons = new ArrayList<>();
    List<Auction> auctions = new ArrayList<>();
    List<Bid> bids = new ArrayList<>();
    NexmarkGenerator g = new NexmarkGenerator(config);
    for (long i = 0; i < EVENTS; i++) {
      Event e = g.eventAt(i);
      switch (e.type()) {
        case Event.PERSON -> persons.add(e.person());
        case Event.AUCTION -> auctions.add(e.auction());
        default -> bids.add(e.bid());
      }
    }
    for (boolean isCsv : new boolean[] {true, false}) {
      NexmarkFileGenerator.Result r = isCsv ? csv : json;
      List<Map<String, String>> p = isCsv ? readCsv(r.personFile()) : readJson(r.personFile());
      List<Map<String, String>> a = isCsv ? readCsv(r.auctionFile()) : readJson(r.auctionFile());
      List<Map<String, String>> b = isCsv ? readCsv(r.bidFile()) : readJson(r.bidFile());
      assertThat(p).hasSize(persons.size());
      assertThat(a).hasSize(auctions.size());
      assertThat(b).hasSize(bids.size());
      for (int i = 0; i < persons.size(); i++) {
        Person x = persons.get(i);
        Map<String, String> m = p.get(i);
        assertThat(new Person(Long.parseLong(m.get("id")), m.get("name"), m.get("emailAddress"), m.get("creditCard"),
            m.get("city"), m.get("state"), millis(m.get("dateTime")), m.get("extra"))).isEqualTo(x);
      }
      for (int i = 0; i < auctions.size(); i++) {
        Map<String, String> m = a.get(i);
        assertThat(new Auction(Long.parseLong(m.get("id")), m.get("itemName"), m.get("description"),
            Long.parseLong(m.get("initialBid")), Long.parseLong(m.get("reserve")), millis(m.get("dateTime")),
            millis(m.get("expires")), Long.parseLong(m.get("seller")), Long.parseLong(m.get("category")),
            m.get("extra"))).isEqualTo(auctions.get(i));
      }
      for (int i = 0; i < bids.size(); i++) {
        Map<String, String> m = b.get(i);
        assertThat(new Bid(Long.parseLong(m.get("auction")), Long.parseLong(m.get("bidder")),
            Long.parseLong(m.get("price")), m.get("channel"), m.get("url"), millis(m.get("dateTime")), m.get("extra")))
            .isEqualTo(bids.get(i));
      }
    }
    assertThat(NexmarkFileGenerator.formatTimestamp(Instant.parse("2015-07-15T00:00:01.002Z").toEpochMilli()))
        .isEqualTo("2015-07-15 00:00:01.002");
  }

  @Test
  void errors(@TempDir Path dir) {
    assertThatThrownBy(() -> NexmarkFileGenerator.write(NexmarkConfig.defaults(), dir, "csv"))
        .hasMessageContaining("'events.num' must be > 0");
    assertThatThrownBy(() -> NexmarkFileGenerator.write(NexmarkConfig.builder().eventsNum(1).build(), dir, "xml"))
        .hasMessageContaining("unknown nexmark file format 'xml' (expected csv or json)");
  }
}
