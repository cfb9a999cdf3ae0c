package io.weir.datastream.windowing;

import static io.weir.datastream.windowing.WindowTestFunctions.KEY;
import static io.weir.datastream.windowing.WindowTestFunctions.LATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Types;
import io.weir.datastream.windowing.WindowTestFunctions.Variant;
import io.weir.datastream.windowing.assigners.SlidingEventTimeWindows;
import io.weir.datastream.windowing.assigners.TumblingEventTimeWindows;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.runtime.testing.OperatorTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pane-based operator (and, as a cross-check, the general per-window operator) against the
 * naive reference on random out-of-order input with late records, random sizes/slides/offsets and
 * allowed lateness: straight, and with a snapshot + restore into a fresh operator after every input.
 */
class SlidingWindowPropertyTest {

  record Case(long seed, long size, long slide, long offset, long lateness, Variant variant) {
    @Override
    public String toString() {
      return "seed=" + seed + " size=" + size + " slide=" + slide + " offset=" + offset
          + " lateness=" + lateness + " " + variant;
    }
  }

  static Stream<Arguments> cases() {
    return LongStream.rangeClosed(1, 30).mapToObj(seed -> {
      Random rnd = new Random(seed);
      long slide = 1 + rnd.nextInt(8);
      // mostly overlapping windows; sometimes tumbling, sometimes with gaps (slide > size)
      long size = switch (rnd.nextInt(5)) {
        case 0 -> slide;
        case 1 -> Math.max(1, slide - 1 - rnd.nextInt((int) slide));
        default -> slide * (1 + rnd.nextInt(5)) + (rnd.nextBoolean() ? rnd.nextInt((int) slide) : 0);
      };
      long offset = rnd.nextInt((int) (2 * slide - 1)) - (slide - 1);
      long lateness = switch (rnd.nextInt(3)) {
        case 0 -> 0;
        case 1 -> 1 + rnd.nextInt(5);
        default -> 5 + rnd.nextInt(30);
      };
      Variant variant = Variant.values()[(int) (seed % Variant.values().length)];
      return Arguments.of(new Case(seed, size, slide, offset, lateness, variant));
    });
  }

  private static WindowAssigner<Object, TimeWindow> assigner(Case c) {
    return c.size == c.slide
        ? TumblingEventTimeWindows.of(Duration.ofMillis(c.size), Duration.ofMillis(c.offset))
        : SlidingEventTimeWindows.of(Duration.ofMillis(c.size), Duration.ofMillis(c.slide), Duration.ofMillis(c.offset));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void panesMatchTheNaiveReference(Case c) throws Exception {
    Random rnd = new Random(c.seed * 31 + 7);
    List<WindowReference.Step> steps = WindowReference.randomScript(rnd, 150, 1 + rnd.nextInt(4), 12, 120);
    WindowReference.Result reference = WindowReference.fixedWindows(steps, c.size, c.slide, c.offset, c.lateness);
    assertThat(reference.firings()).as("the random input must produce window results").isNotEmpty();

    // BATCH: the same records sorted by key, no watermark until the end: nothing is late.
    List<WindowReference.Step> batchSteps = new ArrayList<>(steps.stream()
        .filter(s -> s instanceof WindowReference.Event)
        .sorted(Comparator.comparing(s -> ((WindowReference.Event) s).key()))
        .toList());
    batchSteps.add(new WindowReference.Mark(Long.MAX_VALUE));
    WindowReference.Result batch = WindowReference.fixedWindows(batchSteps, c.size, c.slide, c.offset, 0);
    assertThat(batch.late()).isEmpty();

    for (boolean slicing : new boolean[] {true, false}) {
      OperatorTestSupport.forKeyedOperator(c.variant.create(slicing, assigner(c), null, c.lateness, LATE), KEY, Types.STRING)
          .input(WindowTestFunctions.items(steps))
          .expectOutput(WindowTestFunctions.expected(reference, c.variant))
          .expectSideOutput(LATE, WindowTestFunctions.expectedLate(reference))
          .ignoreOrderWithinTimestamp()
          .expectBatchOutput(WindowTestFunctions.expectedRecords(batch, c.variant))
          .expectBatchSideOutput(LATE, List.of())
          .run();
    }
  }
}
