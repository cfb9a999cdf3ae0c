package io.weir.sql.runtime;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.operators.OverAggregateOperator;
import io.weir.sql.runtime.operators.OverFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OverAggregateOperatorTest {
  // (p VARCHAR, ts BIGINT millis, v BIGINT)
  static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final RowComparator BY_TS = (a, b) -> Long.compare((Long) a.getField(1), (Long) b.getField(1));
  static final List<AggregateSpec> CALLS = List.of(
      new AggregateSpec(Kind.SUM, 2, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "c"),
      new AggregateSpec(Kind.MIN, 2, false, -1, Types.LONG, "mn"),
      new AggregateSpec(Kind.ROW_NUMBER, -1, false, -1, Types.LONG, "rn"),
      new AggregateSpec(Kind.RANK, -1, false, -1, Types.LONG, "rk"),
      new AggregateSpec(Kind.DENSE_RANK, -1, false, -1, Types.LONG, "drk"),
      new AggregateSpec(Kind.FIRST_VALUE, 2, false, -1, Types.LONG, "fv"));

  static Stream<Arguments> frames() {
    return Stream.of(
        Arguments.of(OverFrame.defaultFrame(), true),
        Arguments.of(OverFrame.rows(OverFrame.UNBOUNDED, 0), true),
        Arguments.of(OverFrame.rows(2, 0), true),
        Arguments.of(OverFrame.range(5, 0), true),
        Arguments.of(OverFrame.rows(1, 2), false),
        Arguments.of(OverFrame.range(3, 4), false),
        Arguments.of(OverFrame.range(0, OverFrame.UNBOUNDED), false),
        Arguments.of(OverFrame.rows(3, 1), false));
  }

  /** Straight from the definition of frames, per row. */
  static List<Row> bruteForce(List<Row> input, OverFrame f) {
    Map<Object, List<Row>> parts = new LinkedHashMap<>();
    input.forEach(r -> parts.computeIfAbsent(r.getField(0), k -> new ArrayList<>()).add(r));
    List<Row> out = new ArrayList<>();
    for (List<Row> p : parts.values()) {
      p.sort(BY_TS);
      for (int i = 0; i < p.size(); i++) {
        long ti = (Long) p.get(i).getField(1);
        List<Row> fr = new ArrayList<>();
        for (int j = 0; j < p.size(); j++) {
          long tj = (Long) p.get(j).getField(1);
          boolean in;
          if (f.rows()) {
            in = (f.unboundedPreceding() || j >= i - f.preceding()) && (f.unboundedFollowing() || j <= i + f.following());
          } else {
            in = (f.unboundedPreceding() || tj >= ti - f.preceding()) && (f.unboundedFollowing() || tj <= ti + f.following());
          }
          if (in) {
            fr.add(p.get(j));
          }
        }
        Long sum = null;
        Long min = null;
        Long first = null;
        for (Row r : fr) {
          Long v = (Long) r.getField(2);
          if (v != null) {
            sum = sum == null ? v : sum + v;
            min = min == null ? v : Math.min(min, v);
            first = first == null ? v : first;
          }
        }
        long rank = 1 + p.stream().filter(r -> (Long) r.getField(1) < ti).count();
        long dense = 1 + p.stream().map(r -> (Long) r.getField(1)).filter(t -> t < ti).distinct().count();
        Row r = p.get(i);
        out.add(Row.of(r.getField(0), r.getField(1), r.getField(2), sum, (long) fr.size(), min, (long) i + 1, rank, dense, first));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("frames")
  void matchesBruteForceInBothModes(OverFrame frame, boolean streamingToo) throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed);
      List<Object> items = new ArrayList<>();
      List<Row> rows = new ArrayList<>();
      long time = 0;
      Map<String, Long> maxTs = new HashMap<>();
      for (int i = 0; i < 120; i++) {
        time += rnd.nextInt(3);
        long ts = Math.max(0, time - rnd.nextInt(4));
        Row r = Row.of("p" + rnd.nextInt(3), ts, rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(20));
        rows.add(r);
        items.add(record(r, ts));
        maxTs.merge((String) r.getField(0), ts, Math::max);
        if (rnd.nextInt(8) == 0) {
          items.add(watermark(time - 4)); // nothing is late
        }
      }
      List<Row> expected = bruteForce(rows, frame);
      OperatorTestSupport<Row> t = OperatorTestSupport.forKeyedOperator(
              new OverAggregateOperator(IN, BY_TS, 1, frame, CALLS), KEY, KEY.keyType(IN))
          .input(items)
          .expectBatchOutput(new ArrayList<>(expected));
      if (streamingToo) {
        t.input(watermark(Long.MAX_VALUE - 1)).expectOutput(new ArrayList<>(expected)).ignoreOrder();
      }
      t.run();
    }
  }
}
