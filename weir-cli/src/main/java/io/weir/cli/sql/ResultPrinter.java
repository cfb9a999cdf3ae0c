package io.weir.cli.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.weir.connectors.sql.SqlJson;
import io.weir.core.types.Row;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.sql.api.TableResult;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints statement results of a non-interactive run (the output contract of {@code weir sql -f}):
 * <ul>
 *   <li>csv: a header line of column names, then the rows (RFC 4180, NULL as an empty field,
 *       values in {@link SqlValueFormat} text: timestamps {@code yyyy-MM-dd HH:mm:ss[.SSS]},
 *       decimals in plain notation);
 *   <li>json: one object per row;
 *   <li>table: an aligned table and a row count.
 * </ul>
 * An updating (STREAMING) query prints its final materialized result (the changelog applied)
 * unless {@code changelog} is set, which prints every change with a leading {@code op} column
 * (+I, -U, +U, -D). Insert-only results stream: rows are printed as they arrive. Messages of other
 * statements go to {@code out} in table format, to {@code err} in csv/json (stdout keeps only
 * result rows).
 */
final class ResultPrinter {
  private static final long FLUSH_INTERVAL_NANOS = 100_000_000L;

  private final PrintStream out;
  private final PrintStream err;
  private final OutputFormat format;
  private final boolean changelog;
  private final JsonFactory json = new JsonFactory();

  ResultPrinter(PrintStream out, PrintStream err, OutputFormat format, boolean changelog) {
    this.out = out;
    this.err = err;
    this.format = format;
    this.changelog = changelog;
  }

  void print(TableResult r) throws Exception {
    switch (r.kind()) {
      case OK -> message(r.message());
      // The job id shows which INSERTs shared a job (consecutive INSERTs run as one).
      case INSERT -> message(r.jobClient() == null ? r.message() : r.message() + " (job " + r.jobClient().getJobId() + ")");
      case ROWS -> {
        if (isExplain(r)) {
          try (CloseableIterator<Row> it = r.collect()) {
            while (it.hasNext()) {
              out.println(String.valueOf(it.next().getField(0)).stripTrailing());
            }
          }
        } else {
          rows(r, false);
        }
      }
      case QUERY -> rows(r, true);
      default -> throw new IllegalStateException("unknown result kind " + r.kind());
    }
    out.flush();
  }

  void message(String message) {
    if (message == null) {
      return;
    }
    if (format == OutputFormat.TABLE) {
      out.println("[INFO] " + message);
    } else {
      err.println("[INFO] " + message);
    }
  }

  private static boolean isExplain(TableResult r) {
    String s = r.statement() == null ? "" : r.statement().stripLeading().toUpperCase(Locale.ROOT);
    return s.startsWith("EXPLAIN") && r.columnNames().size() == 1;
  }

  private void rows(TableResult r, boolean query) throws Exception {
    boolean opColumn = query && changelog;
    boolean materialize = query && r.isChangelog() && !changelog;
    long count = 0;
    try (CloseableIterator<Row> it = r.collect()) {
      if (format == OutputFormat.TABLE) {
        List<Row> rows;
        if (materialize) {
          rows = materialize(it, r);
        } else {
          rows = new ArrayList<>();
          it.forEachRemaining(rows::add);
        }
        if (rows.isEmpty()) {
          out.println("Empty set");
          return;
        }
        for (String line : TableRenderer.render(r.columnNames(), r.columnTypes(), rows, opColumn)) {
          out.println(line);
        }
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows") + " in set");
        return;
      }
      if (format == OutputFormat.CSV) {
        out.print(csvHeader(r.columnNames(), opColumn));
      }
      if (materialize) {
        for (Row row : materialize(it, r)) {
          out.print(line(r.columnNames(), row, false));
        }
        return;
      }
      long lastFlush = System.nanoTime();
      while (it.hasNext()) {
        out.print(line(r.columnNames(), it.next(), opColumn));
        count++;
        long now = System.nanoTime();
        if (now - lastFlush > FLUSH_INTERVAL_NANOS) {
          out.flush();
          lastFlush = now;
        }
      }
    }
  }

  private static List<Row> materialize(CloseableIterator<Row> it, TableResult r) {
    ChangelogMultiset m = new ChangelogMultiset();
    it.forEachRemaining(m::apply);
    List<Row> rows = new ArrayList<>(m.rows());
    if (r.resultOrder() != null) {
      rows.sort(r.resultOrder());
    }
    return rows;
  }

  static String csvHeader(List<String> names, boolean opColumn) {
    StringBuilder sb = new StringBuilder();
    if (opColumn) {
      sb.append("op");
    }
    for (int i = 0; i < names.size(); i++) {
      if (opColumn || i > 0) {
        sb.append(',');
      }
      sb.append(SqlValueFormat.csvField(names.get(i), ','));
    }
    return sb.append('\n').toString();
  }

  /** One csv or json line of a row, with its line break. */
  String line(List<String> names, Row row, boolean opColumn) {
    if (format == OutputFormat.CSV) {
      return csvLine(row, opColumn);
    }
    StringWriter w = new StringWriter();
    try (JsonGenerator g = json.createGenerator(w)) {
      g.writeStartObject();
      if (opColumn) {
        g.writeStringField("op", row.getKind().shortString());
      }
      for (int i = 0; i < row.getArity(); i++) {
        g.writeFieldName(i < names.size() ? names.get(i) : "f" + i);
        SqlJson.writeValue(g, row.getField(i));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.append('\n').toString();
  }

  static String csvLine(Row row, boolean opColumn) {
    StringBuilder sb = new StringBuilder();
    if (opColumn) {
      sb.append(row.getKind().shortString());
    }
    for (int i = 0; i < row.getArity(); i++) {
      if (opColumn || i > 0) {
        sb.append(',');
      }
      Object v = row.getField(i);
      if (v != null) {
        sb.append(SqlValueFormat.csvField(SqlValueFormat.format(v), ','));
      }
    }
    return sb.append('\n').toString();
  }
}
