package io.weir.sql.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DATE_FORMAT's digit-appending fast path gives DateTimeFormatter's output for the patterns it takes. */
class DateFormatTest {
  @ParameterizedTest
  @ValueSource(strings = {"yyyy-MM-dd", "HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", "yyyyMMdd",
      "dd/MM/yyyy HH", "yyyy-MM-dd'T'HH", "EEE yyyy", "yy-M-d", "HH:mm:ss.SS"})
  void matchesDateTimeFormatter(String pattern) {
    Random r = new Random(pattern.hashCode());
    DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
    for (int i = 0; i < 2000; i++) {
      long epochSecond = (long) (r.nextDouble() * 4_000_000_000L) - 100_000_000L;
      LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, r.nextInt(1000) * 1_000_000, java.time.ZoneOffset.UTC);
      assertThat(SqlFunctions.dateFormat(t, pattern)).as("%s %s", pattern, t).isEqualTo(f.format(t));
    }
    LocalDateTime early = LocalDateTime.of(7, 1, 2, 3, 4, 5, 6_000_000);
    assertThat(SqlFunctions.dateFormat(early, pattern)).isEqualTo(f.format(early));
  }
}
