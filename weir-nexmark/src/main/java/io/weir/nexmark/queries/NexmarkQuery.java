package io.weir.nexmark.queries;

import io.weir.sql.parser.SourcePos;
import io.weir.sql.parser.StatementSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Nexmark query, loaded from {@code io/weir/nexmark/queries/qN.sql} on the classpath. Each file
 * holds, in order: optional setup statements (side tables, function registration), the sink
 * {@code CREATE TABLE nexmark_qN (...)} and {@code INSERT INTO nexmark_qN SELECT ...}. The files are
 * Flink SQL (the Flink comparison runs the same text) and read the {@code person}, {@code auction}
 * and {@code bid} views, which the caller defines first (see {@code NexmarkTables.ddl}).
 *
 * <p>Two placeholders are substituted by {@link #load(String, Path)} with paths under a working
 * directory: {@code ${NEXMARK_Q10_PATH}} (q10's partitioned filesystem sink directory) and
 * {@code ${NEXMARK_SIDE_INPUT_PATH}} (q13's side-input file, which {@code load} writes: 10,000
 * lines {@code i,i} for i = 0..9999).
 */
public final class NexmarkQuery {
  public static final String Q10_PATH = "${NEXMARK_Q10_PATH}";
  public static final String SIDE_INPUT_PATH = "${NEXMARK_SIDE_INPUT_PATH}";
  public static final int SIDE_INPUT_ROWS = 10_000;

  private static final int QUERY_COUNT = 24;
  private static final Pattern CREATE_SINK = Pattern.compile(
      "(?is)^\\s*CREATE\\s+TABLE\\s+`?(nexmark_q\\d+)`?\\s*\\(.*");
  private static final Pattern INSERT = Pattern.compile(
      "(?is)^\\s*INSERT\\s+INTO\\s+`?(nexmark_q\\d+)`?\\s*(\\([^)]*\\)\\s*)?(.*)$");

  private final String name;
  private final List<String> setup;
  private final String sinkDdl;
  private final String sinkTable;
  private final String insertSql;
  private final String selectSql;
  private final Path workDir;

  private NexmarkQuery(String name, List<String> setup, String sinkDdl, String sinkTable, String insertSql,
      String selectSql, Path workDir) {
    this.name = name;
    this.setup = List.copyOf(setup);
    this.sinkDdl = sinkDdl;
    this.sinkTable = sinkTable;
    this.insertSql = insertSql;
    this.selectSql = selectSql;
    this.workDir = workDir;
  }

  /** q0 … q23. */
  public static List<String> names() {
    List<String> out = new ArrayList<>(QUERY_COUNT);
    for (int i = 0; i < QUERY_COUNT; i++) {
      out.add("q" + i);
    }
    return out;
  }

  /**
   * Loads a query; one that needs working files (q10's output, q13's side input) gets them in a
   * fresh temporary directory, deleted with its contents when the JVM exits (pass a directory to
   * {@link #load(String, Path)} to keep the files), the others have no {@link #workDir()}.
   */
  public static NexmarkQuery load(String name) {
    String q = normalize(name);
    String text = resource(q);
    if (!text.contains(Q10_PATH) && !text.contains(SIDE_INPUT_PATH)) {
      return parse(q, text, null);
    }
    try {
      Path dir = Files.createTempDirectory("weir-nexmark-" + q + "-");
      TempDirs.deleteOnExit(dir);
      return load(q, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for query " + name, e);
    }
  }

  /** Temporary work directories of {@link #load(String)}, removed by one shutdown hook. */
  static final class TempDirs {
    private static final java.util.Set<Path> DIRS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> DIRS.forEach(TempDirs::deleteRecursively),
          "weir-nexmark-temp-cleanup"));
    }

    private TempDirs() {}

    static void deleteOnExit(Path dir) {
      DIRS.add(dir);
    }

    static void deleteRecursively(Path dir) {
      try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // best effort at exit: a file still open elsewhere stays behind
      }
    }
  }

  /**
   * Loads a query; {@code ${NEXMARK_Q10_PATH}} becomes {@code workDir/q10} and
   * {@code ${NEXMARK_SIDE_INPUT_PATH}} {@code workDir/side_input/side_input.csv} (written here when the
   * query uses it).
   */
  public static NexmarkQuery load(String name, Path workDir) {
    String q = normalize(name);
    String text = resource(q);
    Path q10 = workDir.resolve("q10");
    Path sideDir = workDir.resolve("side_input");
    if (text.contains(SIDE_INPUT_PATH)) {
      writeSideInput(sideDir);
    }
    text = text.replace(Q10_PATH, q10.toAbsolutePath().toString())
        .replace(SIDE_INPUT_PATH, sideDir.resolve("side_input.csv").toAbsolutePath().toString());
    return parse(q, text, workDir);
  }

  private static NexmarkQuery parse(String q, String text, Path workDir) {
    List<String> setup = new ArrayList<>();
    String sinkDdl = null;
    String sinkTable = null;
    String insert = null;
    String select = null;
    for (SourcePos piece : StatementSplitter.split(text)) {
      String stmt = piece.text().strip();
      if (stmt.isEmpty()) {
        continue;
      }
      Matcher c = CREATE_SINK.matcher(stmt);
      Matcher i = INSERT.matcher(stmt);
      if (sinkDdl == null && c.matches() && c.group(1).equalsIgnoreCase("nexmark_" + q)) {
        sinkDdl = stmt;
        sinkTable = c.group(1);
      } else if (i.matches()) {
        insert = stmt;
        select = i.group(3).strip();
      } else if (sinkDdl == null) {
        setup.add(stmt);
      } else {
        throw new IllegalStateException(q + ".sql: unexpected statement after the sink table: " + firstLine(stmt));
      }
    }
    if (sinkDdl == null || insert == null) {
      throw new IllegalStateException(q + ".sql must contain CREATE TABLE nexmark_" + q + " and INSERT INTO nexmark_" + q);
    }
    return new NexmarkQuery(q, setup, sinkDdl, sinkTable, insert, select, workDir);
  }

  public String name() {
    return name;
  }

  /** Statements to run before the sink DDL: side tables, function registration (may be empty). */
  public List<String> setupStatements() {
    return setup;
  }

  /** {@code CREATE TABLE nexmark_qN (...) WITH (...)}: blackhole, except q10's filesystem sink. */
  public String sinkDdl() {
    return sinkDdl;
  }

  public String sinkTableName() {
    return sinkTable;
  }

  /** The query alone (what the INSERT writes), for collecting results instead of writing them. */
  public String selectSql() {
    return selectSql;
  }

  /** {@code INSERT INTO nexmark_qN SELECT ...}. */
  public String insertSql() {
    return insertSql;
  }

  /** Setup, sink DDL and INSERT, in order. */
  public List<String> statements() {
    List<String> out = new ArrayList<>(setup);
    out.add(sinkDdl);
    out.add(insertSql);
    return out;
  }

  /** The directory that holds this query's files (q10's output is {@code workDir/q10}); null if it has none. */
  public Path workDir() {
    return workDir;
  }

  /** Where q10 writes its partitions ({@code dt=yyyy-MM-dd/hm=HH%3Amm/part-...csv}, ':' escaped as in Flink). */
  public Path q10OutputDir() {
    return workDir == null ? null : workDir.resolve("q10");
  }

  /** Whether results depend on processing time (q12; excluded from result comparisons). */
  public boolean isDeterministic() {
    return !name.equals("q12");
  }

  @Override
  public String toString() {
    return name;
  }

  private static String normalize(String name) {
    String q = name.strip().toLowerCase(Locale.ROOT);
    if (!q.startsWith("q")) {
      q = "q" + q;
    }
    if (!names().contains(q)) {
      throw new IllegalArgumentException("unknown Nexmark query '" + name + "' (expected one of q0 … q23)");
    }
    return q;
  }

  private static String resource(String q) {
    String path = "/io/weir/nexmark/queries/" + q + ".sql";
    try (InputStream in = NexmarkQuery.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("query file " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static void writeSideInput(Path dir) {
    try {
      Files.createDirectories(dir);
      StringBuilder sb = new StringBuilder(SIDE_INPUT_ROWS * 12);
      for (int i = 0; i < SIDE_INPUT_ROWS; i++) {
        sb.append(i).append(',').append(i).append('\n');
      }
      Files.writeString(dir.resolve("side_input.csv"), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the q13 side input into " + dir, e);
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
