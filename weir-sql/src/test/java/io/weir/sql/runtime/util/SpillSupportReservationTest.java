package io.weir.sql.runtime.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunked reservation of the batch operators: the manager is asked in chunks, yet a table
 * still overflows once it holds about its budget, and whatever it gives back returns to the budget.
 */
class SpillSupportReservationTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void chunksStayWithinTheBudgetAndGoBack(long seed) {
    Random rnd = new Random(seed);
    long budget = new long[] {4096, 64 * 1024, 4L << 20}[rnd.nextInt(3)];
    try (SpillSupport spill = new SpillSupport(new Configuration(), budget, "test")) {
      SpillSupport.Reservation r = spill.reservation();
      long chunk = Math.max(64, Math.min(1 << 20, budget / 16));
      long used = 0;
      int calls = 0;
      while (true) {
        long need = 1 + rnd.nextInt(200);
        if (!r.tryUse(need)) {
          break;
        }
        used += need;
        calls++;
        assertThat(r.used()).isEqualTo(used);
        assertThat(spill.memory().reserved()).isGreaterThanOrEqualTo(used).isLessThanOrEqualTo(budget);
        assertThat(spill.memory().reserved() - used).as("at most one chunk ahead").isLessThan(chunk + 200);
        if (rnd.nextInt(10) == 0) {
          long freed = rnd.nextInt((int) Math.min(used, 300) + 1); // less than is added: the loop ends
          r.free(freed);
          used -= freed;
          assertThat(spill.memory().reserved() - used).as("spare chunks go back").isLessThan(2 * chunk + 200);
        }
      }
      assertThat(used).as("overflows only when the budget is about full").isGreaterThan(budget - chunk - 200);
      assertThat(calls).isGreaterThan(0);
      r.freeAll();
      assertThat(r.used()).isZero();
      assertThat(spill.memory().reserved()).isZero();
    }
  }
}
