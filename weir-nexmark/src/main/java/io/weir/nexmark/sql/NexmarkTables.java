package io.weir.nexmark.sql;

import io.weir.nexmark.generator.NexmarkConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Flink Nexmark tool's table layout as SQL statements: the union table {@value #TABLE} (with
 * the computed event-time column {@code dateTime} and a 4-second bounded-out-of-orderness
 * watermark) and the views {@code person}, {@code auction} and {@code bid} that every query reads.
 * In each view {@code dateTime} is the top-level rowtime column, so it stays a time attribute.
 */
public final class NexmarkTables {
  /** The union table's name (as in the Flink tool). */
  public static final String TABLE = "datagen";

  /** The columns of the union table as the connector produces them. */
  public static final String PERSON_TYPE = "ROW<id BIGINT, name STRING, emailAddress STRING, creditCard STRING, "
      + "city STRING, state STRING, dateTime TIMESTAMP(3), extra STRING>";
  public static final String AUCTION_TYPE = "ROW<id BIGINT, itemName STRING, description STRING, initialBid BIGINT, "
      + "reserve BIGINT, dateTime TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra STRING>";
  public static final String BID_TYPE = "ROW<auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING, "
      + "dateTime TIMESTAMP(3), extra STRING>";

  private NexmarkTables() {}

  /**
   * CREATE TABLE {@value #TABLE} with {@code 'connector' = 'nexmark'} and the given options (see
   * {@link NexmarkConfig#OPTIONS}), then CREATE VIEW person, auction and bid.
   */
  public static List<String> ddl(Map<String, String> options) {
    String with = options.entrySet().stream()
        .filter(e -> !e.getKey().equals("connector"))
        .map(e -> ",\n  " + quote(e.getKey()) + " = " + quote(e.getValue()))
        .collect(Collectors.joining());
    String table = "CREATE TABLE " + TABLE + " (\n"
        + "  event_type INT,\n"
        + "  person " + PERSON_TYPE + ",\n"
        + "  auction " + AUCTION_TYPE + ",\n"
        + "  bid " + BID_TYPE + ",\n"
        + "  dateTime AS CASE WHEN event_type = 0 THEN person.dateTime\n"
        + "                   WHEN event_type = 1 THEN auction.dateTime\n"
        + "                   ELSE bid.dateTime END,\n"
        + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND\n"
        + ") WITH (\n"
        + "  'connector' = 'nexmark'" + with + "\n"
        + ")";
    String person = "CREATE VIEW person AS SELECT person.id, person.name, person.emailAddress, person.creditCard, "
        + "person.city, person.state, dateTime, person.extra FROM " + TABLE + " WHERE event_type = 0";
    String auction = "CREATE VIEW auction AS SELECT auction.id, auction.itemName, auction.description, "
        + "auction.initialBid, auction.reserve, dateTime, auction.expires, auction.seller, auction.category, "
        + "auction.extra FROM " + TABLE + " WHERE event_type = 1";
    String bid = "CREATE VIEW bid AS SELECT bid.auction, bid.bidder, bid.price, bid.channel, bid.url, dateTime, "
        + "bid.extra FROM " + TABLE + " WHERE event_type = 2";
    return List.of(table, person, auction, bid);
  }

  /** {@link #ddl(Map)} with every option of {@code config}. */
  public static List<String> ddl(NexmarkConfig config) {
    return ddl(config.toOptions());
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
