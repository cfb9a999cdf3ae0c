package io.weir.nexmark.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ResultSetTest {
  @Test
  void equalSqlValuesOfEitherEngineCompareEqual() {
    ResultSet a = new ResultSet();
    ResultSet b = new ResultSet();
    a.apply(false, new Object[] {1L, new BigDecimal("1.500"), LocalDateTime.parse("2015-07-15T00:00:01.250"), "x"});
    b.apply(false, new Object[] {1, new BigDecimal("1.5"), Timestamp.valueOf("2015-07-15 00:00:01.25"), "x"});
    assertThat(a).isEqualTo(b);
  }

  @Test
  void changelogIsAppliedAndDifferencesAreReported() {
    ResultSet a = new ResultSet();
    a.apply(false, new Object[] {"k", 1L});
    a.apply(true, new Object[] {"k", 1L});
    a.apply(false, new Object[] {"k", 2L});
    a.apply(false, new Object[] {"k", 2L});
    ResultSet b = new ResultSet();
    b.apply(false, new Object[] {"k", 2L});
    assertThat(a.size()).isEqualTo(2);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.countMissingFrom(b)).isEqualTo(1);
    assertThat(b.countMissingFrom(a)).isZero();
    assertThat(a.missingFrom(b, 5)).containsExactly(java.util.List.of("k", "2"));
    assertThatThrownBy(() -> b.apply(true, new Object[] {"k", 3L})).hasMessageContaining("retracts a row");
  }
}
