package io.weir.sql.runtime;

import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.operators.IntervalJoinOperator;
import io.weir.sql.runtime.operators.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntervalJoinOperatorTest {
  // (k BIGINT, ts BIGINT ms, v BIGINT) on both sides
  static final RowTypeInfo SIDE = new RowTypeInfo(Types.LONG, Types.LONG, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final long LOWER = -20;
  static final long UPPER = 10;
  static final RowPredicate RESIDUAL = r -> r.getField(2) == null || r.getField(5) == null
      || (Long) r.getField(2) != (long) (Long) r.getField(5);

  static List<Row> nestedLoop(JoinType type, List<Row> left, List<Row> right) {
    List<Row> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Row l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Row r = right.get(j);
        Row joined = Row.of(l.getField(0), l.getField(1), l.getField(2), r.getField(0), r.getField(1), r.getField(2));
        long tl = (Long) l.getField(1);
        long tr = (Long) r.getField(1);
        if (Objects.equals(l.getField(0), r.getField(0)) && tr >= tl + LOWER && tr <= tl + UPPER && RESIDUAL.test(joined)) {
          matched = true;
          rightMatched[j] = true;
          out.add(joined);
        }
      }
      if (!matched && type.leftOuter()) {
        out.add(Row.of(l.getField(0), l.getField(1), l.getField(2), null, null, null));
      }
    }
    for (int j = 0; j < right.size(); j++) {
      if (!rightMatched[j] && type.rightOuter()) {
        Row r = right.get(j);
        out.add(Row.of(null, null, null, r.getField(0), r.getField(1), r.getField(2)));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "RIGHT", "FULL"})
  void matchesNestedLoopInBothModes(JoinType type) throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      List<Object> items = new ArrayList<>();
      List<Row> left = new ArrayList<>();
      List<Row> right = new ArrayList<>();
      long time = 100;
      for (int i = 0; i < 200; i++) {
        time += rnd.nextInt(4);
        long ts = time - rnd.nextInt(15);
        Row r = Row.of((long) rnd.nextInt(3), ts, rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(4));
        if (rnd.nextBoolean()) {
          left.add(r);
          items.add(record1(r, ts));
        } else {
          right.add(r);
          items.add(record2(r, ts));
        }
        if (rnd.nextInt(6) == 0) {
          items.add(watermark(time - 16)); // nothing is late
        }
      }
      items.add(watermark(Long.MAX_VALUE - 1));
      List<Row> expected = nestedLoop(type, left, right);
      OperatorTestSupport.forKeyedTwoInputOperator(
              new IntervalJoinOperator(type, SIDE, SIDE, 1, 1, LOWER, UPPER, RESIDUAL), KEY, KEY, KEY.keyType(SIDE))
          .input(items)
          .expectOutput(new ArrayList<>(expected))
          .ignoreOrder()
          .expectBatchOutput(new ArrayList<>(expected))
          .run();
    }
  }
}
