package io.weir.sql.connector.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlValueFormatTest {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  /** The documented TIMESTAMP text, built with java.time's own formatting. */
  private static String expected(LocalDateTime t) {
    String s = t.toLocalDate() + " " + TIME.format(t);
    return t.getNano() != 0 ? s + String.format(Locale.ROOT, ".%03d", t.getNano() / 1_000_000) : s;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void timestampTextMatchesJavaTimeFormatting(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      int year = switch (r.nextInt(4)) {
        case 0 -> r.nextInt(100); // padded years
        case 1 -> 9990 + r.nextInt(20); // the edge of the digit-by-digit path
        case 2 -> -r.nextInt(2000);
        default -> 1970 + r.nextInt(100);
      };
      int nano = switch (r.nextInt(3)) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        default -> r.nextInt(1_000_000_000);
      };
      LocalDateTime t = LocalDateTime.of(year, 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
          r.nextInt(60), nano);
      assertThat(SqlValueFormat.format(t)).as("%s", t).isEqualTo(expected(t));
    }
  }
}
