package io.weir.connectors.file;

import static io.weir.connectors.file.FormatTestSupport.readAll;
import static io.weir.connectors.file.FormatTestSupport.readRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowFormatTest {
  @TempDir Path dir;

  private static final String[] NAMES = {"id", "name", "price", "day", "at", "amount", "ok"};
  private static final TypeInfo<?>[] TYPES = {
    Types.LONG, Types.STRING, Types.DOUBLE, Types.LOCAL_DATE, Types.INSTANT, Types.BIG_DEC, Types.BOOLEAN
  };

  @Test
  void csvRowsByHeaderName() throws IOException {
    Path f = dir.resolve("rows.csv");
    Files.writeString(f,
        "OK,amount,at,day,price,name,id\n"
            + "true,1.50,2024-01-01T00:00:00Z,2024-01-01,2.5,\"a,b\",7\n"
            + "false,,,,,,8\n");
    CsvFormat<Row> fmt = CsvFormat.forRows(NAMES, TYPES);
    assertThat(readRecords(fmt, f)).containsExactly(
        Row.of(7L, "a,b", 2.5, LocalDate.of(2024, 1, 1), Instant.parse("2024-01-01T00:00:00Z"), new BigDecimal("1.50"), true),
        Row.of(8L, null, null, null, null, null, false));
    RowTypeInfo type = (RowTypeInfo) fmt.getProducedType();
    assertThat(type.getFieldNames()).containsExactly(NAMES);
    assertThat(type.getFieldTypes()).containsExactly(TYPES);
  }

  @Test
  void csvRowErrorsUseTheHeaderSpelling() throws IOException {
    Path f = dir.resolve("orders.csv");
    Files.writeString(f, "ID,Price\n1,2\n2,abc\n");
    FormatTestSupport.Result<Row> r =
        readAll(CsvFormat.forRows(new String[] {"id", "price"}, Types.LONG, Types.DOUBLE), f);
    assertThat(r.errors()).containsExactly(f + ":3: column 2 'Price': cannot parse 'abc' as DOUBLE");
    assertThat(r.records()).containsExactly(Row.of(1L, 2.0));
  }

  @Test
  void jsonRowsIncludingNestedTypes() throws IOException {
    Path f = dir.resolve("rows.json");
    Files.writeString(f,
        "{\"id\":1,\"tags\":[\"a\",\"b\"],\"score\":3}\n"
            + "{\"id\":2,\"tags\":null}\n"
            + "{\"id\":\"x\"}\n");
    JsonLinesFormat<Row> fmt =
        JsonLinesFormat.forRows(new String[] {"id", "tags", "score"}, Types.INT, Types.LIST(Types.STRING), Types.DOUBLE);
    FormatTestSupport.Result<Row> r = readAll(fmt, f);
    assertThat(r.records()).containsExactly(Row.of(1, List.of("a", "b"), 3.0), Row.of(2, null, null));
    assertThat(r.errors()).containsExactly(f + ":3: field 'id': expected a number but found \"x\"");
    assertThat(((RowTypeInfo) fmt.getProducedType()).getFieldNames()).containsExactly("id", "tags", "score");
  }

  @Test
  void badRowSchemasFailAtBuildTime() {
    assertThatThrownBy(() -> CsvFormat.forRows(new String[] {"a", "b"}, Types.LONG))
        .hasMessage("CsvFormat.forRows: 2 field names but 1 types");
    assertThatThrownBy(() -> CsvFormat.forRows(new String[] {"a", "A"}, Types.LONG, Types.LONG))
        .hasMessage("CsvFormat.forRows: field name 'A' appears twice");
    assertThatThrownBy(() -> CsvFormat.forRows(new String[] {"a"}, Types.LIST(Types.LONG)))
        .hasMessageStartingWith("CsvFormat.forRows: field 'a' has type");
  }
}
