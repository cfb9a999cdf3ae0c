package io.weir.cli.sql;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.datastream.collect.CloseableIterator;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.parser.SourcePos;
import io.weir.sql.parser.StatementSplitter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive {@code weir sql} shell (JLine): history in {@code ~/.weir/sql_history},
 * statements over several lines until ';', completion of keywords, tables and columns, results as
 * aligned tables. A query's result is shown while it runs — rows as they arrive, an updating
 * query's materialized rows as they change — and Ctrl-C stops the query, not the shell. Ctrl-D or
 * QUIT leaves.
 */
final class SqlShell {
  private static final long REFRESH_NANOS = 250_000_000L;
  /** Rows printed when a query ends; more would bury the prompt. */
  static final int MAX_FINAL_ROWS = 1000;

  private final Configuration conf;
  private final OutputFormat format;
  private final boolean changelog;
  private final boolean verbose;
  private Terminal terminal;

  SqlShell(Configuration conf, OutputFormat format, boolean changelog, boolean verbose) {
    this.conf = conf;
    this.format = format;
    this.changelog = changelog;
    this.verbose = verbose;
  }

  /** Runs the shell on the system terminal. */
  int run() throws IOException {
    try (Terminal t = TerminalBuilder.builder().system(true).name("weir sql").build()) {
      return run(t, historyFile());
    }
  }

  /** Runs the shell on {@code t} (tests pass a dumb terminal over streams). */
  int run(Terminal t, Path history) {
    this.terminal = t;
    TableEnvironment env = TableEnvironment.create(conf);
    LineReaderBuilder b = LineReaderBuilder.builder()
        .terminal(t)
        .appName("weir sql")
        .parser(new SqlLineParser())
        .completer(new SqlCompleter(env.getCatalog()))
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P   -> ")
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true);
    if (history != null) {
      b.variable(LineReader.HISTORY_FILE, history);
    }
    LineReader reader = b.build();
    PrintWriter out = t.writer();
    out.println("Weir SQL shell. Statements end with ';'. HELP; for help, QUIT; or Ctrl-D to leave.");
    out.flush();
    while (true) {
      String input;
      try {
        input = reader.readLine("weir> ");
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      List<SourcePos> pieces;
      try {
        pieces = StatementSplitter.split(input);
      } catch (RuntimeException e) {
        error(out, e);
        continue;
      }
      for (SourcePos piece : pieces) {
        if (SqlScriptRunner.isQuit(piece.text())) {
          out.println("Bye.");
          out.flush();
          return 0;
        }
        try {
          TableResult r = SqlScriptRunner.execute(env, piece);
          show(r, out);
        } catch (Exception e) {
          error(out, e);
          break;
        }
      }
      out.flush();
    }
    out.println("Bye.");
    out.flush();
    return 0;
  }

  private void error(PrintWriter out, Throwable e) {
    out.println("[ERROR] " + SqlErrors.message(e));
    if (verbose) {
      e.printStackTrace(out);
    }
    out.flush();
  }

  private void show(TableResult r, PrintWriter out) throws Exception {
    switch (r.kind()) {
      case OK, INSERT -> {
        out.println("[INFO] " + r.message());
        if (r.statement() != null && r.statement().trim().toUpperCase(java.util.Locale.ROOT).startsWith("HELP")) {
          out.println("Shell: Ctrl-C stops a running query, Ctrl-D or QUIT; leaves, Tab completes,"
              + " Up/Down browse the history.");
        }
      }
      case ROWS -> {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = r.collect()) {
          it.forEachRemaining(rows::add);
        }
        if (r.statement() != null && r.statement().trim().toUpperCase(java.util.Locale.ROOT).startsWith("EXPLAIN")
            && rows.size() == 1) {
          out.println(String.valueOf(rows.get(0).getField(0)).stripTrailing());
        } else {
          printTable(out, r, rows, false, rows.size());
        }
      }
      case QUERY -> new LiveQuery(r, out).run();
      default -> out.println("[INFO] " + r.kind());
    }
    out.flush();
  }

  private void printTable(PrintWriter out, TableResult r, List<Row> rows, boolean opColumn, long total) {
    if (format != OutputFormat.TABLE) {
      ResultPrinter p = new ResultPrinter(null, null, format, opColumn);
      if (format == OutputFormat.CSV) {
        out.print(ResultPrinter.csvHeader(r.columnNames(), opColumn));
      }
      for (Row row : rows) {
        out.print(p.line(r.columnNames(), row, opColumn));
      }
      return;
    }
    if (total == 0) {
      out.println("Empty set");
      return;
    }
    for (String line : TableRenderer.render(r.columnNames(), r.columnTypes(), rows, opColumn)) {
      out.println(line);
    }
    if (total > rows.size()) {
      out.println("(showing " + rows.size() + " of " + total + " rows)");
    } else {
      out.println(total + (total == 1 ? " row" : " rows") + " in set");
    }
  }

  /**
   * Runs one query: a reader thread drains the result into the view while this thread redraws it
   * (on a real terminal) until the query ends or Ctrl-C cancels it.
   */
  private final class LiveQuery {
    private final TableResult result;
    private final PrintWriter out;
    private final boolean opColumn;
    private final boolean materialize;
    private final ChangelogMultiset rows = new ChangelogMultiset();
    /** Append-only or changelog view: the latest rows. */
    private final Deque<Row> tail = new ArrayDeque<>();
    private long appended;
    private volatile boolean done;
    private volatile Throwable failure;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private int drawnLines;

    LiveQuery(TableResult result, PrintWriter out) {
      this.result = result;
      this.out = out;
      this.opColumn = changelog;
      this.materialize = result.isChangelog() && !changelog;
    }

    void run() throws Exception {
      long start = System.nanoTime();
      CloseableIterator<Row> it = result.collect();
      Thread reader = new Thread(() -> drain(it), "weir-sql-result");
      reader.setDaemon(true);
      Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> cancel(it, reader));
      boolean live = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
      try {
        reader.start();
        long lastDraw = 0;
        long lastVersion = -1;
        while (!done && !cancelled.get()) {
          reader.join(50);
          long now = System.nanoTime();
          if (live && now - lastDraw >= REFRESH_NANOS) {
            long version = version();
            if (version != lastVersion || lastDraw == 0) {
              draw(false, start);
              lastVersion = version;
            }
            lastDraw = now;
          }
        }
        reader.join(2000);
      } finally {
        terminal.handle(Terminal.Signal.INT, previous);
      }
      if (failure != null && !cancelled.get()) {
        clear();
        throw failure instanceof Exception e ? e : new RuntimeException(failure);
      }
      draw(true, start);
      if (cancelled.get()) {
        out.println("Query cancelled.");
      }
    }

    private void drain(CloseableIterator<Row> it) {
      try {
        while (!cancelled.get() && it.hasNext()) {
          Row r = it.next();
          synchronized (this) {
            if (materialize) {
              rows.apply(r);
            } else {
              tail.addLast(r);
              appended++;
              if (tail.size() > MAX_FINAL_ROWS) {
                tail.removeFirst();
              }
            }
          }
        }
      } catch (Throwable t) {
        failure = t;
      } finally {
        done = true;
        try {
          it.close();
        } catch (Exception ignored) {
          // the job is over either way
        }
      }
    }

    private void cancel(CloseableIterator<Row> it, Thread reader) {
      if (cancelled.compareAndSet(false, true)) {
        try {
          it.close();
        } catch (Exception ignored) {
          // cancelling a finished job
        }
        reader.interrupt();
      }
    }

    private synchronized long version() {
      return materialize ? rows.changes() : appended;
    }

    private void clear() {
      if (drawnLines > 0) {
        out.print("\033[" + drawnLines + "F\033[J");
        drawnLines = 0;
      }
    }

    /** Draws the current rows; live draws fit the screen, the final one shows up to MAX_FINAL_ROWS. */
    private void draw(boolean fin, long start) {
      List<Row> shown;
      long total;
      int limit = fin ? MAX_FINAL_ROWS : Math.max(3, terminal.getHeight() - 8);
      synchronized (this) {
        if (materialize) {
          total = rows.size();
          shown = rows.rows(limit);
        } else {
          total = appended;
          List<Row> all = new ArrayList<>(tail);
          shown = all.subList(Math.max(0, all.size() - limit), all.size());
          if (fin && total > shown.size()) {
            // Keep the first rows for the final print when nothing scrolled away.
            shown = all.subList(0, Math.min(all.size(), limit));
          }
        }
      }
      clear();
      List<String> lines = new ArrayList<>();
      if (total == 0) {
        lines.add(fin ? "Empty set" : "(no rows yet)");
      } else if (format == OutputFormat.TABLE) {
        lines.addAll(TableRenderer.render(result.columnNames(), result.columnTypes(), shown, opColumn));
      } else {
        ResultPrinter p = new ResultPrinter(null, null, format, opColumn);
        if (format == OutputFormat.CSV) {
          lines.add(ResultPrinter.csvHeader(result.columnNames(), opColumn).stripTrailing());
        }
        for (Row row : shown) {
          lines.add(p.line(result.columnNames(), row, opColumn).stripTrailing());
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      String count = total + (total == 1 ? " row" : " rows");
      if (fin) {
        if (total > shown.size()) {
          lines.add("(showing " + shown.size() + " of " + count + ", " + String.format("%.2f", secs) + " s)");
        } else if (total > 0) {
          lines.add(count + " in set (" + String.format("%.2f", secs) + " s)");
        }
      } else {
        lines.add((materialize ? "Updating result: " : "Streaming: ") + count
            + (total > shown.size() ? " (" + shown.size() + " shown)" : "") + " — press Ctrl-C to stop.");
      }
      for (String l : lines) {
        out.println(l);
      }
      out.flush();
      drawnLines = fin ? 0 : lines.size();
    }
  }

  private static Path historyFile() {
    try {
      Path dir = Path.of(System.getProperty("user.home"), ".weir");
      Files.createDirectories(dir);
      return dir.resolve("sql_history");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
