package io.weir.nexmark.flink;

import io.weir.nexmark.generator.NexmarkConfig;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * {@code 'connector' = 'nexmark'} for Flink, backed by Weir's generator: the same DDL text that
 * Weir runs ({@code NexmarkTables.ddl}) creates the same table on Flink, with the same options
 * (parsed by {@link NexmarkConfig#fromOptions}).
 */
public final class NexmarkFlinkTableFactory implements DynamicTableSourceFactory {
  public static final String IDENTIFIER = "nexmark";

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    Set<ConfigOption<?>> out = new LinkedHashSet<>();
    for (io.weir.core.config.ConfigOption<?> o : NexmarkConfig.OPTIONS) {
      out.add(ConfigOptions.key(o.key()).stringType().noDefaultValue());
    }
    return out;
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.createTableFactoryHelper(this, context).validate();
    Map<String, String> options = new HashMap<>(context.getCatalogTable().getOptions());
    options.remove(FactoryUtil.CONNECTOR.key());
    NexmarkConfig config;
    try {
      config = NexmarkConfig.fromOptions(options);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("table " + context.getObjectIdentifier() + ": " + e.getMessage(), e);
    }
    if (config.rateLimited()) {
      // the comparison measures throughput; a wall-clock schedule would need timers in the reader
      throw new ValidationException("table " + context.getObjectIdentifier() + ": 'rate.limited' = 'true' is not supported"
          + " by the Flink comparison's nexmark source");
    }
    checkLayout(context.getObjectIdentifier().toString(), (RowType) context.getPhysicalRowDataType().getLogicalType());
    return new NexmarkTableSource(config);
  }

  private static void checkLayout(String table, RowType row) {
    List<LogicalType> f = row.getChildren();
    boolean ok = f.size() == 4 && f.get(0).getTypeRoot() == LogicalTypeRoot.INTEGER
        && isRow(f.get(1), EventRows.PERSON_FIELDS) && isRow(f.get(2), EventRows.AUCTION_FIELDS)
        && isRow(f.get(3), EventRows.BID_FIELDS);
    if (!ok) {
      throw new ValidationException("table " + table + ": the nexmark connector produces (event_type INT, person ROW<8 fields>,"
          + " auction ROW<10 fields>, bid ROW<7 fields>) but the table's physical columns are " + row);
    }
  }

  private static boolean isRow(LogicalType t, int arity) {
    return t.getTypeRoot() == LogicalTypeRoot.ROW && t.getChildren().size() == arity;
  }

  /** The scan: insert-only, bounded when {@code events.num > 0}. */
  static final class NexmarkTableSource implements ScanTableSource {
    private final NexmarkConfig config;

    NexmarkTableSource(NexmarkConfig config) {
      this.config = config;
    }

    @Override
    public ChangelogMode getChangelogMode() {
      return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
      return SourceProvider.of(new NexmarkFlinkSource(config));
    }

    @Override
    public DynamicTableSource copy() {
      return new NexmarkTableSource(config);
    }

    @Override
    public String asSummaryString() {
      return "Weir Nexmark generator";
    }
  }
}
