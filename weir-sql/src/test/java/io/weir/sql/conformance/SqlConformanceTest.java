package io.weir.sql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import io.weir.sql.connector.builtin.SqlValueFormat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code conformance/*.slt} file (format: {@link SltFile}) once in BATCH and once in
 * STREAMING mode; each query must produce exactly the expected rows in both modes.
 */
class SqlConformanceTest {

  @TestFactory
  Stream<DynamicNode> conformance() throws IOException, URISyntaxException {
    URL dir = SqlConformanceTest.class.getClassLoader().getResource("conformance");
    assertThat(dir).as("conformance files on the test class path").isNotNull();
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
      files = s.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    List<DynamicNode> out = new ArrayList<>();
    for (Path f : files) {
      SltFile slt = SltFile.parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
      List<DynamicNode> modes = new ArrayList<>();
      for (RuntimeExecutionMode mode : List.of(RuntimeExecutionMode.BATCH, RuntimeExecutionMode.STREAMING)) {
        modes.add(DynamicTest.dynamicTest(mode.name().toLowerCase(), () -> run(slt, mode)));
      }
      out.add(DynamicContainer.dynamicContainer(slt.name(), modes));
    }
    return out.stream();
  }

  static void run(SltFile slt, RuntimeExecutionMode mode) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.RUNTIME_MODE, mode);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    TableEnvironment env = TableEnvironment.create(conf);
    int queries = 0;
    for (SltFile.Block b : slt.blocks()) {
      String where = slt.name() + ":" + b.line() + " (" + mode + ")";
      if (b instanceof SltFile.Statement s) {
        if (s.expectedError() == null) {
          env.executeSql(s.sql()).forEach(r -> {
            if (r.hasRows()) {
              r.collectAll();
            }
          });
        } else {
          assertThatThrownBy(() -> env.executeSql(s.sql()).forEach(r -> {
            if (r.hasRows()) {
              r.collectAll();
            }
          })).as(where).hasMessageContaining(s.expectedError());
        }
      } else if (b instanceof SltFile.Query q) {
        queries++;
        TableResult r;
        List<Row> rows;
        try {
          r = env.executeStatement(q.sql());
          rows = r.isChangelog() ? TableResult.materialize(r.collectAll()) : r.collectAll();
        } catch (RuntimeException e) {
          throw new AssertionError(where + ": query failed: " + e.getMessage() + "\n" + q.sql(), e);
        }
        List<String> actual = rows.stream().map(SqlConformanceTest::render).toList();
        if (q.ordered() && mode == RuntimeExecutionMode.BATCH) {
          assertThat(actual).as(where + "\n" + q.sql()).containsExactlyElementsOf(q.expected());
        } else {
          assertThat(actual).as(where + "\n" + q.sql()).containsExactlyInAnyOrderElementsOf(q.expected());
        }
      }
    }
    assertThat(queries).as(slt.name() + " has queries").isPositive();
  }

  /** A row in the expected-rows notation of {@link SltFile}. */
  static String render(Row row) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < row.getArity(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object v = row.getField(i);
      if (v == null) {
        sb.append("NULL");
        continue;
      }
      String s = SqlValueFormat.format(v);
      boolean quote = s.isEmpty() || s.equals("NULL") || !s.equals(s.strip());
      String field = SqlValueFormat.csvField(s, ',');
      sb.append(quote && !field.startsWith("\"") ? '"' + s.replace("\"", "\"\"") + '"' : field);
    }
    return sb.toString();
  }
}
