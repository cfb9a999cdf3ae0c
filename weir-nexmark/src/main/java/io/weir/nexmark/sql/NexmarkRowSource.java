package io.weir.nexmark.sql;

import io.weir.core.source.SourceOutput;
import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import io.weir.nexmark.model.Auction;
import io.weir.nexmark.model.Bid;
import io.weir.nexmark.model.Event;
import io.weir.nexmark.model.Person;
import io.weir.nexmark.source.AbstractNexmarkSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The rows of a nexmark table: for each event whose type passes the pushed filter, one row of the
 * projected columns; payloads no column reads are not built. TIMESTAMP values are UTC {@link
 * LocalDateTime}s.
 */
final class NexmarkRowSource extends AbstractNexmarkSource<Row> {
  private static final long serialVersionUID = 1L;
  private static final Integer[] TYPES = {Event.PERSON, Event.AUCTION, Event.BID};

  /** Per output column: {@link NexmarkTableFactory#EVENT_TYPE} or the payload type 0/1/2. */
  private final int[] columns;
  /** Per ROW column: the payload field index ({@link NexmarkTableFactory#FIELDS}) of each declared field. */
  private final int[][] nested;
  /** Per column: the payload field index of a flattened field column, or -1 (event type or ROW column). */
  private final int[] flat;
  private final int typeMask;
  /** Bit t set: some column reads the payload of type t. */
  private final int payloadMask;
  private final TypeInfo<Row> type;
  /** Per column: a ROW column declaring all its payload's fields in the usual order. */
  private final boolean[] full;
  /** Bit t set: some column reads the {@code extra} of payload type t (the filler is not made otherwise). */
  private final int extraMask;

  NexmarkRowSource(NexmarkConfig config, int[] columns, int[][] nested, int[] flat, int typeMask, TypeInfo<Row> type) {
    super(config);
    this.columns = columns;
    this.nested = nested;
    this.flat = flat;
    this.typeMask = typeMask;
    int p = 0;
    for (int c : columns) {
      if (c >= 0) {
        p |= 1 << c;
      }
    }
    this.payloadMask = p;
    this.type = type;
    this.full = new boolean[columns.length];
    int extra = 0;
    for (int c = 0; c < columns.length; c++) {
      if (columns[c] >= 0) {
        int[] f = nested[c];
        int extraField = NexmarkTableFactory.FIELDS.get(columns[c]).indexOf("extra");
        for (int k : f) {
          if (k == extraField) {
            extra |= 1 << columns[c];
          }
        }
        boolean identity = f.length == NexmarkTableFactory.FIELDS.get(columns[c]).size();
        for (int i = 0; i < f.length && identity; i++) {
          identity = f[i] == i;
        }
        full[c] = identity;
      }
    }
    this.extraMask = extra;
  }

  @Override
  public TypeInfo<Row> getProducedType() {
    return type;
  }

  @Override
  protected Emitter<Row> createEmitter() {
    return new RowEmitter();
  }

  /** One reader's emitter; caches the last converted timestamp (neighbouring events share milliseconds). */
  private final class RowEmitter implements Emitter<Row> {
    private long cachedMillis = Long.MIN_VALUE;
    private LocalDateTime cached;

    @Override
    public void emit(NexmarkGenerator generator, long index, SourceOutput<Row> output) {
      int t = generator.eventTypeAt(index);
      if ((typeMask & (1 << t)) == 0) {
        return;
      }
      Object payload = null;
      if ((payloadMask & (1 << t)) != 0) {
        boolean extra = (extraMask & (1 << t)) != 0;
        payload = switch (t) {
          case Event.PERSON -> generator.personAt(index, extra);
          case Event.AUCTION -> generator.auctionAt(index, extra);
          default -> generator.bidAt(index, extra);
        };
      }
      Row row = new Row(columns.length);
      for (int c = 0; c < columns.length; c++) {
        int kind = columns[c];
        if (kind == NexmarkTableFactory.EVENT_TYPE) {
          row.setField(c, TYPES[t]);
        } else if (kind == t) {
          int f = flat[c];
          row.setField(c, f >= 0 ? field(t, payload, f) : full[c] ? fullRow(t, payload) : nestedRow(t, payload, nested[c]));
        }
      }
      output.collect(row);
    }

    private Row nestedRow(int t, Object payload, int[] fields) {
      Row r = new Row(fields.length);
      for (int i = 0; i < fields.length; i++) {
        r.setField(i, field(t, payload, fields[i]));
      }
      return r;
    }

    private Object field(int t, Object payload, int f) {
      return switch (t) {
        case Event.PERSON -> field((Person) payload, f);
        case Event.AUCTION -> field((Auction) payload, f);
        default -> field((Bid) payload, f);
      };
    }

    /** All fields in their usual order (the common layout), without the per-field dispatch. */
    private Row fullRow(int t, Object payload) {
      switch (t) {
        case Event.PERSON -> {
          Person p = (Person) payload;
          Row r = new Row(8);
          r.setField(0, p.id());
          r.setField(1, p.name());
          r.setField(2, p.emailAddress());
          r.setField(3, p.creditCard());
          r.setField(4, p.city());
          r.setField(5, p.state());
          r.setField(6, timestamp(p.dateTime()));
          r.setField(7, p.extra());
          return r;
        }
        case Event.AUCTION -> {
          Auction a = (Auction) payload;
          Row r = new Row(10);
          r.setField(0, a.id());
          r.setField(1, a.itemName());
          r.setField(2, a.description());
          r.setField(3, a.initialBid());
          r.setField(4, a.reserve());
          r.setField(5, timestamp(a.dateTime()));
          r.setField(6, timestamp(a.expires()));
          r.setField(7, a.seller());
          r.setField(8, a.category());
          r.setField(9, a.extra());
          return r;
        }
        default -> {
          Bid b = (Bid) payload;
          Row r = new Row(7);
          r.setField(0, b.auction());
          r.setField(1, b.bidder());
          r.setField(2, b.price());
          r.setField(3, b.channel());
          r.setField(4, b.url());
          r.setField(5, timestamp(b.dateTime()));
          r.setField(6, b.extra());
          return r;
        }
      }
    }

    private Object field(Person p, int f) {
      return switch (f) {
        case 0 -> p.id();
        case 1 -> p.name();
        case 2 -> p.emailAddress();
        case 3 -> p.creditCard();
        case 4 -> p.city();
        case 5 -> p.state();
        case 6 -> timestamp(p.dateTime());
        default -> p.extra();
      };
    }

    private Object field(Auction a, int f) {
      return switch (f) {
        case 0 -> a.id();
        case 1 -> a.itemName();
        case 2 -> a.description();
        case 3 -> a.initialBid();
        case 4 -> a.reserve();
        case 5 -> timestamp(a.dateTime());
        case 6 -> timestamp(a.expires());
        case 7 -> a.seller();
        case 8 -> a.category();
        default -> a.extra();
      };
    }

    private Object field(Bid b, int f) {
      return switch (f) {
        case 0 -> b.auction();
        case 1 -> b.bidder();
        case 2 -> b.price();
        case 3 -> b.channel();
        case 4 -> b.url();
        case 5 -> timestamp(b.dateTime());
        default -> b.extra();
      };
    }

    private LocalDateTime timestamp(long millis) {
      if (millis != cachedMillis) {
        cached = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
            ZoneOffset.UTC);
        cachedMillis = millis;
      }
      return cached;
    }
  }
}
