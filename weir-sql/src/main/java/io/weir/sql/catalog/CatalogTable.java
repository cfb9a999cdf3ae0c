package io.weir.sql.catalog;

import java.util.List;
import java.util.Map;

/**
 * A table declared with CREATE TABLE (or registered programmatically): schema + connector options,
 * and the PARTITIONED BY columns (empty when not partitioned).
 */
public record CatalogTable(String name, TableSchema schema, Map<String, String> options, String comment,
    List<String> partitionKeys) {
  public CatalogTable {
    options = Map.copyOf(options);
    partitionKeys = List.copyOf(partitionKeys);
  }

  public CatalogTable(String name, TableSchema schema, Map<String, String> options, String comment) {
    this(name, schema, options, comment, List.of());
  }
}
