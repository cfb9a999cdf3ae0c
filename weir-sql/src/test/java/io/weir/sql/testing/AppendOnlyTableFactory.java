package io.weir.sql.testing;

import io.weir.core.config.ConfigOption;
import io.weir.core.sink.Sink;
import io.weir.core.types.Row;
import io.weir.datastream.sinks.DiscardingSink;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.DynamicTableSink;
import io.weir.sql.connector.TableFactoryContext;
import java.util.Set;

/** Test connector 'append-only': a sink that rejects updates (like a plain file sink). */
public final class AppendOnlyTableFactory implements DynamicTableFactory {
  @Override
  public String identifier() {
    return "append-only";
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
  public DynamicTableSink createSink(TableFactoryContext context) {
    return new DynamicTableSink() {
      @Override
      public Sink<Row> createSink() {
        return new DiscardingSink<>();
      }

      @Override
      public boolean acceptsUpdates() {
        return false;
      }
    };
  }
}
