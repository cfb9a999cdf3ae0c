package io.weir.nexmark.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NexmarkQueryTest {
  @TempDir
  Path tmp;

  @Test
  void everyQueryFileHasItsSinkAndInsert() {
    assertThat(NexmarkQuery.names()).hasSize(24).startsWith("q0").endsWith("q23");
    for (String name : NexmarkQuery.names()) {
      NexmarkQuery q = NexmarkQuery.load(name, tmp);
      assertThat(q.sinkTableName()).isEqualTo("nexmark_" + name);
      assertThat(q.sinkDdl()).startsWith("CREATE TABLE nexmark_" + name);
      assertThat(q.insertSql()).startsWith("INSERT INTO nexmark_" + name);
      assertThat(q.selectSql()).startsWithIgnoringCase("SELECT");
      assertThat(q.statements()).endsWith(q.sinkDdl(), q.insertSql());
      assertThat(String.join("\n", q.statements())).doesNotContain("${");
      assertThat(q.sinkDdl()).contains(name.equals("q10") ? "'filesystem'" : "'blackhole'");
    }
  }

  @Test
  void q13WritesItsSideInputAndQ14RegistersCountChar() throws IOException {
    NexmarkQuery q13 = NexmarkQuery.load("13", tmp);
    List<String> lines = Files.readAllLines(tmp.resolve("side_input/side_input.csv"));
    assertThat(lines).hasSize(NexmarkQuery.SIDE_INPUT_ROWS).startsWith("0,0", "1,1").endsWith("9999,9999");
    assertThat(q13.setupStatements()).anySatisfy(s -> assertThat(s).contains(tmp.resolve("side_input").toString()));
    assertThat(NexmarkQuery.load("Q14", tmp).setupStatements())
        .containsExactly("CREATE TEMPORARY FUNCTION count_char AS 'io.weir.nexmark.queries.CountChar'");
    assertThat(NexmarkQuery.load("q10", tmp).sinkDdl()).contains("'path' = '" + tmp.resolve("q10"));
  }

  @Test
  void unknownQueryNamesTheChoices() {
    assertThatThrownBy(() -> NexmarkQuery.load("q24")).hasMessageContaining("unknown Nexmark query 'q24'")
        .hasMessageContaining("q0 … q23");
  }

  @Test
  void countCharCountsOneCharacter() {
    CountChar f = new CountChar();
    assertThat(f.eval("accbc", "c")).isEqualTo(3);
    assertThat(f.eval("abc", "x")).isZero();
    assertThat(f.eval(null, "c")).isZero();
  }
}
