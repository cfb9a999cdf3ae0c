package io.weir.nexmark.model;

/**
 * One element of the Nexmark union stream: {@code type} is {@link #PERSON} (0), {@link #AUCTION}
 * (1) or {@link #BID} (2), and exactly the matching one of the three payloads is non-null (the
 * encoding of the Flink tool's {@code event_type} column).
 */
public record Event(int type, Person person, Auction auction, Bid bid) {
  public static final int PERSON = 0;
  public static final int AUCTION = 1;
  public static final int BID = 2;

  public Event {
    int present = (person != null ? 1 : 0) + (auction != null ? 1 : 0) + (bid != null ? 1 : 0);
    boolean matches = switch (type) {
      case PERSON -> person != null;
      case AUCTION -> auction != null;
      case BID -> bid != null;
      default -> false;
    };
    if (present != 1 || !matches) {
      throw new IllegalArgumentException("Event: type " + type + " must carry exactly its own payload");
    }
  }

  public static Event of(Person person) {
    return new Event(PERSON, person, null, null);
  }

  public static Event of(Auction auction) {
    return new Event(AUCTION, null, auction, null);
  }

  public static Event of(Bid bid) {
    return new Event(BID, null, null, bid);
  }

  /** The event time (epoch milliseconds) of whichever payload is present. */
  public long timestamp() {
    return switch (type) {
      case PERSON -> person.dateTime();
      case AUCTION -> auction.dateTime();
      default -> bid.dateTime();
    };
  }
}
