package io.weir.examples.windowing;

import io.weir.examples.util.ExampleSupport;
import java.util.List;
import java.util.stream.Collectors;

/** The best sellers of one window, best first. */
public record WindowTop(long windowStart, long windowEnd, List<SellerRevenue> top) {
  @Override
  public String toString() {
    return "[" + ExampleSupport.clock(windowStart).substring(0, 8) + ", " + ExampleSupport.clock(windowEnd).substring(0, 8) + ")  "
        + top.stream()
            .map(r -> String.format("%-9s %11s", r.seller(), ExampleSupport.money(r.revenueCents())))
            .collect(Collectors.joining(" | "));
  }
}
