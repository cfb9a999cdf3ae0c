package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.sql.codegen.CodeGenerator;
import io.weir.sql.runtime.batch.SortKeyEncoder;
import io.weir.sql.runtime.functions.RowComparator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelFieldCollation.Direction;
import org.apache.calcite.rel.RelFieldCollation.NullDirection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sorting rows by their encoded keys (unsigned bytes, as ExternalSorter does) gives the generated
 * comparator's order, for every column type, direction and NULL order, on random rows with NULLs,
 * duplicates, negative numbers, decimals of mixed scale, NaN/-0.0 and strings with NUL and
 * non-ASCII characters.
 */
class SortKeyEncoderTest {
  static final int FIELDS = 12;

  static Object value(Random rnd, int field) {
    if (rnd.nextInt(8) == 0) {
      return null;
    }
    return switch (field) {
      case 0 -> (long) rnd.nextInt(21) - 10 + (rnd.nextInt(10) == 0 ? Long.MIN_VALUE / 2 : 0);
      case 1 -> rnd.nextInt(2001) - 1000;
      case 2 -> new double[] {-0.0, 0.0, Double.NaN, -1.5, 2.25, Double.NEGATIVE_INFINITY, 1e300, -3e-5}[rnd.nextInt(8)];
      case 3 -> new BigDecimal(BigDecimal.valueOf(rnd.nextInt(4001) - 2000, rnd.nextInt(4)).toPlainString()
          + (rnd.nextBoolean() ? "0" : "")).setScale(rnd.nextInt(3) + 3);
      case 4 -> randomString(rnd);
      case 5 -> LocalDateTime.of(1960 + rnd.nextInt(80), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28), rnd.nextInt(24),
          rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(3) * 1_000_000);
      case 6 -> LocalDate.ofEpochDay(rnd.nextInt(40_000) - 20_000);
      case 7 -> rnd.nextBoolean();
      case 8 -> (short) (rnd.nextInt(200) - 100);
      case 9 -> new byte[] {(byte) rnd.nextInt(256), (byte) (rnd.nextBoolean() ? 0xFF : 0xFE)};
      case 10 -> Instant.ofEpochSecond(rnd.nextInt(2_000_000) - 1_000_000, rnd.nextInt(3) * 500);
      default -> LocalTime.ofSecondOfDay(rnd.nextInt(86_400));
    };
  }

  static String randomString(Random rnd) {
    String alphabet = "aAbz\u0000\u007f\u00e9\u0100\u3fff\u4000\uffff~ ";
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void keyOrderIsTheComparatorOrder(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Row r = new Row(FIELDS);
      for (int f = 0; f < FIELDS; f++) {
        // few distinct values in the first column so later columns decide too
        r.setField(f, value(rnd, f));
      }
      rows.add(r);
    }
    for (int round = 0; round < 24; round++) {
      List<RelFieldCollation> collation = new ArrayList<>();
      List<Integer> order = new ArrayList<>();
      for (int f = 0; f < FIELDS; f++) {
        order.add(f);
      }
      java.util.Collections.shuffle(order, rnd);
      for (int f : order.subList(0, 1 + rnd.nextInt(3))) {
        collation.add(new RelFieldCollation(f, rnd.nextBoolean() ? Direction.DESCENDING : Direction.ASCENDING,
            NullDirection.values()[rnd.nextInt(3)]));
      }
      RowComparator reference = CodeGenerator.comparator(collation);
      SortKeyEncoder encoder = SortKeyEncoder.of(collation);
      List<Row> expected = new ArrayList<>(rows);
      expected.sort(reference);
      List<Row> actual = new ArrayList<>(rows);
      actual.sort(Comparator.comparing(encoder::encode, Arrays::compareUnsigned));
      for (int i = 0; i < rows.size(); i++) {
        assertThat(reference.compare(actual.get(i), expected.get(i)))
            .as("seed %d, %s, position %d: %s vs %s", seed, collation, i, actual.get(i), expected.get(i)).isZero();
      }
    }
  }
}
