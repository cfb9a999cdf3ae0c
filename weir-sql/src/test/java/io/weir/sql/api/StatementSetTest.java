package io.weir.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.types.Row;
import io.weir.sql.connector.builtin.ValuesData;
import io.weir.sql.parser.SqlErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Consecutive INSERTs and BEGIN STATEMENT SET ... END run as one job with several sinks. */
class StatementSetTest {
  private static final class Fixture {
    final String src;
    final String big;
    final String all;
    final List<Row> input = new ArrayList<>();

    Fixture(long seed) {
      Random rnd = new Random(seed);
      for (int i = 0; i < 40; i++) {
        input.add(Row.of(i, rnd.nextInt(100)));
      }
      src = ValuesData.register(input);
      big = "big-" + src;
      all = "all-" + src;
    }

    String ddl(String mode) {
      return "SET 'execution.runtime-mode' = '" + mode + "';\n"
          + "CREATE TABLE src (id INT, v INT) WITH ('connector' = 'values', 'data-id' = '" + src + "');\n"
          + "CREATE TABLE big (id INT, v INT) WITH ('connector' = 'values', 'data-id' = '" + big + "');\n"
          + "CREATE TABLE doubled (id INT, v2 INT) WITH ('connector' = 'values', 'data-id' = '" + all + "');\n";
    }

    List<Row> expectedBig() {
      return input.stream().filter(r -> (Integer) r.getField(1) > 50).toList();
    }

    List<Row> expectedDoubled() {
      return input.stream().map(r -> Row.of(r.getField(0), (Integer) r.getField(1) * 2)).toList();
    }

    void assertSinks() {
      assertThat(ValuesData.sinkRows(big)).isNotEmpty().containsExactlyInAnyOrderElementsOf(expectedBig());
      assertThat(ValuesData.sinkRows(all)).hasSize(input.size()).containsExactlyInAnyOrderElementsOf(expectedDoubled());
    }
  }

  private static final String INSERTS = """
      INSERT INTO big SELECT id, v FROM src WHERE v > 50;
      INSERT INTO doubled SELECT id, v * 2 FROM src;
      """;

  @ParameterizedTest
  @ValueSource(strings = {"batch", "streaming"})
  void consecutiveInsertsRunAsOneJob(String mode) {
    Fixture f = new Fixture(mode.hashCode());
    TableEnvironment env = TableEnvironment.create(new Configuration());
    List<TableResult> rs = env.executeSql(f.ddl(mode) + INSERTS);
    assertThat(rs).hasSize(6);
    TableResult a = rs.get(4);
    TableResult b = rs.get(5);
    assertThat(a.kind()).isEqualTo(TableResult.Kind.INSERT);
    assertThat(a.message()).isEqualTo("Inserted into big");
    assertThat(b.message()).isEqualTo("Inserted into doubled");
    assertThat(a.jobClient()).isNotNull();
    assertThat(b.jobClient().getJobId()).isEqualTo(a.jobClient().getJobId());
    assertThat(a.jobClient().getJobExecutionResult().join().mode().name()).isEqualToIgnoringCase(mode);
    f.assertSinks();
  }

  @Test
  void selectOrDdlEndsTheGroup() {
    Fixture f = new Fixture(7);
    TableEnvironment env = TableEnvironment.create(new Configuration());
    List<TableResult> rs = env.executeSql(f.ddl("batch")
        + "INSERT INTO big SELECT id, v FROM src WHERE v > 50;\n"
        + "CREATE VIEW w AS SELECT id, v * 2 AS v2 FROM src;\n"
        + "INSERT INTO doubled SELECT id, v2 FROM w;\n");
    assertThat(rs.get(4).jobClient()).isNotNull();
    assertThat(rs.get(6).jobClient()).isNotNull();
    assertThat(rs.get(6).jobClient().getJobId()).isNotEqualTo(rs.get(4).jobClient().getJobId());
    f.assertSinks();
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "streaming"})
  void beginStatementSetRunsAtEnd(String mode) {
    Fixture f = new Fixture(mode.hashCode() + 1);
    TableEnvironment env = TableEnvironment.create(new Configuration());
    List<TableResult> rs = env.executeSql(f.ddl(mode) + "BEGIN STATEMENT SET;\n" + INSERTS);
    assertThat(rs.subList(4, 7)).extracting(TableResult::message)
        .containsExactly("Begin a statement set", "Added to the statement set", "Added to the statement set");
    assertThat(ValuesData.sinkRows(f.big)).isEmpty();
    assertThat(ValuesData.sinkRows(f.all)).isEmpty();
    TableResult end = env.executeStatement("END;");
    assertThat(end.kind()).isEqualTo(TableResult.Kind.INSERT);
    assertThat(end.message()).isEqualTo("Inserted into big, doubled");
    assertThat(end.jobClient()).isNotNull();
    f.assertSinks();
  }

  @Test
  void beginStatementSetInOneScript() {
    Fixture f = new Fixture(11);
    TableEnvironment env = TableEnvironment.create(new Configuration());
    List<TableResult> rs = env.executeSql(f.ddl("batch") + "BEGIN STATEMENT SET;\n" + INSERTS + "END;\n"
        + "SELECT COUNT(*) FROM src;");
    assertThat(rs).hasSize(9);
    assertThat(rs.get(7).message()).isEqualTo("Inserted into big, doubled");
    f.assertSinks();
    assertThat(rs.get(8).collectAll()).containsExactly(Row.of((long) f.input.size()));
  }

  @Test
  void planningErrorNamesItsOwnStatementAndNothingRuns() {
    Fixture f = new Fixture(3);
    TableEnvironment env = TableEnvironment.create(new Configuration());
    String script = f.ddl("batch")
        + "INSERT INTO big SELECT id, v FROM src WHERE v > 50;\n"
        + "INSERT INTO doubled SELECT id, nope FROM src;\n";
    assertThatThrownBy(() -> env.executeSql(script))
        .isInstanceOfSatisfying(SqlErrorException.class, e -> {
          assertThat(e.line()).isEqualTo(6);
          assertThat(e.column()).isEqualTo(astColumn("INSERT INTO doubled SELECT id, nope FROM src;", "nope"));
        });
    assertThat(ValuesData.sinkRows(f.big)).isEmpty();
  }

  private static int astColumn(String line, String word) {
    return line.indexOf(word) + 1;
  }
}
