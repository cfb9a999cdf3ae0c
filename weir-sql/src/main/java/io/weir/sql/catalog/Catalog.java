package io.weir.sql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The session's in-memory catalog of tables, views and functions. Names are case-sensitive like
 * Flink's; lookups that fail suggest the nearest existing name ({@link #suggest}).
 */
public final class Catalog {
  private final Map<String, CatalogTable> tables = new TreeMap<>();
  private final Map<String, CatalogView> views = new TreeMap<>();
  private final Map<String, CatalogFunction> functions = new TreeMap<>();

  public synchronized boolean exists(String name) {
    return tables.containsKey(name) || views.containsKey(name);
  }

  public synchronized void createTable(CatalogTable table, boolean ignoreIfExists) {
    if (exists(table.name())) {
      if (ignoreIfExists) {
        return;
      }
      throw new CatalogException("table or view '" + table.name() + "' already exists");
    }
    tables.put(table.name(), table);
  }

  public synchronized void createView(CatalogView view, boolean ignoreIfExists) {
    if (exists(view.name())) {
      if (ignoreIfExists) {
        return;
      }
      throw new CatalogException("table or view '" + view.name() + "' already exists");
    }
    views.put(view.name(), view);
  }

  public synchronized void createFunction(CatalogFunction f, boolean ignoreIfExists) {
    if (functions.containsKey(f.name())) {
      if (ignoreIfExists) {
        return;
      }
      throw new CatalogException("function '" + f.name() + "' already exists");
    }
    functions.put(f.name(), f);
  }

  public synchronized Optional<CatalogTable> getTable(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  public synchronized Optional<CatalogView> getView(String name) {
    return Optional.ofNullable(views.get(name));
  }

  public synchronized Optional<CatalogFunction> getFunction(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  public synchronized boolean dropTable(String name) {
    return tables.remove(name) != null;
  }

  public synchronized boolean dropView(String name) {
    return views.remove(name) != null;
  }

  public synchronized boolean dropFunction(String name) {
    return functions.remove(name) != null;
  }

  public synchronized List<String> tableNames() {
    return new ArrayList<>(tables.keySet());
  }

  public synchronized List<String> viewNames() {
    return new ArrayList<>(views.keySet());
  }

  /** Tables and views, sorted. */
  public synchronized List<String> allRelationNames() {
    List<String> all = new ArrayList<>(tables.keySet());
    all.addAll(views.keySet());
    all.sort(null);
    return all;
  }

  public synchronized List<CatalogFunction> functions() {
    return new ArrayList<>(functions.values());
  }

  /** The nearest table/view name to a misspelled one, or null. */
  public synchronized String suggest(String name) {
    return Names.nearest(name, allRelationNames());
  }
}
