package io.weir.sql.connector.builtin;

import io.weir.core.config.ConfigOption;
import io.weir.core.sink.Sink;
import io.weir.core.sink.SinkContext;
import io.weir.core.sink.SinkWriter;
import io.weir.core.source.Source;
import io.weir.core.types.Row;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.sources.CollectionSource;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.DynamicTableSink;
import io.weir.sql.connector.LookupTableSource;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.SimplePredicates;
import io.weir.sql.connector.SupportsFilterPushDown;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.connector.TableOptionException;
import io.weir.sql.runtime.batch.JoinSupport;
import io.weir.sql.runtime.functions.LookupFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.rex.RexNode;

/**
 * {@code 'connector' = 'values'}: a bounded table whose rows are written in the DDL ({@code 'rows'},
 * syntax in {@link ValuesLiteralParser}) or registered from Java ({@code 'data-id'}, see {@link
 * ValuesData}); without either it is empty. As a sink it collects rows (with their RowKind) in
 * {@link ValuesData#sinkRows}.
 */
public final class ValuesTableFactory implements DynamicTableFactory {
  public static final ConfigOption<String> ROWS =
      ConfigOption.of("rows", String.class, null, "The rows, e.g. (1, 'a'), (2, NULL)");
  public static final ConfigOption<String> DATA_ID =
      ConfigOption.of("data-id", String.class, null, "Rows registered with ValuesData.register / where a sink collects");

  @Override
  public String identifier() {
    return "values";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(ROWS, DATA_ID, LookupTableSource.CACHE_MAX_ROWS, LookupTableSource.CACHE_TTL);
  }

  @Override
  public ScanTableSource createSource(TableFactoryContext context) {
    String table = context.tableName();
    String text = context.get(ROWS);
    String id = context.get(DATA_ID);
    List<String> names = context.schema().physicalNames();
    List<LogicalType> types = context.schema().physicalTypes();
    List<Row> rows;
    if (text != null && id != null) {
      throw new TableOptionException("table " + table + ": options 'rows' and 'data-id' cannot be used together");
    } else if (text != null) {
      rows = ValuesLiteralParser.parse(table, text, names, types);
    } else if (id != null) {
      List<Row> registered = ValuesData.sourceRows(id);
      if (registered == null) {
        throw new TableOptionException("table " + table + ": option 'data-id': no rows are registered under '" + id + "'");
      }
      rows = new ArrayList<>(registered.size());
      for (int r = 0; r < registered.size(); r++) {
        Row in = registered.get(r);
        if (in.getArity() != types.size()) {
          throw new TableOptionException("table " + table + ": option 'data-id': registered row " + (r + 1) + " has "
              + in.getArity() + " fields but the table has " + types.size() + " physical columns " + names);
        }
        Row row = new Row(in.getArity());
        for (int c = 0; c < types.size(); c++) {
          try {
            row.setField(c, SqlValueFormat.coerce(in.getField(c), types.get(c)));
          } catch (IllegalArgumentException e) {
            throw new TableOptionException("table " + table + ": option 'data-id': registered row " + (r + 1)
                + ", column '" + names.get(c) + "': " + e.getMessage());
          }
        }
        rows.add(row);
      }
    } else {
      rows = List.of();
    }
    return new ValuesScan(rows, names, types);
  }

  @Override
  public DynamicTableSink createSink(TableFactoryContext context) {
    String id = context.get(DATA_ID);
    return new ValuesSink(id != null ? id : context.tableName());
  }

  /** The rows in memory; projection push-down copies the chosen fields. */
  static final class ValuesScan implements ScanTableSource, LookupTableSource, SupportsFilterPushDown {
    private final List<Row> rows;
    private final List<String> names;
    private final List<LogicalType> types;

    ValuesScan(List<Row> rows, List<String> names, List<LogicalType> types) {
      this.rows = rows;
      this.names = names;
      this.types = types;
    }

    List<Row> rows() {
      return rows;
    }

    @Override
    public Source<Row, ?, ?> createSource() {
      TypeInfo<Row> type = LogicalType.rowTypeInfo(names, types);
      return new CollectionSource<>(rows, type);
    }

    @Override
    public boolean isBounded() {
      return true;
    }

    @Override
    public ScanTableSource applyProjection(int[] fields) {
      List<String> n = new ArrayList<>(fields.length);
      List<LogicalType> t = new ArrayList<>(fields.length);
      for (int f : fields) {
        n.add(names.get(f));
        t.add(types.get(f));
      }
      List<Row> projected = new ArrayList<>(rows.size());
      for (Row r : rows) {
        Row p = new Row(fields.length);
        for (int i = 0; i < fields.length; i++) {
          p.setField(i, r.getField(fields[i]));
        }
        projected.add(p);
      }
      return new ValuesScan(projected, n, t);
    }

    @Override
    public Result applyFilters(List<RexNode> filters) {
      List<RexNode> accepted = new ArrayList<>();
      List<RexNode> remaining = new ArrayList<>();
      List<Predicate<Row>> tests = new ArrayList<>();
      for (RexNode f : filters) {
        Predicate<Row> p = SimplePredicates.compile(f);
        if (p == null) {
          remaining.add(f);
        } else {
          accepted.add(f);
          tests.add(p);
        }
      }
      if (accepted.isEmpty()) {
        return Result.none(this, filters);
      }
      List<Row> kept = new ArrayList<>();
      for (Row r : rows) {
        if (tests.stream().allMatch(t -> t.test(r))) {
          kept.add(r);
        }
      }
      return new Result(new ValuesScan(kept, names, types), accepted, remaining);
    }

    @Override
    public long estimatedRowCount() {
      return rows.size();
    }

    /** Indexes the rows by the key fields once per subtask (the rows are few: they are written in the DDL). */
    @Override
    public LookupFunction createLookupFunction(int[] keyFields) {
      return new ValuesLookup(new ArrayList<>(rows), keyFields.clone());
    }

    @Override
    public String describe() {
      return "values, " + rows.size() + " row" + (rows.size() == 1 ? "" : "s");
    }
  }

  /** Looks rows up in a hash index built when the join opens. */
  static final class ValuesLookup implements LookupFunction {
    private final List<Row> rows;
    private final int[] keyFields;
    private transient Map<Row, List<Row>> index;

    ValuesLookup(List<Row> rows, int[] keyFields) {
      this.rows = rows;
      this.keyFields = keyFields;
    }

    @Override
    public void open() {
      index = new HashMap<>();
      for (Row r : rows) {
        Row k = JoinSupport.key(r, keyFields);
        if (k != null) {
          index.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
        }
      }
    }

    @Override
    public List<Row> lookup(Row key) {
      return index.getOrDefault(key, List.of());
    }
  }

  /** Appends every row (a copy, RowKind kept) to {@link ValuesData#sinkRows}. */
  static final class ValuesSink implements DynamicTableSink {
    private final String id;

    ValuesSink(String id) {
      this.id = id;
    }

    @Override
    public Sink<Row> createSink() {
      return new CollectingSink(id);
    }

    @Override
    public boolean acceptsUpdates() {
      return true;
    }

    @Override
    public String describe() {
      return "values sink '" + id + "'";
    }
  }

  /** The sink itself: a plain serializable holder of the collection id. */
  static final class CollectingSink implements Sink<Row> {
    private final String id;

    CollectingSink(String id) {
      this.id = id;
    }

    @Override
    public SinkWriter<Row> createWriter(SinkContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(Row element, Context ctx) {
          ValuesData.append(id, element.copy());
        }

        @Override
        public void flush(boolean endOfInput) {}
      };
    }
  }
}
