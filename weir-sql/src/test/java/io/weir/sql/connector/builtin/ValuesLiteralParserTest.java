package io.weir.sql.connector.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.sql.catalog.LogicalType;
import io.weir.sql.catalog.LogicalType.Kind;
import io.weir.sql.connector.TableOptionException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValuesLiteralParserTest {
  private static final LogicalType INT = LogicalType.of(Kind.INTEGER);
  private static final LogicalType STR = LogicalType.of(Kind.VARCHAR);

  @Test
  void parsesLiteralsIntoColumnTypes() {
    List<Row> rows = ValuesLiteralParser.parse("t",
        "(1, 'it''s', 1.5, TRUE, TIMESTAMP '2024-01-31 10:00:00.5', '2024-02-01', TIME '10:11:12', -7, X'0aff', 2e1),"
            + " (NULL, '', NULL, false, '2024-01-31T10:00', DATE '2024-02-02', NULL, 0, NULL, -1.25)",
        List.of("i", "s", "d", "b", "ts", "dt", "tm", "big", "bin", "f"),
        List.of(INT, STR, LogicalType.decimal(5, 2), LogicalType.of(Kind.BOOLEAN), LogicalType.of(Kind.TIMESTAMP),
            LogicalType.of(Kind.DATE), LogicalType.of(Kind.TIME), LogicalType.of(Kind.BIGINT),
            LogicalType.of(Kind.VARBINARY), LogicalType.of(Kind.DOUBLE)));
    assertThat(rows).hasSize(2);
    Row r = rows.get(0);
    assertThat(r.getField(0)).isEqualTo(1);
    assertThat(r.getField(1)).isEqualTo("it's");
    assertThat(r.getField(2)).isEqualTo(new BigDecimal("1.50"));
    assertThat(r.getField(3)).isEqualTo(true);
    assertThat(r.getField(4)).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 0, 0, 500_000_000));
    assertThat(r.getField(5)).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(r.getField(6)).isEqualTo(LocalTime.of(10, 11, 12));
    assertThat(r.getField(7)).isEqualTo(-7L);
    assertThat((byte[]) r.getField(8)).containsExactly(0x0a, 0xff);
    assertThat(r.getField(9)).isEqualTo(20.0);
    Row n = rows.get(1);
    assertThat(n.getField(0)).isNull();
    assertThat(n.getField(1)).isEqualTo("");
    assertThat(n.getField(4)).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 0));
    assertThat(n.getField(9)).isEqualTo(-1.25);
  }

  @Test
  void parsesNestedLiterals() {
    LogicalType arr = LogicalType.array(INT);
    LogicalType map = LogicalType.map(STR, INT);
    LogicalType row = LogicalType.row(List.of("a", "b"), List.of(INT, STR));
    List<Row> rows = ValuesLiteralParser.parse("t", "(ARRAY[1, NULL, 3], MAP['x', 1, 'y', 2], ROW(5, 'e'))",
        List.of("a", "m", "r"), List.of(arr, map, row));
    assertThat(rows.get(0).getField(0)).isEqualTo(java.util.Arrays.asList(1, null, 3));
    assertThat(rows.get(0).getField(1)).isEqualTo(Map.of("x", 1, "y", 2));
    assertThat(rows.get(0).getField(2)).isEqualTo(Row.of(5, "e"));
  }

  @Test
  void emptyTextIsNoRows() {
    assertThat(ValuesLiteralParser.parse("t", "  ", List.of("a"), List.of(INT))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "(1, 'a'), (2)|table t: option 'rows': row 2 has 1 value but the table has 2 physical columns [a, b]",
      "(1, 'a'), ('x', 'b')|table t: option 'rows': row 2, column 'a': cannot parse 'x' as INT",
      "(3000000000, 'a')|table t: option 'rows': row 1, column 'a': 3000000000 is not a INT value",
      "(1.5, 'a')|table t: option 'rows': row 1, column 'a': 1.5 is not a INT value",
      "(1, 'a'|table t: option 'rows': expected ',' or ')' at character 8",
      "(1, 'a) |table t: option 'rows': unterminated string",
      "(1, foo)|table t: option 'rows': unexpected 'foo' (expected a literal) at character 5",
      "(1, 'a') (2, 'b')|table t: option 'rows': expected ',' at character 10"})
  void errorsNameTheTableOptionRowAndColumn(String spec) {
    String[] parts = spec.split("\\|");
    assertThatThrownBy(() -> ValuesLiteralParser.parse("t", parts[0], List.of("a", "b"), List.of(INT, STR)))
        .isInstanceOf(TableOptionException.class)
        .hasMessageStartingWith(parts[1]);
  }

  @Test
  void formatThenParseRoundTripsRandomValues() {
    Random r = new Random(11);
    for (int i = 0; i < 500; i++) {
      LocalDateTime ts = LocalDateTime.of(1970 + r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
          r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1_000_000);
      assertThat(SqlValueFormat.parse(SqlValueFormat.format(ts), LogicalType.of(Kind.TIMESTAMP))).isEqualTo(ts);
      Instant inst = ts.toInstant(java.time.ZoneOffset.UTC);
      assertThat(SqlValueFormat.parse(SqlValueFormat.format(inst), LogicalType.of(Kind.TIMESTAMP_LTZ))).isEqualTo(inst);
      BigDecimal d = BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, 4);
      assertThat(SqlValueFormat.parse(SqlValueFormat.format(d), LogicalType.decimal(20, 4))).isEqualTo(d);
      double f = r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
      assertThat(SqlValueFormat.parse(SqlValueFormat.format(f), LogicalType.of(Kind.DOUBLE))).isEqualTo(f);
    }
  }

  @Test
  void formatsValuesInTheOutputContract() {
    assertThat(SqlValueFormat.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02 03:04:05");
    assertThat(SqlValueFormat.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000))).isEqualTo("2024-01-02 03:04:05.120");
    assertThat(SqlValueFormat.format(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(SqlValueFormat.format(new BigDecimal("0.00000010"))).isEqualTo("0.00000010");
    assertThat(SqlValueFormat.format(1e20)).isEqualTo("100000000000000000000");
    assertThat(SqlValueFormat.csvField("a,b", ',')).isEqualTo("\"a,b\"");
    assertThat(SqlValueFormat.csvField("say \"hi\"", ',')).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(SqlValueFormat.csvField("two\nlines", ',')).isEqualTo("\"two\nlines\"");
    assertThat(SqlValueFormat.csvField("", ',')).isEqualTo("\"\"");
    assertThat(SqlValueFormat.csvField("plain", ',')).isEqualTo("plain");
  }
}
