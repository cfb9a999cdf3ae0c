package io.weir.sql.api;

import io.weir.core.types.Row;
import io.weir.core.types.RowKind;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.runtime.execution.JobClient;
import io.weir.sql.catalog.LogicalType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The result of one statement: either an OK message (DDL, SET, ...), or rows with column names and
 * types. Rows of a query carry their {@link RowKind}: in BATCH and for insert-only STREAMING
 * queries all are INSERT; an updating STREAMING query yields its changelog ({@link #isChangelog()}),
 * and {@link #materialize()} applies it.
 */
public final class TableResult {
  /** What kind of statement produced the result. */
  public enum Kind { OK, ROWS, QUERY, INSERT }

  private final Kind kind;
  private final String statement;
  private final String message;
  private final List<String> columnNames;
  private final List<LogicalType> columnTypes;
  private final Supplier<CloseableIterator<Row>> rows;
  private final boolean changelog;
  private final JobClient jobClient;
  private CloseableIterator<Row> opened;
  /** The query's ORDER BY as a row order, or null: a materialized changelog has no order of its own. */
  private Comparator<Row> resultOrder;

  TableResult(Kind kind, String statement, String message, List<String> columnNames, List<LogicalType> columnTypes,
      Supplier<CloseableIterator<Row>> rows, boolean changelog, JobClient jobClient) {
    this.kind = kind;
    this.statement = statement;
    this.message = message;
    this.columnNames = List.copyOf(columnNames);
    this.columnTypes = List.copyOf(columnTypes);
    this.rows = rows;
    this.changelog = changelog;
    this.jobClient = jobClient;
  }

  static TableResult ok(String statement, String message) {
    return new TableResult(Kind.OK, statement, message, List.of(), List.of(), null, false, null);
  }

  static TableResult rows(String statement, List<String> names, List<LogicalType> types, List<Row> values) {
    return new TableResult(Kind.ROWS, statement, null, names, types, () -> iterator(values), false, null);
  }

  static CloseableIterator<Row> iterator(List<Row> values) {
    Iterator<Row> it = values.iterator();
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }

  /** The ORDER BY of the query (null when it has none); materialized results are sorted by it. */
  public Comparator<Row> resultOrder() {
    return resultOrder;
  }

  TableResult withResultOrder(Comparator<Row> order) {
    this.resultOrder = order;
    return this;
  }

  public Kind kind() {
    return kind;
  }

  /** The statement's text. */
  public String statement() {
    return statement;
  }

  /** For OK and INSERT results: a short message such as "Table created". */
  public String message() {
    return message;
  }

  public List<String> columnNames() {
    return columnNames;
  }

  public List<LogicalType> columnTypes() {
    return columnTypes;
  }

  /** Whether the rows are a changelog with UPDATE_BEFORE/UPDATE_AFTER/DELETE rows (STREAMING, updating query). */
  public boolean isChangelog() {
    return changelog;
  }

  public boolean hasRows() {
    return rows != null;
  }

  /** The job running an INSERT or a started query, or null. */
  public JobClient jobClient() {
    return jobClient;
  }

  /**
   * The result rows; for a query this starts its job (once). Closing the iterator cancels a
   * running job.
   */
  public synchronized CloseableIterator<Row> collect() {
    if (rows == null) {
      throw new IllegalStateException("statement '" + statement + "' has no rows: " + message);
    }
    if (opened == null) {
      opened = rows.get();
    }
    return opened;
  }

  /** Reads all rows (blocks until a query's job ends). */
  public List<Row> collectAll() {
    List<Row> out = new ArrayList<>();
    try (CloseableIterator<Row> it = collect()) {
      it.forEachRemaining(out::add);
    } catch (Exception e) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e);
    }
    return out;
  }

  /**
   * Reads all rows and applies the changelog: +I/+U add a row, -U/-D remove one equal row. The
   * returned rows are INSERT rows in arrival order of their last addition.
   */
  public List<Row> materialize() {
    List<Row> rows = materialize(collectAll());
    if (resultOrder != null) {
      rows.sort(resultOrder);
    }
    return rows;
  }

  public static List<Row> materialize(List<Row> changelog) {
    List<Row> out = new ArrayList<>();
    for (Row r : changelog) {
      Row insert = r.copy();
      insert.setKind(RowKind.INSERT);
      switch (r.getKind()) {
        case INSERT, UPDATE_AFTER -> out.add(insert);
        case UPDATE_BEFORE, DELETE -> {
          if (!out.remove(insert)) {
            throw new IllegalStateException("changelog retracts a row that is not in the result: " + r);
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    return out;
  }
}
