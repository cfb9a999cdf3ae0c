package io.weir.nexmark.flink;

import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * An {@link Event} as a row of the combined {@code datagen} table: {@code (event_type INT, person
 * ROW<8>, auction ROW<10>, bid ROW<7>)} with the nested fields in the Flink Nexmark tool's order,
 * exactly one of the three ROWs non-null.
 */
final class EventRows {
  static final int PERSON_FIELDS = 8;
  static final int AUCTION_FIELDS = 10;
  static final int BID_FIELDS = 7;

  private EventRows() {}

  static RowData toRow(Event e) {
    GenericRowData row = new GenericRowData(4);
    row.setField(0, e.type());
    switch (e.type()) {
      case Event.PERSON -> row.setField(1, person(e.person()));
      case Event.AUCTION -> row.setField(2, auction(e.auction()));
      default -> row.setField(3, bid(e.bid()));
    }
    return row;
  }

  private static RowData person(Person p) {
    return GenericRowData.of(p.id(), str(p.name()), str(p.emailAddress()), str(p.creditCard()), str(p.city()),
        str(p.state()), ts(p.dateTime()), str(p.extra()));
  }

  private static RowData auction(Auction a) {
    return GenericRowData.of(a.id(), str(a.itemName()), str(a.description()), a.initialBid(), a.reserve(),
        ts(a.dateTime()), ts(a.expires()), a.seller(), a.category(), str(a.extra()));
  }

  private static RowData bid(Bid b) {
    return GenericRowData.of(b.auction(), b.bidder(), b.price(), str(b.channel()), str(b.url()), ts(b.dateTime()),
        str(b.extra()));
  }

  private static StringData str(String s) {
    return s == null ? null : StringData.fromString(s);
  }

  private static TimestampData ts(long epochMillis) {
    return TimestampData.fromEpochMillis(epochMillis);
  }
}
