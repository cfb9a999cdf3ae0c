package io.weir.sql.catalog;

import java.util.List;

/** A view: its query text, expanded where it is used; {@code columns} are the validated output columns. */
public record CatalogView(String name, String query, List<String> columnNames, TableSchema schema) {}
