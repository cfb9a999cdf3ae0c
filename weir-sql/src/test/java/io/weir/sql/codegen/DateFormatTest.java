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

  /**
   * The per-call-site formatter reuses its last result while the time stays in the pattern's
   * finest unit: over times that mostly creep forward by small steps (hits) and sometimes jump
   * either way (misses) it still gives DateTimeFormatter's output.
   */
  @ParameterizedTest
  @ValueSource(strings = {"yyyy-MM-dd", "HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", "yyyyMMdd",
      "dd/MM/yyyy HH", "yyyy-MM-dd'T'HH", "EEE yyyy", "yy-M-d", "HH:mm:ss.SS", "MM", "ss"})
  void callSiteFormatterMatchesDateTimeFormatter(String pattern) {
    Random r = new Random(pattern.hashCode() * 7L);
    DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
    SqlFunctions.DateFormatter formatter = new SqlFunctions.DateFormatter(pattern);
    LocalDateTime t = LocalDateTime.of(2020, 12, 31, 23, 58);
    for (int i = 0; i < 20_000; i++) {
      int step = r.nextInt(100);
      t = step == 0 ? t.minusSeconds(r.nextInt(200_000)) : step == 1 ? t.plusDays(r.nextInt(40))
          : t.plusNanos(r.nextInt(300) * 1_000_000L);
      String s = formatter.format(t);
      assertThat(s).as("%s %s", pattern, t).isEqualTo(f.format(t));
    }
    java.time.Instant instant = java.time.Instant.ofEpochMilli(86_400_000L * 365);
    assertThat(formatter.format(instant)).isEqualTo(SqlFunctions.dateFormat(instant, pattern));
  }

  @org.junit.jupiter.api.Test
  void callSiteFormatterSharesTheStringWithinADay() {
    SqlFunctions.DateFormatter formatter = new SqlFunctions.DateFormatter("yyyy-MM-dd");
    String morning = formatter.format(LocalDateTime.of(2021, 3, 4, 0, 0));
    assertThat(formatter.format(LocalDateTime.of(2021, 3, 4, 23, 59, 59, 999_000_000))).isSameAs(morning);
    assertThat(formatter.format(LocalDateTime.of(2021, 3, 5, 0, 0))).isEqualTo("2021-03-05");
  }
}
