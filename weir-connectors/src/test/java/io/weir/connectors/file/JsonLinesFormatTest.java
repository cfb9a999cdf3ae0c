package io.weir.connectors.file;

import static io.weir.connectors.file.FormatTestSupport.readAll;
import static io.weir.connectors.file.FormatTestSupport.readRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {
  @TempDir Path dir;

  enum Kind { CLICK, VIEW }

  record Event(String user, long ts, Kind kind, Double score) {}

  record Point(int x, int y) {}

  record Rich(String id, List<String> tags, Map<String, Integer> counts, Point at, BigDecimal amount,
      LocalDate day, Instant when) {}

  public static class Bean {
    public String name;
    public int n;

    @Override
    public boolean equals(Object o) {
      return o instanceof Bean b && java.util.Objects.equals(b.name, name) && b.n == n;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(name, n);
    }

    @Override
    public String toString() {
      return "Bean(" + name + "," + n + ")";
    }
  }

  record HasTime(java.time.OffsetDateTime t) {}

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsRecordsIgnoringUnknownKeysAndBlankLines() throws IOException {
    Path f = write("events.json",
        "{\"user\":\"ann\",\"ts\":5,\"kind\":\"CLICK\",\"score\":1.5,\"extra\":[1]}\n"
            + "\n"
            + "  {\"USER\":\"bob\",\"ts\":6,\"kind\":\"view\"}\n");
    assertThat(readRecords(JsonLinesFormat.forType(Event.class), f))
        .containsExactly(new Event("ann", 5, Kind.CLICK, 1.5), new Event("bob", 6, Kind.VIEW, null));
  }

  @Test
  void nestedValuesGoThroughJackson() throws IOException {
    Path f = write("r.json",
        "{\"id\":\"a\",\"tags\":[\"x\",\"y\"],\"counts\":{\"k\":2},\"at\":{\"x\":1,\"y\":2},\"amount\":10.50,"
            + "\"day\":\"2024-01-02\",\"when\":\"2024-01-02T03:04:05Z\"}\n");
    assertThat(readRecords(JsonLinesFormat.forType(Rich.class), f)).containsExactly(
        new Rich("a", List.of("x", "y"), Map.of("k", 2), new Point(1, 2), new BigDecimal("10.50"),
            LocalDate.of(2024, 1, 2), Instant.parse("2024-01-02T03:04:05Z")));
  }

  @Test
  void readsPojos() throws IOException {
    Path f = write("b.json", "{\"name\":\"x\",\"n\":3}\n");
    Bean b = new Bean();
    b.name = "x";
    b.n = 3;
    assertThat(readRecords(JsonLinesFormat.forType(Bean.class), f)).containsExactly(b);
  }

  @Test
  void badLinesNameFileLineAndFieldAndReadingGoesOn() throws IOException {
    Path f = write("events.json",
        "{\"user\":\"a\",\"ts\":1,\"kind\":\"CLICK\"}\n"
            + "{\"user\":\"b\",\"ts\":\"x\",\"kind\":\"CLICK\"}\n"
            + "{\"user\":\"c\",\"ts\":1.5,\"kind\":\"CLICK\"}\n"
            + "{\"user\":\"d\",\"kind\":\"CLICK\"}\n"
            + "{\"user\":\"e\",\"ts\":1,\"kind\":\"JUMP\"}\n"
            + "{\"user\":\"f\",\"ts\":1,\"kind\":\"CLICK\",\"score\":\"high\"}\n"
            + "[1,2]\n"
            + "{\"user\":\"g\",\"ts\":1,}\n"
            + "{\"user\":\"h\",\"ts\":2,\"kind\":\"VIEW\"} trailing\n"
            + "{\"user\":\"i\",\"ts\":3,\"kind\":\"VIEW\"}\n");
    FormatTestSupport.Result<Event> r = readAll(JsonLinesFormat.forType(Event.class), f);
    String p = f.toString();
    assertThat(r.errors()).hasSize(8);
    assertThat(r.errors().subList(0, 6)).containsExactly(
        p + ":2: field 'ts': expected a number but found \"x\"",
        p + ":3: field 'ts': expected an integer but found 1.5",
        p + ":4: field 'ts': missing value for primitive long",
        p + ":5: field 'kind': cannot parse 'JUMP' as Kind (one of CLICK, VIEW)",
        p + ":6: field 'score': expected a number but found \"high\"",
        p + ":7: expected a JSON object but found [1,2]");
    assertThat(r.errors().get(6)).startsWith(p + ":8: malformed JSON at column 20: Unexpected character ('}'");
    assertThat(r.errors().get(7)).startsWith(p + ":9: malformed JSON at column ");
    assertThat(r.errors()).allSatisfy(e -> assertThat(e).doesNotContain("\n"));
    assertThat(r.records()).extracting(Event::user).containsExactly("a", "i");
  }

  @Test
  void nestedConversionErrorsNameTheField() throws IOException {
    Path f = write("n.json", "{\"id\":\"a\",\"tags\":{\"not\":\"a list\"}}\n");
    FormatTestSupport.Result<Rich> r = readAll(JsonLinesFormat.forType(Rich.class), f);
    assertThat(r.errors()).singleElement().asString()
        .startsWith(f + ":1: field 'tags': cannot convert {\"not\":\"a list\"} to List<String>");
  }

  @Test
  void unsupportedTypesFailAtBuildTime() {
    assertThatThrownBy(() -> JsonLinesFormat.forType(HasTime.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 't'")
        .hasMessageContaining("OffsetDateTime");
  }
}
