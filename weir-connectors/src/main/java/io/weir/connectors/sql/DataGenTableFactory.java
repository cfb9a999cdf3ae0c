package io.weir.connectors.sql;

import io.weir.connectors.datagen.DataGeneratorSource;
import io.weir.connectors.datagen.GeneratorFunction;
import io.weir.connectors.datagen.RateLimiterStrategy;
import io.weir.core.config.ConfigOption;
import io.weir.core.source.Source;
import io.weir.core.types.Row;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.Names;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.connector.TableOptionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code 'connector' = 'datagen'}: generated rows, like Flink's datagen connector.
 *
 * <ul>
 *   <li>{@code 'rows-per-second'}: total rate over all readers; absent means as fast as possible.
 *   <li>{@code 'number-of-rows'}: makes the table bounded; a {@code sequence} field with an {@code
 *       end} bounds it too (the smallest bound wins). Otherwise the table is unbounded.
 *   <li>{@code 'seed'}: random values are a pure function of (seed, column, row index), so the same
 *       seed gives the same rows whatever the parallelism, and a restored job replays them. Without
 *       a seed one is drawn when the table is planned.
 *   <li>Per column {@code 'fields.<col>.kind'} = {@code random} (default) or {@code sequence}:
 *     <ul>
 *       <li>sequence: {@code start}, {@code end} (required for numbers; value = start + i * step),
 *           {@code step} (default 1; a duration such as {@code '1 s'} for time columns, where
 *           {@code end} is optional). Character columns get the number's text.
 *       <li>random numbers: {@code min}, {@code max} (inclusive; default the type's range, 0..1 for
 *           FLOAT/DOUBLE, the integer digits' range for DECIMAL); strings and bytes: {@code length}
 *           (default 100); DATE/TIME/TIMESTAMP: {@code min}/{@code max} literals, or, with neither,
 *           the current time (not reproducible); BOOLEAN: true/false.
 *       <li>{@code null-rate}: fraction of NULLs (default 0), for any kind.
 *     </ul>
 * </ul>
 * Errors name the table and the option (unknown column or sub-option with the nearest name,
 * options that do not apply to the column's kind or type, values of the wrong type).
 */
public final class DataGenTableFactory implements DynamicTableFactory {
  public static final ConfigOption<Long> ROWS_PER_SECOND =
      ConfigOption.of("rows-per-second", Long.class, null, "Rows per second over all readers (default: unlimited)");
  public static final ConfigOption<Long> NUMBER_OF_ROWS =
      ConfigOption.of("number-of-rows", Long.class, null, "Total rows; the table is unbounded without it");
  public static final ConfigOption<Long> SEED =
      ConfigOption.of("seed", Long.class, null, "Seed of the random values (default: drawn at planning time)");

  static final String FIELDS = "fields.";
  static final List<String> FIELD_KEYS = List.of("kind", "start", "end", "step", "min", "max", "length", "null-rate");

  @Override
  public String identifier() {
    return "datagen";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(ROWS_PER_SECOND, NUMBER_OF_ROWS, SEED);
  }

  @Override
  public Set<String> optionalPrefixes() {
    return Set.of(FIELDS);
  }

  @Override
  public ScanTableSource createSource(TableFactoryContext context) {
    String table = context.tableName();
    Long rps = context.get(ROWS_PER_SECOND);
    if (rps != null && rps <= 0) {
      throw new TableOptionException("table " + table + ": option 'rows-per-second' must be positive but was " + rps);
    }
    Long rows = context.get(NUMBER_OF_ROWS);
    if (rows != null && rows < 0) {
      throw new TableOptionException("table " + table + ": option 'number-of-rows' must be >= 0 but was " + rows);
    }
    Long seed = context.get(SEED);
    long effectiveSeed = seed != null ? seed : System.nanoTime() ^ 0x5DEECE66DL;
    List<String> names = context.schema().physicalNames();
    List<LogicalType> types = context.schema().physicalTypes();
    checkFieldKeys(table, context.options(), names);
    List<FieldGenerators.FieldGen> gens = new ArrayList<>();
    long count = rows != null ? rows : Long.MAX_VALUE;
    for (int i = 0; i < names.size(); i++) {
      FieldGenerators.FieldGen g = FieldGenerators.create(table, names.get(i), i, types.get(i), context.options(), effectiveSeed);
      gens.add(g);
      count = Math.min(count, g.maxRows());
    }
    return new DataGenScan(names, types, gens, count, rps);
  }

  private static void checkFieldKeys(String table, Map<String, String> options, List<String> names) {
    for (String key : options.keySet()) {
      if (!key.startsWith(FIELDS)) {
        continue;
      }
      String rest = key.substring(FIELDS.length());
      int dot = rest.lastIndexOf('.');
      String column = dot < 0 ? rest : rest.substring(0, dot);
      String sub = dot < 0 ? "" : rest.substring(dot + 1);
      // fields.<row column>.<nested field>.<option> configures a field of a ROW column
      boolean nested = column.contains(".") && names.contains(column.substring(0, column.indexOf('.')));
      if (!names.contains(column) && !nested) {
        String near = Names.nearest(column, names);
        throw new TableOptionException("table " + table + ": option '" + key + "' names no column '" + column + "'"
            + (near != null ? " (did you mean '" + FIELDS + near + (dot < 0 ? "" : "." + sub) + "'?)" : "")
            + "; columns: " + String.join(", ", names));
      }
      if (!FIELD_KEYS.contains(sub)) {
        String near = Names.nearest(sub, FIELD_KEYS);
        throw new TableOptionException("table " + table + ": unknown option '" + key + "' for connector 'datagen'"
            + (near != null ? " (did you mean '" + FIELDS + column + "." + near + "'?)" : "")
            + "; per-field options: " + String.join(", ", FIELD_KEYS));
      }
    }
  }

  /** The generated table. */
  static final class DataGenScan implements ScanTableSource {
    private final List<String> names;
    private final List<LogicalType> types;
    private final List<FieldGenerators.FieldGen> gens;
    private final long count;
    private final Long rowsPerSecond;

    DataGenScan(List<String> names, List<LogicalType> types, List<FieldGenerators.FieldGen> gens, long count,
        Long rowsPerSecond) {
      this.names = names;
      this.types = types;
      this.gens = gens;
      this.count = count;
      this.rowsPerSecond = rowsPerSecond;
    }

    long count() {
      return count;
    }

    @Override
    public Source<Row, ?, ?> createSource() {
      FieldGenerators.FieldGen[] g = gens.toArray(FieldGenerators.FieldGen[]::new);
      GeneratorFunction<Long, Row> fn = index -> {
        Row row = new Row(g.length);
        for (int i = 0; i < g.length; i++) {
          row.setField(i, g[i].value(index));
        }
        return row;
      };
      RateLimiterStrategy rate = rowsPerSecond == null ? RateLimiterStrategy.noLimit()
          : RateLimiterStrategy.perSecond(rowsPerSecond);
      return new DataGeneratorSource<>(fn, count, rate, LogicalType.rowTypeInfo(names, types));
    }

    @Override
    public boolean isBounded() {
      return count != Long.MAX_VALUE;
    }

    /** The row count of a bounded table (BATCH join planning: build side, broadcast); -1 unbounded. */
    @Override
    public long estimatedRowCount() {
      return isBounded() ? count : -1;
    }

    @Override
    public ScanTableSource applyProjection(int[] fields) {
      List<String> n = new ArrayList<>();
      List<LogicalType> t = new ArrayList<>();
      List<FieldGenerators.FieldGen> g = new ArrayList<>();
      for (int f : fields) {
        n.add(names.get(f));
        t.add(types.get(f));
        g.add(gens.get(f));
      }
      // The row count stays: it was decided by all columns, projected away or not.
      return new DataGenScan(n, t, g, count, rowsPerSecond);
    }

    @Override
    public String describe() {
      return "datagen, " + (count == Long.MAX_VALUE ? "unbounded" : count + " rows")
          + (rowsPerSecond == null ? "" : ", " + rowsPerSecond + " rows/s");
    }
  }
}
