package io.weir.sql.testing;

import io.weir.core.config.ConfigOption;
import io.weir.core.source.Source;
import io.weir.core.types.Row;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.TableFactoryContext;
import io.weir.sql.connector.builtin.ValuesTableFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test connector 'counting': the rows of a 'values' table ('data-id'), counting how many source
 * operators the planner builds for it (one per {@code createSource()}: a job graph's sources).
 */
public final class CountingTableFactory implements DynamicTableFactory {
  private static final Map<String, AtomicInteger> SOURCES = new ConcurrentHashMap<>();

  /** How many source operators were built for tables with this data-id. */
  public static int sourcesBuilt(String dataId) {
    AtomicInteger n = SOURCES.get(dataId);
    return n == null ? 0 : n.get();
  }

  @Override
  public String identifier() {
    return "counting";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(ValuesTableFactory.DATA_ID);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of();
  }

  @Override
  public ScanTableSource createSource(TableFactoryContext context) {
    ScanTableSource values = new ValuesTableFactory().createSource(context);
    String id = context.get(ValuesTableFactory.DATA_ID);
    return new ScanTableSource() {
      @Override
      public Source<Row, ?, ?> createSource() {
        SOURCES.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        return values.createSource();
      }

      @Override
      public boolean isBounded() {
        return true;
      }

      @Override
      public long estimatedRowCount() {
        return values.estimatedRowCount();
      }
    };
  }
}
