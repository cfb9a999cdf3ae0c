package io.weir.sql.scratch;

import io.weir.core.config.Configuration;
import io.weir.sql.api.TableEnvironment;
import io.weir.sql.api.TableResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void run() throws Exception {
    String script = Files.readString(Path.of("/tmp/scratch.sql"));
    String[] parts = script.split("\n-- MODE ");
    for (String mode : new String[] {"batch", "streaming"}) {
      TableEnvironment env = TableEnvironment.create(new Configuration());
      env.executeSql("SET 'parallelism.default' = '2'");
      env.executeSql("SET 'execution.runtime-mode' = '" + mode + "'");
      for (String stmt : script.split(";\n")) {
        if (stmt.isBlank()) continue;
        String s = stmt.strip();
        try {
          if (s.startsWith("EXPLAIN ")) {
            System.out.println("### " + mode + "\n" + env.explainSql(s.substring(8)));
            continue;
          }
          TableResult r = env.executeStatement(s);
          if (r.hasRows()) {
            var rows = r.collectAll();
            System.out.println("### " + mode + " " + s.replace('\n', ' ') + "\n  changelog=" + r.isChangelog() + " " + rows);
            if (r.isChangelog()) System.out.println("  final " + TableResult.materialize(rows));
          }
        } catch (Exception e) {
          System.out.println("### " + mode + " ERROR " + s.replace('\n', ' ') + ": " + e);
          Throwable c = e; while (c.getCause() != null) c = c.getCause();
          if (c != e) System.out.println("   cause: " + c);
        }
      }
    }
  }
}
