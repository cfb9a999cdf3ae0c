package io.weir.sql.testing;

import io.weir.core.config.ConfigOption;
import io.weir.core.source.Source;
import io.weir.core.types.Row;
import io.weir.datastream.sources.CollectionSource;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.TableFactoryContext;
import java.util.List;
import java.util.Set;

/** Test connector 'scan-only': an empty bounded source that cannot be looked up by key. */
public final class ScanOnlyTableFactory implements DynamicTableFactory {
  @Override
  public String identifier() {
    return "scan-only";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of();
  }

  @Override
  public ScanTableSource createSource(TableFactoryContext context) {
    return new ScanTableSource() {
      @Override
      public Source<Row, ?, ?> createSource() {
        return new CollectionSource<>(List.of(), context.schema().physicalRowType());
      }

      @Override
      public boolean isBounded() {
        return true;
      }
    };
  }
}
