package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Projection push-down into the filesystem reader returns the same rows as reading every column. */
class FileSystemPushDownTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"csv, BATCH", "csv, STREAMING", "json, BATCH", "json, STREAMING"})
  void projectedReadMatchesFullRead(String format, RuntimeExecutionMode mode) throws IOException {
    Path file = tmp.resolve("items." + format);
    Random random = new Random(11);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = "n" + random.nextInt(20);
      String price = random.nextInt(400) / 100 + "." + random.nextInt(10);
      long stock = random.nextInt(30);
      lines.add(format.equals("csv") ? i + "," + name + "," + price + "," + stock
          : "{\"id\":" + i + ",\"name\":\"" + name + "\",\"price\":" + price + ",\"stock\":" + stock + "}");
    }
    Files.write(file, lines);
    String q = "SELECT name, stock * 2 FROM items WHERE price > 1.5";
    List<String> with = run(file, format, mode, true, q);
    List<String> without = run(file, format, mode, false, q);
    assertThat(with).isNotEmpty().isEqualTo(without);
    TableEnvironment env = env(file, format, mode, true);
    assertThat(env.explainSql(q)).contains("fields=[name, price, stock], project=[name, price, stock]");
  }

  private static TableEnvironment env(Path file, String format, RuntimeExecutionMode mode, boolean pushDown) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, mode);
    TableEnvironment env = TableEnvironment.create(c);
    env.executeSql("CREATE TABLE items (id INT, name STRING, price DECIMAL(6, 2), stock BIGINT) WITH ("
        + "'connector' = 'filesystem', 'path' = '" + file + "', 'format' = '" + format + "');"
        + "SET 'table.optimizer.source-pushdown.enabled' = '" + pushDown + "'");
    return env;
  }

  private static List<String> run(Path file, String format, RuntimeExecutionMode mode, boolean pushDown, String q) {
    List<String> out = new ArrayList<>();
    for (Row r : env(file, format, mode, pushDown).executeStatement(q).collectAll()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
