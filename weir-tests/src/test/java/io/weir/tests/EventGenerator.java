package io.weir.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random events whose timestamps are out of order by at most {@code maxDisorder}: every
 * event's timestamp is >= (highest earlier timestamp - maxDisorder). Any subsequence keeps that
 * property, so a bounded-out-of-orderness watermark with that bound never declares one late, in
 * whatever parallel split the event is read.
 */
final class EventGenerator {
  private EventGenerator() {}

  static List<Event> generate(long seed, int count, int keys, long maxDisorder) {
    Random r = new Random(seed);
    List<Event> events = new ArrayList<>(count);
    long clock = 1_000_000L;
    for (int i = 0; i < count; i++) {
      clock += r.nextInt(20);
      long ts = clock - (maxDisorder == 0 ? 0 : r.nextInt((int) maxDisorder + 1));
      // values are distinct, so minBy/maxBy and ordering have no ties
      long value = 1 + r.nextInt(1000) * 10_000L + i;
      events.add(new Event("k" + r.nextInt(keys), ts, value));
    }
    return events;
  }
}
