package io.weir.sql.connector.builtin;

import io.weir.core.types.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The programmatic side of the {@code values} connector, for tests in this JVM: rows registered
 * here are read by a table declared with {@code 'connector' = 'values', 'data-id' = '<id>'}, and a
 * {@code values} table used as a sink appends what it receives (RowKind kept) under its {@code
 * 'data-id'} (or its table name when none is given).
 *
 * <pre>{@code
 * String id = ValuesData.register(List.of(Row.of(1, "a"), Row.of(2, null)));
 * env.executeSql("CREATE TABLE t (k INT, v STRING) WITH ('connector' = 'values', 'data-id' = '" + id + "')");
 * }</pre>
 */
public final class ValuesData {
  private static final Map<String, List<Row>> SOURCES = new ConcurrentHashMap<>();
  private static final Map<String, List<Row>> SINKS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  private ValuesData() {}

  /** Registers rows under a fresh id and returns it. */
  public static String register(List<Row> rows) {
    String id = "values-" + IDS.incrementAndGet();
    register(id, rows);
    return id;
  }

  public static void register(String id, List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows.size());
    for (Row r : rows) {
      copy.add(r.copy());
    }
    SOURCES.put(id, List.copyOf(copy));
  }

  static List<Row> sourceRows(String id) {
    return SOURCES.get(id);
  }

  /** What a values sink with this id has received so far (a copy, in arrival order). */
  public static List<Row> sinkRows(String id) {
    List<Row> l = SINKS.get(id);
    if (l == null) {
      return List.of();
    }
    synchronized (l) {
      return new ArrayList<>(l);
    }
  }

  static void append(String id, Row row) {
    List<Row> l = SINKS.computeIfAbsent(id, k -> new ArrayList<>());
    synchronized (l) {
      l.add(row);
    }
  }

  /** Forgets the rows registered and collected under {@code id}. */
  public static void clear(String id) {
    SOURCES.remove(id);
    SINKS.remove(id);
  }
}
