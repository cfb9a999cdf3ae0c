package io.weir.sql.catalog;

/** A user-defined function: a Java class (scalar function with eval methods, table function or aggregate function). */
public record CatalogFunction(String name, String className, boolean temporary) {}
