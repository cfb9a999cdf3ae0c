package io.weir.nexmark.sql;

import io.weir.core.config.ConfigOption;
import io.weir.core.source.Source;
import io.weir.core.types.Row;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.model.Event;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.Names;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.SupportsAscendingRowtime;
import io.weir.sql.connector.SupportsFilterPushDown;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.connector.TableOptionException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code 'connector' = 'nexmark'}: the Nexmark union stream as a table, like the Flink Nexmark
 * tool's connector. Options: those of {@link NexmarkConfig#OPTIONS} (the Flink tool's names plus
 * {@code rate.limited}, {@code base-time} and {@code seed}). Bounded when {@code events.num > 0}.
 *
 * <p>The physical columns are taken by name from {@code event_type INT}, {@code person},
 * {@code auction} and {@code bid} (see {@link NexmarkTables} for the full ROW types); a ROW column
 * may declare a subset of its fields in any order. {@link NexmarkTables#ddl} writes the usual
 * declaration.
 *
 * <p>Push-down: projection (unread payloads are not built) and {@code event_type = k} filters (the
 * other event kinds are skipped before they are built; the id/time skeleton is unchanged, so a
 * bid-only scan sees exactly the bids of the full stream).
 */
public final class NexmarkTableFactory implements DynamicTableFactory {
  static final int EVENT_TYPE = -1;

  /** The payload fields in the order {@link NexmarkRowSource} knows them, with their SQL kinds. */
  static final List<List<String>> FIELDS = List.of(
      List.of("id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra"),
      List.of("id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires", "seller", "category",
          "extra"),
      List.of("auction", "bidder", "price", "channel", "url", "dateTime", "extra"));
  private static final List<String> COLUMNS = List.of("event_type", "person", "auction", "bid");

  @Override
  public String identifier() {
    return "nexmark";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return new LinkedHashSet<>(NexmarkConfig.OPTIONS);
  }

  @Override
  public ScanTableSource createSource(TableFactoryContext context) {
    String table = context.tableName();
    NexmarkConfig config;
    try {
      config = NexmarkConfig.fromOptions(context.options());
    } catch (IllegalArgumentException e) {
      throw new TableOptionException("table " + table + ": " + e.getMessage());
    }
    List<String> names = context.schema().physicalNames();
    List<LogicalType> types = context.schema().physicalTypes();
    int[] columns = new int[names.size()];
    int[][] nested = new int[names.size()][];
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c);
      int kind = indexOfIgnoreCase(COLUMNS, name) - 1;
      if (kind < -1) {
        String near = Names.nearest(name, COLUMNS);
        throw new TableOptionException("table " + table + ": column '" + name + "' is not produced by connector "
            + "'nexmark'" + (near != null ? " (did you mean '" + near + "'?)" : "") + "; columns: "
            + String.join(", ", COLUMNS));
      }
      columns[c] = kind;
      LogicalType type = types.get(c);
      if (kind == EVENT_TYPE) {
        if (type.kind() != LogicalType.Kind.INTEGER) {
          throw new TableOptionException("table " + table + ": column 'event_type' must be INT but is "
              + type.asSummaryString());
        }
        continue;
      }
      if (type.kind() != LogicalType.Kind.ROW) {
        throw new TableOptionException("table " + table + ": column '" + name + "' must be a ROW but is "
            + type.asSummaryString());
      }
      List<String> known = FIELDS.get(kind);
      List<String> declared = type.fieldNames();
      nested[c] = new int[declared.size()];
      for (int f = 0; f < declared.size(); f++) {
        String field = declared.get(f);
        int k = indexOfIgnoreCase(known, field);
        if (k < 0) {
          String near = Names.nearest(field, known);
          throw new TableOptionException("table " + table + ": column '" + name + "' has no field '" + field + "'"
              + (near != null ? " (did you mean '" + near + "'?)" : "") + "; fields: " + String.join(", ", known));
        }
        LogicalType.Kind expected = expectedKind(kind, known.get(k));
        LogicalType.Kind actual = type.children().get(f).kind();
        boolean ok = actual == expected
            || (expected == LogicalType.Kind.VARCHAR && actual == LogicalType.Kind.CHAR);
        if (!ok) {
          throw new TableOptionException("table " + table + ": field '" + name + "." + field + "' must be "
              + expected + " but is " + type.children().get(f).asSummaryString());
        }
        nested[c][f] = k;
      }
    }
    int[] flat = new int[names.size()];
    java.util.Arrays.fill(flat, -1);
    return new NexmarkScan(config, names, types, columns, nested, flat, 0b111);
  }

  static LogicalType.Kind expectedKind(int payload, String field) {
    return switch (field) {
      case "dateTime", "expires" -> LogicalType.Kind.TIMESTAMP;
      case "name", "emailAddress", "creditCard", "city", "state", "extra", "itemName", "description", "channel", "url" ->
          LogicalType.Kind.VARCHAR;
      default -> LogicalType.Kind.BIGINT;
    };
  }

  private static int indexOfIgnoreCase(List<String> list, String name) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The table: projected columns and the set of event types a pushed filter lets through. */
  static final class NexmarkScan implements ScanTableSource, SupportsFilterPushDown, SupportsAscendingRowtime {
    private final NexmarkConfig config;
    private final List<String> names;
    private final List<LogicalType> types;
    private final int[] columns;
    private final int[][] nested;
    /** Per column: the payload field of a flattened ROW field, or -1. */
    private final int[] flat;
    /** Bit t set: events of type t pass. */
    private final int typeMask;

    NexmarkScan(NexmarkConfig config, List<String> names, List<LogicalType> types, int[] columns, int[][] nested,
        int[] flat, int typeMask) {
      this.config = config;
      this.names = names;
      this.types = types;
      this.columns = columns;
      this.nested = nested;
      this.flat = flat;
      this.typeMask = typeMask;
    }

    @Override
    public Source<Row, ?, ?> createSource() {
      return new NexmarkRowSource(config, columns, nested, flat, typeMask, LogicalType.rowTypeInfo(names, types));
    }

    @Override
    public boolean isBounded() {
      return config.isBounded();
    }

    @Override
    public ScanTableSource applyProjection(int[] fields) {
      List<String> n = new ArrayList<>();
      List<LogicalType> t = new ArrayList<>();
      int[] c = new int[fields.length];
      int[][] nf = new int[fields.length][];
      int[] fl = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        n.add(names.get(fields[i]));
        t.add(types.get(fields[i]));
        c[i] = columns[fields[i]];
        nf[i] = nested[fields[i]];
        fl[i] = flat[fields[i]];
      }
      return new NexmarkScan(config, n, t, c, nf, fl, typeMask);
    }

    /** The read fields of a payload column as columns of their own (no nested row per event). */
    @Override
    public ScanTableSource applyFlatProjection(int[] fields, int[][] rowFields) {
      List<String> n = new ArrayList<>();
      List<LogicalType> t = new ArrayList<>();
      List<Integer> c = new ArrayList<>();
      List<int[]> nf = new ArrayList<>();
      List<Integer> fl = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        int f = fields[i];
        if (rowFields[i] == null || nested[f] == null || flat[f] >= 0) {
          n.add(names.get(f));
          t.add(types.get(f));
          c.add(columns[f]);
          nf.add(nested[f]);
          fl.add(flat[f]);
          continue;
        }
        LogicalType row = types.get(f);
        for (int k : rowFields[i]) {
          n.add(names.get(f) + "." + row.fieldNames().get(k));
          t.add(row.children().get(k));
          c.add(columns[f]);
          nf.add(new int[] {nested[f][k]});
          fl.add(nested[f][k]);
        }
      }
      return new NexmarkScan(config, n, t, c.stream().mapToInt(Integer::intValue).toArray(), nf.toArray(new int[0][]),
          fl.stream().mapToInt(Integer::intValue).toArray(), typeMask);
    }

    /** Narrowed payload columns: only the declared fields that are read are built (the rest stay unset). */
    @Override
    public ScanTableSource applyProjection(int[] fields, int[][] rowFields) {
      List<String> n = new ArrayList<>();
      List<LogicalType> t = new ArrayList<>();
      int[] c = new int[fields.length];
      int[][] nf = new int[fields.length][];
      for (int i = 0; i < fields.length; i++) {
        int f = fields[i];
        n.add(names.get(f));
        c[i] = columns[f];
        if (rowFields[i] == null || nested[f] == null) {
          t.add(types.get(f));
          nf[i] = nested[f];
          continue;
        }
        LogicalType row = types.get(f);
        List<String> subNames = new ArrayList<>();
        List<LogicalType> subTypes = new ArrayList<>();
        nf[i] = new int[rowFields[i].length];
        if (flat[f] >= 0) {
          throw new IllegalStateException("column " + names.get(f) + " is already a flattened field");
        }
        for (int k = 0; k < rowFields[i].length; k++) {
          subNames.add(row.fieldNames().get(rowFields[i][k]));
          subTypes.add(row.children().get(rowFields[i][k]));
          nf[i][k] = nested[f][rowFields[i][k]];
        }
        t.add(LogicalType.row(subNames, subTypes));
      }
      int[] fl = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        fl[i] = flat[fields[i]];
      }
      return new NexmarkScan(config, n, t, c, nf, fl, typeMask);
    }

    @Override
    public Result applyFilters(List<RexNode> filters) {
      List<RexNode> accepted = new ArrayList<>();
      List<RexNode> remaining = new ArrayList<>();
      int mask = typeMask;
      for (RexNode f : filters) {
        int m = typeMaskOf(f);
        if (m < 0) {
          remaining.add(f);
        } else {
          accepted.add(f);
          mask &= m;
        }
      }
      if (accepted.isEmpty()) {
        return Result.none(this, filters);
      }
      return new Result(new NexmarkScan(config, names, types, columns, nested, flat, mask), accepted, remaining);
    }

    /**
     * Ascending: {@code k.dateTime} when only events of kind {@code k} pass (it is then the
     * event's timestamp, and a reader emits its events in id order, see NexmarkSourceReader).
     */
    @Override
    public boolean isRowtimeAscending(RexNode rowtime) {
      if (rowtime instanceof RexInputRef flatRef && flat[flatRef.getIndex()] >= 0) {
        int kind = columns[flatRef.getIndex()];
        return FIELDS.get(kind).get(flat[flatRef.getIndex()]).equals("dateTime") && typeMask == 1 << kind;
      }
      if (!(rowtime instanceof RexFieldAccess fa) || !(fa.getReferenceExpr() instanceof RexInputRef ref)
          || !fa.getField().getName().equalsIgnoreCase("dateTime")) {
        return false;
      }
      int kind = columns[ref.getIndex()];
      return kind >= 0 && typeMask == 1 << kind;
    }

    /** The types {@code event_type = k} (or {@code k = event_type}) lets through, or -1. */
    private int typeMaskOf(RexNode filter) {
      if (!(filter instanceof RexCall call) || call.getKind() != SqlKind.EQUALS || call.getOperands().size() != 2) {
        return -1;
      }
      RexNode a = call.getOperands().get(0);
      RexNode b = call.getOperands().get(1);
      if (a instanceof RexLiteral) {
        RexNode t = a;
        a = b;
        b = t;
      }
      if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral lit) || lit.isNull()
          || columns[ref.getIndex()] != EVENT_TYPE) {
        return -1;
      }
      BigDecimal v;
      try {
        v = lit.getValueAs(BigDecimal.class);
      } catch (RuntimeException e) {
        return -1;
      }
      if (v == null) {
        return -1;
      }
      if (v.compareTo(BigDecimal.valueOf(Event.PERSON)) == 0) {
        return 1 << Event.PERSON;
      } else if (v.compareTo(BigDecimal.valueOf(Event.AUCTION)) == 0) {
        return 1 << Event.AUCTION;
      } else if (v.compareTo(BigDecimal.valueOf(Event.BID)) == 0) {
        return 1 << Event.BID;
      }
      return 0;
    }

    @Override
    public long estimatedRowCount() {
      if (!config.isBounded()) {
        return -1;
      }
      int[] share = {config.personProportion(), config.auctionProportion(), config.bidProportion()};
      long rows = 0;
      for (int t = 0; t < 3; t++) {
        if ((typeMask & (1 << t)) != 0) {
          rows += config.eventsNum() * share[t] / config.totalProportion();
        }
      }
      return rows;
    }

    @Override
    public String describe() {
      StringBuilder b = new StringBuilder("nexmark, ")
          .append(config.isBounded() ? config.eventsNum() + " events" : "unbounded");
      if (typeMask != 0b111) {
        List<String> kinds = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          if ((typeMask & (1 << t)) != 0) {
            kinds.add(COLUMNS.get(t + 1));
          }
        }
        b.append(", only ").append(kinds.isEmpty() ? "none" : String.join("+", kinds));
      }
      if (config.rateLimited()) {
        b.append(", ").append(config.firstEventRate()).append(" events/s");
      }
      return b.toString();
    }
  }
}
