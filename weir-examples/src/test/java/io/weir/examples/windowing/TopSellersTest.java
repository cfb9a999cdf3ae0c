package io.weir.examples.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.datastream.StreamExecutionEnvironment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopSellersTest {
  static final long ORDERS = 6_000;

  static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
    return StreamExecutionEnvironment.getExecutionEnvironment(new Configuration()
        .set(CoreOptions.RUNTIME_MODE, mode)
        .set(CoreOptions.DEFAULT_PARALLELISM, parallelism));
  }

  /** Tumbling windows computed by a plain loop over the same generated orders. */
  static List<WindowTop> reference(long orders, int n) {
    long size = TopSellers.WINDOW.toMillis();
    Map<Long, Map<String, long[]>> windows = new TreeMap<>();
    for (long i = 0; i < orders; i++) {
      Order o = Order.generate(i);
      long start = Math.floorDiv(o.timestamp(), size) * size;
      long[] acc = windows.computeIfAbsent(start, k -> new TreeMap<>()).computeIfAbsent(o.seller(), k -> new long[2]);
      acc[0] += o.amountCents();
      acc[1]++;
    }
    List<WindowTop> result = new ArrayList<>();
    windows.forEach((start, sellers) -> {
      List<SellerRevenue> all = new ArrayList<>();
      sellers.forEach((seller, acc) -> all.add(new SellerRevenue(start, start + size, seller, acc[0], acc[1])));
      all.sort(Comparator.comparingLong(SellerRevenue::revenueCents).reversed().thenComparing(SellerRevenue::seller));
      result.add(new WindowTop(start, start + size, List.copyOf(all.subList(0, Math.min(n, all.size())))));
    });
    return result;
  }

  @ParameterizedTest(name = "{0} p={1}")
  @CsvSource({"STREAMING,1", "STREAMING,2", "BATCH,1", "BATCH,2"})
  void rankingsMatchAPlainLoop(RuntimeExecutionMode mode, int parallelism) throws Exception {
    List<WindowTop> expected = reference(ORDERS, 3);
    assertThat(expected).hasSizeGreaterThan(5);
    assertThat(TopSellers.run(env(mode, parallelism), ORDERS, 3)).isEqualTo(expected);
  }

  @Test
  void generatedOrdersAreOutOfOrderButWithinTheBound() {
    long maxSeen = Long.MIN_VALUE;
    boolean outOfOrder = false;
    for (long i = 0; i < ORDERS; i++) {
      long ts = Order.generate(i).timestamp();
      if (ts < maxSeen) {
        outOfOrder = true;
        assertThat(maxSeen - ts).isLessThan(Order.MAX_OUT_OF_ORDER_MS);
      }
      maxSeen = Math.max(maxSeen, ts);
      assertThat(Order.generate(i)).isEqualTo(Order.generate(i));
    }
    assertThat(outOfOrder).isTrue();
  }
}
