package io.weir.nexmark.generate;

import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the events of a bounded {@link NexmarkConfig} as three files, {@code person}, {@code
 * auction} and {@code bid}, for other engines and oracles (DuckDB reads both formats):
 * <ul>
 *   <li>{@code csv}: a header row of the Flink field names, RFC 4180 quoting, timestamps as {@code
 *       yyyy-MM-dd HH:mm:ss.SSS} (UTC);
 *   <li>{@code json}: one object per line with the same field names and timestamp text.
 * </ul>
 * The events are those of the SQL connector and the DataStream source for the same configuration.
 */
public final class NexmarkFileGenerator {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

  public static final List<String> PERSON_FIELDS =
      List.of("id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra");
  public static final List<String> AUCTION_FIELDS = List.of("id", "itemName", "description", "initialBid", "reserve",
      "dateTime", "expires", "seller", "category", "extra");
  public static final List<String> BID_FIELDS =
      List.of("auction", "bidder", "price", "channel", "url", "dateTime", "extra");

  private NexmarkFileGenerator() {}

  /** Output format. */
  public enum Format {
    CSV("csv"), JSON("json");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }

    /** {@code csv} or {@code json} (any case); otherwise an error naming the value. */
    public static Format parse(String s) {
      for (Format f : values()) {
        if (f.extension.equalsIgnoreCase(s.trim())) {
          return f;
        }
      }
      throw new IllegalArgumentException("unknown nexmark file format '" + s + "' (expected csv or json)");
    }
  }

  /** What was written. */
  public record Result(long persons, long auctions, long bids, Path personFile, Path auctionFile, Path bidFile) {
    public long events() {
      return persons + auctions + bids;
    }
  }

  /** {@link #write(NexmarkConfig, Path, Format)} with the format named as text. */
  public static Result write(NexmarkConfig config, Path outDir, String format) throws IOException {
    return write(config, outDir, Format.parse(format));
  }

  /**
   * Writes {@code person.<ext>}, {@code auction.<ext>} and {@code bid.<ext>} into {@code outDir}
   * (created if missing; existing files are replaced).
   *
   * @throws IllegalArgumentException if the configuration is unbounded ({@code events.num = 0})
   */
  public static Result write(NexmarkConfig config, Path outDir, Format format) throws IOException {
    if (!config.isBounded()) {
      throw new IllegalArgumentException("nexmark generate: option 'events.num' must be > 0 to write files");
    }
    Files.createDirectories(outDir);
    Path personFile = outDir.resolve("person." + format.extension());
    Path auctionFile = outDir.resolve("auction." + format.extension());
    Path bidFile = outDir.resolve("bid." + format.extension());
    NexmarkGenerator gen = new NexmarkGenerator(config);
    long persons = 0;
    long auctions = 0;
    long bids = 0;
    try (Writer pw = open(personFile); Writer aw = open(auctionFile); Writer bw = open(bidFile)) {
      RecordWriter p = new RecordWriter(pw, format, PERSON_FIELDS);
      RecordWriter a = new RecordWriter(aw, format, AUCTION_FIELDS);
      RecordWriter b = new RecordWriter(bw, format, BID_FIELDS);
      long n = gen.eventCount();
      for (long i = 0; i < n; i++) {
        switch (gen.eventTypeAt(i)) {
          case Event.PERSON -> {
            Person x = gen.personAt(i);
            p.write(x.id(), x.name(), x.emailAddress(), x.creditCard(), x.city(), x.state(), ts(x.dateTime()),
                x.extra());
            persons++;
          }
          case Event.AUCTION -> {
            Auction x = gen.auctionAt(i);
            a.write(x.id(), x.itemName(), x.description(), x.initialBid(), x.reserve(), ts(x.dateTime()),
                ts(x.expires()), x.seller(), x.category(), x.extra());
            auctions++;
          }
          default -> {
            Bid x = gen.bidAt(i);
            b.write(x.auction(), x.bidder(), x.price(), x.channel(), x.url(), ts(x.dateTime()), x.extra());
            bids++;
          }
        }
      }
    }
    return new Result(persons, auctions, bids, personFile, auctionFile, bidFile);
  }

  private static Writer open(Path file) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  /** The timestamp text of epoch millis (UTC). */
  public static String formatTimestamp(long epochMillis) {
    return TS.format(LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L),
        (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC));
  }

  /** A timestamp value (written quoted in JSON, like a string). */
  private record Ts(String text) {}

  private static Ts ts(long epochMillis) {
    return new Ts(formatTimestamp(epochMillis));
  }

  private static final class RecordWriter {
    private final Writer out;
    private final Format format;
    private final List<String> fields;

    RecordWriter(Writer out, Format format, List<String> fields) throws IOException {
      this.out = out;
      this.format = format;
      this.fields = fields;
      if (format == Format.CSV) {
        out.write(String.join(",", fields));
        out.write('\n');
      }
    }

    void write(Object... values) throws IOException {
      if (format == Format.CSV) {
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            out.write(',');
          }
          Object v = values[i];
          if (v instanceof Ts t) {
            out.write(t.text());
          } else if (v instanceof String s) {
            csv(s);
          } else {
            out.write(String.valueOf(v));
          }
        }
      } else {
        out.write('{');
        for (int i = 0; i < values.length; i++) {
          if (i > 0) {
            out.write(',');
          }
          out.write('"');
          out.write(fields.get(i));
          out.write("\":");
          Object v = values[i];
          if (v instanceof Ts t) {
            json(t.text());
          } else if (v instanceof String s) {
            json(s);
          } else {
            out.write(String.valueOf(v));
          }
        }
        out.write('}');
      }
      out.write('\n');
    }

    private void csv(String s) throws IOException {
      boolean quote = s.isEmpty() || needsQuotes(s);
      if (!quote) {
        out.write(s);
        return;
      }
      out.write('"');
      out.write(s.replace("\"", "\"\""));
      out.write('"');
    }

    private static boolean needsQuotes(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
          return true;
        }
      }
      // leading/trailing blanks would be trimmed by some readers
      return s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ';
    }

    private void json(String s) throws IOException {
      out.write('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.write("\\\"");
          case '\\' -> out.write("\\\\");
          case '\n' -> out.write("\\n");
          case '\r' -> out.write("\\r");
          case '\t' -> out.write("\\t");
          default -> {
            if (c < 0x20) {
              out.write(String.format("\\u%04x", (int) c));
            } else {
              out.write(c);
            }
          }
        }
      }
      out.write('"');
    }
  }
}
