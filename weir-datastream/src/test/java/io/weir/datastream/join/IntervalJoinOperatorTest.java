package io.weir.datastream.join;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.state.OperatorSnapshot;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.runtime.testing.TwoInputOperatorTestHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The interval join operator against a nested-loop reference, plus lateness, cleanup and errors. */
class IntervalJoinOperatorTest {
  static final TypeInfo<Tuple2<String, Long>> SIDE = Types.TUPLE(Types.STRING, Types.LONG);
  static final KeySelector<Tuple2<String, Long>, String> KEY = t -> t.f0;
  static final OutputTag<Tuple2<String, Long>> LEFT_LATE = new OutputTag<>("left-late", SIDE);
  static final OutputTag<Tuple2<String, Long>> RIGHT_LATE = new OutputTag<>("right-late", SIDE);

  /** Renders a pair with both timestamps; the result's own timestamp is checked separately. */
  static final class Render extends ProcessJoinFunction<Tuple2<String, Long>, Tuple2<String, Long>, String> {
    @Override
    public void processElement(Tuple2<String, Long> left, Tuple2<String, Long> right, Context ctx, Collector<String> out) {
      if (!left.f0.equals(right.f0)) {
        throw new IllegalStateException("joined different keys: " + left + " " + right);
      }
      if (ctx.getTimestamp() != Math.max(ctx.getLeftTimestamp(), ctx.getRightTimestamp())) {
        throw new IllegalStateException("result timestamp is not the max of both");
      }
      out.collect(left.f0 + ":" + left.f1 + "@" + ctx.getLeftTimestamp() + "+" + right.f1 + "@" + ctx.getRightTimestamp());
    }
  }

  static IntervalJoinOperator<String, Tuple2<String, Long>, Tuple2<String, Long>, String> operator(long lower, long upper) {
    return new IntervalJoinOperator<>(lower, upper, SIDE, SIDE, new Render(), LEFT_LATE, RIGHT_LATE);
  }

  static OperatorTestSupport<String> support(long lower, long upper) {
    return OperatorTestSupport.forKeyedTwoInputOperator(operator(lower, upper), KEY, KEY, Types.STRING);
  }

  record Ev(boolean left, String key, long id, long ts) {}

  static Stream<Arguments> seeds() {
    return LongStream.rangeClosed(1, 15).mapToObj(Arguments::of);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void randomInputMatchesNestedLoops(long seed) throws Exception {
    Random rnd = new Random(seed);
    long lower = rnd.nextInt(21) - 10;
    long upper = lower + rnd.nextInt(15);
    int disorder = 1 + rnd.nextInt(10);
    List<Object> input = new ArrayList<>();
    List<Ev> events = new ArrayList<>();
    long maxTs = 0;
    for (int i = 0; i < 120; i++) {
      long ts = Math.max(0, i - rnd.nextInt(disorder));
      maxTs = Math.max(maxTs, ts);
      Ev e = new Ev(rnd.nextBoolean(), "k" + rnd.nextInt(3), i, ts);
      events.add(e);
      input.add(e.left ? record1(Tuple2.of(e.key, e.id), ts) : record2(Tuple2.of(e.key, e.id), ts));
      if (rnd.nextInt(5) == 0) {
        input.add(watermark(maxTs - disorder));  // every later record is above it: none is late
      }
    }
    List<Object> expected = new ArrayList<>();
    for (Ev l : events) {
      for (Ev r : events) {
        if (l.left && !r.left && l.key.equals(r.key) && r.ts >= l.ts + lower && r.ts <= l.ts + upper) {
          expected.add(record(l.key + ":" + l.id + "@" + l.ts + "+" + r.id + "@" + r.ts, Math.max(l.ts, r.ts)));
        }
      }
    }
    assertThat(expected).as("the random input must join something").isNotEmpty();
    support(lower, upper)
        .input(input)
        .expectOutput(expected)
        .ignoreOrder()
        .expectSideOutput(LEFT_LATE, List.of())
        .expectSideOutput(RIGHT_LATE, List.of())
        .expectBatchOutput(expected)
        .run();
  }

  @Test
  void lateRecordsGoToTheirSideOutputsAndBoundsAreInclusive() throws Exception {
    // right.ts in [left.ts - 2, left.ts + 3]
    support(-2, 3)
        .input(
            record1(Tuple2.of("a", 1L), 10),
            record2(Tuple2.of("a", 2L), 8),    // 10 - 2: joins
            record2(Tuple2.of("a", 3L), 13),   // 10 + 3: joins
            record2(Tuple2.of("a", 4L), 14),   // outside
            watermark(13),                     // left@10 is gone (10 + 3 <= 13); right@8 too (8 + 2 <= 13)
            record1(Tuple2.of("a", 5L), 12),   // late (<= watermark)
            record2(Tuple2.of("a", 6L), 13),   // late
            record1(Tuple2.of("a", 7L), 15),   // joins right@13 and right@14
            watermark(100))
        .expectOutput(
            record("a:1@10+2@8", 10), record("a:1@10+3@13", 13),
            record("a:7@15+3@13", 15), record("a:7@15+4@14", 15))
        .expectSideOutput(LEFT_LATE, List.of(record(Tuple2.of("a", 5L), 12)))
        .expectSideOutput(RIGHT_LATE, List.of(record(Tuple2.of("a", 6L), 13)))
        .run();
  }

  @Test
  void buffersAreCleanedWhenTheWatermarkPassesTheirLastPartner() throws Exception {
    TwoInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>, String> h =
        new TwoInputOperatorTestHarness<>(operator(0, 5), KEY, KEY, Types.STRING);
    h.open();
    OperatorSnapshot empty = h.snapshot(1);
    for (int i = 0; i < 50; i++) {
      h.processElement1(Tuple2.of("k" + (i % 5), (long) i), i);
      h.processElement2(Tuple2.of("k" + (i % 5), (long) i), i + 2);
    }
    long buffered = h.snapshot(2).sizeInBytes();
    assertThat(buffered).isGreaterThan(empty.sizeInBytes());
    h.processWatermark(1000);
    assertThat(h.snapshot(3).sizeInBytes()).as("state after every element's last partner passed")
        .isEqualTo(empty.sizeInBytes());
    assertThat(h.extractOutputValues()).isNotEmpty();
    h.close();
  }

  @Test
  void recordsWithoutTimestampsAreAnError() throws Exception {
    TwoInputOperatorTestHarness<Tuple2<String, Long>, Tuple2<String, Long>, String> h =
        new TwoInputOperatorTestHarness<>(operator(0, 5), KEY, KEY, Types.STRING);
    h.open();
    assertThatThrownBy(() -> h.processElement2(Tuple2.of("a", 1L)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a timestamp on input 2")
        .hasMessageContaining("WatermarkStrategy");
    h.close();
  }
}
