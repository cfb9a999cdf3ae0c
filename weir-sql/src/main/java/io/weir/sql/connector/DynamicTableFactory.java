package io.weir.sql.connector;

import io.weir.core.config.ConfigOption;
import java.util.Set;

/**
 * Creates the source and/or sink of a table declared with {@code CREATE TABLE ... WITH
 * ('connector' = '<identifier>', ...)}. Implementations are found with {@link
 * java.util.ServiceLoader} (file {@code META-INF/services/io.weir.sql.connector.DynamicTableFactory}).
 *
 * <p>Before {@link #createSource} / {@link #createSink} is called, {@link FactoryUtil} validates
 * the table's options against {@link #requiredOptions()} and {@link #optionalOptions()}: an
 * unknown key (with the nearest known key suggested), a missing required key or a value that does
 * not parse as the option's type fails with a message naming the option and the table. Keys under a
 * prefix declared by {@link #optionalPrefixes()} (such as {@code fields.}) are passed through.
 */
public interface DynamicTableFactory {
  /** The value of the 'connector' option that selects this factory. */
  String identifier();

  Set<ConfigOption<?>> requiredOptions();

  Set<ConfigOption<?>> optionalOptions();

  /** Option key prefixes whose keys the factory validates itself (e.g. {@code "fields."}). */
  default Set<String> optionalPrefixes() {
    return Set.of();
  }

  default ScanTableSource createSource(TableFactoryContext context) {
    throw new UnsupportedOperationException(
        "connector '" + identifier() + "' cannot be read from (table " + context.tableName() + ")");
  }

  default DynamicTableSink createSink(TableFactoryContext context) {
    throw new UnsupportedOperationException(
        "connector '" + identifier() + "' cannot be written to (table " + context.tableName() + ")");
  }
}
