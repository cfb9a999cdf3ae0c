package io.weir.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** By default each engine is measured in a child JVM of its own; the parent merges their reports. */
class ForkedComparisonTest {
  @Test
  void bothEnginesAreMeasuredInChildJvmsAndMerged() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new CommandLine(new CompareMain(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
        .execute("--query", "q0,q6", "--events", "20000", "--verify-events", "2000", "--json");
    assertThat(exit).isZero();

    List<JsonNode> rows = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{")) {
        rows.add(json.readTree(line));
      }
    }
    assertThat(rows).extracting(r -> r.get("query").asText()).containsExactly("q0", "q6");
    JsonNode q0 = rows.get(0);
    assertThat(q0.get("events").asLong()).isEqualTo(20_000);
    assertThat(q0.get("weir_wall_s").asDouble()).isPositive();
    assertThat(q0.get("flink_wall_s").asDouble()).isPositive();
    assertThat(q0.get("ratio").isNull()).isFalse();
    assertThat(q0.get("results_equal").asBoolean()).isTrue();
    JsonNode q6 = rows.get(1);
    assertThat(q6.get("weir_wall_s").asDouble()).isPositive();
    assertThat(q6.get("flink_wall_s").isNull()).isTrue();
    assertThat(q6.get("flink_error").asText()).contains("FLINK-19059");
  }
}
