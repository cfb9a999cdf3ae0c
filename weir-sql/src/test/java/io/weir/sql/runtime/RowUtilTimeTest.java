package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.sql.runtime.util.RowUtil;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RowUtil's TIMESTAMP <-> epoch millis conversions against java.time's Instant arithmetic, before 1970 too. */
class RowUtilTimeTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void localDateTimeMillisMatchInstant(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      long seconds = random.nextLong() % 40_000_000_000L; // about +-1,270 years around 1970
      int nanos = random.nextInt(1_000_000_000);
      LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
      long expected = t.toInstant(ZoneOffset.UTC).toEpochMilli();
      assertThat(RowUtil.toMillis(t)).isEqualTo(expected);
      assertThat(RowUtil.toMillis(Instant.ofEpochSecond(seconds, nanos))).isEqualTo(expected);
      LocalDateTime back = (LocalDateTime) RowUtil.fromMillis(expected, LocalDateTime.class);
      assertThat(back.toInstant(ZoneOffset.UTC).toEpochMilli()).isEqualTo(expected);
    }
  }
}
