package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PARTITIONED BY filesystem sinks (directories, escaping, success files), lookup joins against a
 * filesystem table, and nested ROW columns from datagen, in both modes.
 */
class FileSystemPartitionAndLookupTest {
  @TempDir Path tmp;

  private static TableEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return TableEnvironment.create(c);
  }

  @ParameterizedTest
  @EnumSource(RuntimeExecutionMode.class)
  void partitionedSinkWritesOneDirectoryPerPartitionAndCommitsIt(RuntimeExecutionMode mode) throws IOException {
    if (mode == RuntimeExecutionMode.AUTOMATIC) {
      return;
    }
    Path out = tmp.resolve("out");
    TableEnvironment env = env(mode, 2);
    env.executeSql("CREATE TABLE src (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'values', "
        + "'rows' = '(1, TIMESTAMP ''2024-01-01 10:00:01''), (2, TIMESTAMP ''2024-01-01 10:00:30''), "
        + "(3, TIMESTAMP ''2024-01-01 10:01:00''), (4, TIMESTAMP ''2024-01-02 00:00:00'')');"
        + "CREATE TABLE fs (v INT, dt STRING, hm STRING) PARTITIONED BY (dt, hm) WITH ('connector' = 'filesystem', "
        + "'path' = '" + out + "', 'format' = 'csv', 'sink.partition-commit.trigger' = 'partition-time', "
        + "'sink.partition-commit.delay' = '1 min', 'sink.partition-commit.policy.kind' = 'success-file', "
        + "'partition.time-extractor.timestamp-pattern' = '$dt $hm:00');"
        + "INSERT INTO fs SELECT v, DATE_FORMAT(ts, 'yyyy-MM-dd'), DATE_FORMAT(ts, 'HH:mm') FROM src");
    assertThat(filesUnder(out)).containsExactlyInAnyOrder(
        "dt=2024-01-01/hm=10%3A00: 1,2", "dt=2024-01-01/hm=10%3A01: 3", "dt=2024-01-02/hm=00%3A00: 4");
    for (String p : List.of("dt=2024-01-01/hm=10%3A00", "dt=2024-01-01/hm=10%3A01", "dt=2024-01-02/hm=00%3A00")) {
      assertThat(out.resolve(p).resolve("_SUCCESS")).exists();
    }
  }

  @Test
  void partitionColumnsMustBeColumnsAndPartitionedTablesAreWriteOnly() {
    TableEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE bad (v INT) PARTITIONED BY (dt) WITH ('connector' = "
        + "'filesystem', 'path' = '" + tmp + "', 'format' = 'csv')"))
        .hasMessageContaining("partition column 'dt' is not a physical column of the table");
    env.executeSql("CREATE TABLE p (v INT, dt STRING) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', "
        + "'path' = '" + tmp + "', 'format' = 'csv')");
    assertThatThrownBy(() -> env.executeStatement("SELECT * FROM p").collectAll())
        .hasMessageContaining("reading a PARTITIONED BY filesystem table is not supported");
    assertThatThrownBy(() -> env.executeSql("CREATE TABLE q (v INT, dt STRING) PARTITIONED BY (dt) WITH ("
        + "'connector' = 'filesystem', 'path' = '" + tmp + "', 'format' = 'csv', 'sink.partition-commit.trigger' = 'never');"
        + "INSERT INTO q VALUES (1, 'a')"))
        .hasMessageContaining("'sink.partition-commit.trigger' expects process-time or partition-time");
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
  void lookupJoinReadsTheFilesystemTable(RuntimeExecutionMode mode) throws IOException {
    Path side = tmp.resolve("side.csv");
    Files.writeString(side, "1,one\n2,two\n2,deux\n4,four\n");
    TableEnvironment env = env(mode, 2);
    env.executeSql("CREATE TABLE side (k BIGINT, v STRING) WITH ('connector' = 'filesystem', 'path' = '" + side
        + "', 'format' = 'csv');"
        + "CREATE TABLE probe (id BIGINT, pt AS PROCTIME()) WITH ('connector' = 'values', 'rows' = '(1), (2), (3), (12)')");
    List<Row> rows = env.executeStatement("SELECT p.id, s.v FROM probe AS p JOIN side FOR SYSTEM_TIME AS OF p.pt AS s "
        + "ON MOD(p.id, 10) = s.k").collectAll();
    assertThat(rows).extracting(Row::toString)
        .containsExactlyInAnyOrder("+I[1, one]", "+I[2, two]", "+I[2, deux]", "+I[12, two]", "+I[12, deux]");
  }

  @Test
  void datagenGeneratesNestedRowsWithPerFieldOptions() {
    TableEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
    env.executeSql("CREATE TABLE g (id INT, bid ROW<price BIGINT, tag STRING>) WITH ('connector' = 'datagen', "
        + "'number-of-rows' = '20', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '20', "
        + "'fields.bid.price.min' = '5', 'fields.bid.price.max' = '9', 'fields.bid.tag.length' = '3')");
    List<Row> rows = env.executeStatement("SELECT id, bid.price, bid.tag FROM g").collectAll();
    assertThat(rows).hasSize(20).allSatisfy(r -> {
      assertThat((Long) r.getField(1)).isBetween(5L, 9L);
      assertThat((String) r.getField(2)).hasSize(3);
    });
  }

  /** "partition: sorted first column values" per partition directory. */
  private static List<String> filesUnder(Path out) throws IOException {
    List<String> res = new ArrayList<>();
    try (Stream<Path> dirs = Files.walk(out)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        List<String> values = new ArrayList<>();
        try (Stream<Path> files = Files.list(d)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
            for (String line : Files.readAllLines(f)) {
              assertThat(line).doesNotContain(",");
              values.add(line);
            }
          }
        }
        if (!values.isEmpty()) {
          values.sort(null);
          res.add(out.relativize(d) + ": " + String.join(",", values));
        }
      }
    }
    return res;
  }
}
