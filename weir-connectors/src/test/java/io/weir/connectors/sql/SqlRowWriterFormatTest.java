package io.weir.connectors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRowWriterFormatTest {
  private static String csv(char delimiter, Row row) throws Exception {
    StringBuilder out = new StringBuilder();
    new SqlRowWriterFormat(FileSystemTableFactory.Format.CSV, List.of("a", "b", "c", "d"), delimiter, false)
        .createEncoder().encode(row, out);
    return out.toString();
  }

  @Test
  void integersAreWrittenAsTheirDigitsAndQuotedOnlyWhenTheyHoldTheDelimiter() throws Exception {
    assertThat(csv(',', Row.of(-5L, 7, Long.MIN_VALUE, null))).isEqualTo("-5,7,-9223372036854775808,\n");
    // a '-' delimiter makes a negative number's text hold it: quoted like any such field
    assertThat(csv('-', Row.of(-5L, 7, Integer.MIN_VALUE, "x"))).isEqualTo("\"-5\"-7-\"-2147483648\"-x\n");
  }
}
