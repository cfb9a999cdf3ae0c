package io.weir.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.ValuesData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code weir sql -f}: consecutive INSERTs (or a BEGIN STATEMENT SET) run as one job with several sinks. */
class SqlStatementSetTest {
  private static final Pattern INSERTED = Pattern.compile("Inserted into ([\\w, ]+) \\(job ([^)]+)\\)");

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"batch, false", "streaming, false", "batch, true", "streaming, true"})
  void insertsOfAScriptShareOneJob(String mode, boolean explicitSet) throws IOException {
    Random rnd = new Random(mode.hashCode() * 31L + (explicitSet ? 1 : 0));
    List<Row> input = new ArrayList<>();
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      int v = rnd.nextInt(100);
      input.add(Row.of(i, v));
      rows.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(v).append(')');
    }
    String big = "cli-big-" + mode + explicitSet;
    String all = "cli-all-" + mode + explicitSet;
    ValuesData.clear(big);
    ValuesData.clear(all);
    String inserts = "INSERT INTO big SELECT id, v FROM src WHERE v > 50;\n"
        + "INSERT INTO doubled SELECT id, v * 2 FROM src;\n";
    String sql = "CREATE TABLE src (id INT, v INT) WITH ('connector' = 'values', 'rows' = '" + rows + "');\n"
        + "CREATE TABLE big (id INT, v INT) WITH ('connector' = 'values', 'data-id' = '" + big + "');\n"
        + "CREATE TABLE doubled (id INT, v2 INT) WITH ('connector' = 'values', 'data-id' = '" + all + "');\n"
        + (explicitSet ? "BEGIN STATEMENT SET;\n" + inserts + "END;\n" : inserts)
        + "SELECT COUNT(*) AS n FROM src;\n";
    Path f = Files.createTempFile(tmp, "set", ".sql");
    Files.writeString(f, sql);
    SqlCommandTest.Run r = SqlCommandTest.run("", "sql", "-f", f.toString(), "--mode", mode, "--format", "csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("n\n" + input.size() + "\n");

    List<String> jobs = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    Matcher m = INSERTED.matcher(r.err());
    while (m.find()) {
      tables.add(m.group(1));
      jobs.add(m.group(2));
    }
    assertThat(tables).isEqualTo(explicitSet ? List.of("big, doubled") : List.of("big", "doubled"));
    assertThat(jobs).isNotEmpty().allMatch(j -> j.equals(jobs.get(0)));

    assertThat(ValuesData.sinkRows(big)).isNotEmpty().containsExactlyInAnyOrderElementsOf(
        input.stream().filter(x -> (Integer) x.getField(1) > 50).toList());
    assertThat(ValuesData.sinkRows(all)).containsExactlyInAnyOrderElementsOf(
        input.stream().map(x -> Row.of(x.getField(0), (Integer) x.getField(1) * 2)).toList());
  }

  @org.junit.jupiter.api.Test
  void aPlanningErrorInTheGroupPointsAtItsOwnLineAndNothingRuns() throws IOException {
    String big = "cli-err-big";
    ValuesData.clear(big);
    String sql = "CREATE TABLE src (id INT, v INT) WITH ('connector' = 'values', 'rows' = '(1, 60), (2, 70)');\n"
        + "CREATE TABLE big (id INT, v INT) WITH ('connector' = 'values', 'data-id' = '" + big + "');\n"
        + "INSERT INTO big SELECT id, v FROM src;\n"
        + "INSERT INTO big SELECT id, nope FROM src;\n";
    Path f = Files.createTempFile(tmp, "err", ".sql");
    Files.writeString(f, sql);
    SqlCommandTest.Run r = SqlCommandTest.run("", "sql", "-f", f.toString(), "--mode", "batch");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("line 4, column " + ("INSERT INTO big SELECT id, ".length() + 1)).contains("nope");
    assertThat(ValuesData.sinkRows(big)).isEmpty();
  }
}
