package io.weir.sql.catalog;

import java.util.Map;

/** A table declared with CREATE TABLE (or registered programmatically): schema + connector options. */
public record CatalogTable(String name, TableSchema schema, Map<String, String> options, String comment) {
  public CatalogTable {
    options = Map.copyOf(options);
  }
}
