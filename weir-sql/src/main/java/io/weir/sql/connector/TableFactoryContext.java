package io.weir.sql.connector;

import io.weir.core.config.ConfigOption;
import io.weir.core.config.Configuration;
import io.weir.sql.catalog.TableSchema;
import java.util.Map;

/**
 * What a {@link DynamicTableFactory} gets: the table name (for messages), its schema (connectors
 * read and write only the physical columns, {@link TableSchema#physicalRowType()}), its WITH
 * options (validated), the session configuration and the class loader for user classes.
 */
public record TableFactoryContext(
    String tableName, TableSchema schema, Map<String, String> options, Configuration configuration,
    ClassLoader classLoader, java.util.List<String> partitionKeys) {

  public TableFactoryContext {
    options = Map.copyOf(options);
    partitionKeys = java.util.List.copyOf(partitionKeys);
  }

  public TableFactoryContext(String tableName, TableSchema schema, Map<String, String> options,
      Configuration configuration, ClassLoader classLoader) {
    this(tableName, schema, options, configuration, classLoader, java.util.List.of());
  }

  /** The typed value of an option (its default when absent). */
  public <T> T get(ConfigOption<T> option) {
    return FactoryUtil.optionValue(tableName, option, options);
  }
}
