package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.sql.api.TableEnvironment;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The datagen connector through SQL: bounds, sequences, seeded randomness, option errors. */
class DataGenTableFactoryTest {
  private static final String COLUMNS = "(id BIGINT, v INT, s STRING, d DECIMAL(6, 2), f DOUBLE, ts TIMESTAMP(3), b BOOLEAN)";

  private static TableEnvironment env(int parallelism) {
    Configuration c = new Configuration();
    c.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return TableEnvironment.create(c);
  }

  private static List<Row> generate(int parallelism, String options) {
    TableEnvironment env = env(parallelism);
    env.executeSql("CREATE TABLE g " + COLUMNS + " WITH ('connector' = 'datagen', " + options + ")");
    return env.executeStatement("SELECT * FROM g").collectAll();
  }

  private static final String SEEDED = "'seed' = '42', 'number-of-rows' = '200',"
      + " 'fields.v.min' = '-5', 'fields.v.max' = '5', 'fields.s.length' = '6', 'fields.d.min' = '1.5',"
      + " 'fields.d.max' = '2.5', 'fields.f.min' = '10', 'fields.f.max' = '20', 'fields.ts.min' = '2024-01-01 00:00:00',"
      + " 'fields.ts.max' = '2024-01-02 00:00:00', 'fields.b.null-rate' = '0.5'";

  @Test
  void boundedTableReportsItsRowCountSoASmallOneIsBroadcast() {
    TableEnvironment env = env(2);
    env.executeSql("CREATE TABLE big (k INT) WITH ('connector' = 'datagen', 'number-of-rows' = '50000');"
        + "CREATE TABLE small (k INT, n STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '100')");
    assertThat(env.explainSql("SELECT * FROM big b JOIN small s ON b.k = s.k")).contains("BroadcastHashJoin(")
        .contains("broadcast=[right]").contains("TableSourceScan(table=[big]");
    assertThat(env.explainSql("SELECT * FROM big b JOIN big c ON b.k = c.k")).doesNotContain("Broadcast");
  }

  @Test
  void seededRandomRowsAreReproducibleAndWithinBounds() {
    List<Row> one = generate(1, SEEDED);
    List<Row> two = generate(2, SEEDED);
    assertThat(one).hasSize(200);
    // Values are a function of (seed, column, row index): the parallelism does not matter.
    assertThat(two).containsExactlyInAnyOrderElementsOf(one);
    assertThat(generate(1, SEEDED.replace("'42'", "'43'"))).isNotEqualTo(one);
    long nulls = 0;
    for (Row r : one) {
      assertThat((Integer) r.getField(1)).isBetween(-5, 5);
      assertThat((String) r.getField(2)).hasSize(6).matches("[a-z0-9]+");
      assertThat((BigDecimal) r.getField(3)).isBetween(new BigDecimal("1.50"), new BigDecimal("2.50"));
      assertThat(((BigDecimal) r.getField(3)).scale()).isEqualTo(2);
      assertThat((Double) r.getField(4)).isBetween(10.0, 20.0);
      assertThat((LocalDateTime) r.getField(5)).isBetween(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 2, 0, 0));
      nulls += r.getField(6) == null ? 1 : 0;
    }
    assertThat(nulls).isBetween(60L, 140L);
    assertThat(one.stream().map(r -> r.getField(1)).distinct().count()).isEqualTo(11);
  }

  @Test
  void sequenceFieldsCountUpAndBoundTheTable() {
    List<Row> rows = generate(2, "'fields.id.kind' = 'sequence', 'fields.id.start' = '5', 'fields.id.end' = '14',"
        + " 'fields.ts.kind' = 'sequence', 'fields.ts.start' = '2024-03-01 12:00:00', 'fields.ts.step' = '90 s',"
        + " 'fields.s.kind' = 'sequence', 'fields.s.start' = '100', 'fields.s.end' = '1000', 'fields.s.step' = '10'");
    assertThat(rows).hasSize(10);
    for (Row r : rows) {
      long i = (Long) r.getField(0) - 5;
      assertThat(r.getField(5)).isEqualTo(LocalDateTime.of(2024, 3, 1, 12, 0).plusSeconds(90 * i));
      assertThat(r.getField(2)).isEqualTo(String.valueOf(100 + 10 * i));
    }
    assertThat(rows).extracting(r -> r.getField(0)).containsExactlyInAnyOrder(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
  }

  @Test
  void numberOfRowsBoundsASequence() {
    assertThat(generate(1, "'number-of-rows' = '3', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',"
        + " 'fields.id.end' = '100'")).extracting(r -> r.getField(0)).containsExactly(1L, 2L, 3L);
  }

  @Test
  void withoutBoundsTheTableIsUnboundedAndBatchRejectsIt() {
    TableEnvironment env = env(1);
    env.executeSql("CREATE TABLE g (v INT) WITH ('connector' = 'datagen', 'rows-per-second' = '5')");
    assertThatThrownBy(() -> env.executeStatement("SELECT * FROM g").collectAll()).hasMessageContaining("bounded");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'fields.vv.min' = '1'|table g: option 'fields.vv.min' names no column 'vv' (did you mean 'fields.v.min'?)",
      "'fields.v.mn' = '1'|table g: unknown option 'fields.v.mn' for connector 'datagen' (did you mean 'fields.v.min'?)",
      "'fields.v.min' = 'x'|table g: option 'fields.v.min' expects a INT value but was 'x'",
      "'fields.v.kind' = 'seq'|table g: option 'fields.v.kind' expects one of sequence, random but was 'seq'",
      "'fields.v.kind' = 'sequence', 'fields.v.start' = '1'|table g: missing required option 'fields.v.end' for a sequence field",
      "'fields.s.min' = '1'|table g: option 'fields.s.min' does not apply to a random STRING field",
      "'fields.v.min' = '9', 'fields.v.max' = '1'|table g: option 'fields.v.min' must not be greater than 'fields.v.max'",
      "'number-of-rows' = 'many'|table g: option 'number-of-rows' expects an integer but was 'many'",
      "'rows-per-secnd' = '5'|table g: unknown option 'rows-per-secnd' for connector 'datagen' (did you mean 'rows-per-second'?)",
      "'fields.v.null-rate' = '2'|table g: option 'fields.v.null-rate' expects a number between 0 and 1 but was '2'"})
  void optionErrorsNameTheOptionAndTheTable(String options, String message) {
    TableEnvironment env = env(1);
    assertThatThrownBy(() -> {
      env.executeSql("CREATE TABLE g (v INT, s STRING) WITH ('connector' = 'datagen', " + options + ")");
      env.executeStatement("SELECT * FROM g").collectAll();
    }).hasMessageContaining(message);
  }
}
