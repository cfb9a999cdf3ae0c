package io.weir.sql.runtime;

import static io.weir.runtime.testing.OperatorTestSupport.record;
import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static io.weir.runtime.testing.OperatorTestSupport.watermark;
import static io.weir.runtime.testing.OperatorTestSupport.watermark1;
import static io.weir.runtime.testing.OperatorTestSupport.watermark2;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.operators.JoinType;
import io.weir.sql.runtime.operators.WindowJoinOperator;
import io.weir.sql.runtime.operators.WindowRankOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WindowRankAndJoinOperatorTest {
  // (k BIGINT, v BIGINT, window_end BIGINT ms): a TUMBLE(10) output
  static final RowTypeInfo IN = new RowTypeInfo(Types.LONG, Types.LONG, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final RowComparator BY_V_DESC = (a, b) -> Long.compare((Long) b.getField(1), (Long) a.getField(1));

  @Test
  void windowTop2EmitsFinalRanksWhenTheWindowCloses() throws Exception {
    OperatorTestSupport.forKeyedOperator(new WindowRankOperator(IN, 2, BY_V_DESC, 1, 2, true, false), KEY, KEY.keyType(IN))
        .input(
            record(Row.of(1L, 5L, 10L), 1), record(Row.of(1L, 9L, 10L), 2), record(Row.of(1L, 7L, 10L), 3),
            record(Row.of(2L, 1L, 10L), 4), record(Row.of(1L, 3L, 20L), 12),
            watermark(9),
            record(Row.of(1L, 100L, 10L), 5), // late: window 10 fired
            watermark(19))
        .expectOutput(
            record(Row.of(1L, 9L, 10L, 1L), 9), record(Row.of(1L, 7L, 10L, 2L), 9), record(Row.of(2L, 1L, 10L, 1L), 9),
            watermark(9),
            record(Row.of(1L, 3L, 20L, 1L), 19),
            watermark(19))
        .ignoreOrderWithinTimestamp()
        .expectBatchOutput(Row.of(1L, 100L, 10L, 1L), Row.of(1L, 9L, 10L, 2L), Row.of(2L, 1L, 10L, 1L),
            Row.of(1L, 3L, 20L, 1L))
        .run();
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void windowJoinMatchesNestedLoopPerWindow(JoinType type) throws Exception {
    Random rnd = new Random(type.ordinal());
    List<Object> items = new ArrayList<>();
    List<Row> left = new ArrayList<>();
    List<Row> right = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      long end = 10L * (1 + i / 30);
      Row r = Row.of(rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(3), (long) rnd.nextInt(4), end);
      if (rnd.nextBoolean()) {
        left.add(r);
        items.add(record1(r, end - 5));
      } else {
        right.add(r);
        items.add(record2(r, end - 5));
      }
      if (i % 30 == 29) {
        items.add(watermark(end - 1));
      }
    }
    checkJoin(type, items, left, right);
  }

  /**
   * Runs of rows of one key and window on one side (a window aggregate fires all its keys at once),
   * which the operator appends without a state lookup; runs interrupted by the other side, another
   * key, a watermark firing the window, and (in the harness's restore run) a checkpoint.
   */
  @ParameterizedTest
  @EnumSource(value = JoinType.class, names = {"INNER", "LEFT", "FULL", "ANTI"})
  void windowJoinOfRunsMatchesNestedLoopPerWindow(JoinType type) throws Exception {
    for (int seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed * 101L + type.ordinal());
      List<Object> items = new ArrayList<>();
      List<Row> left = new ArrayList<>();
      List<Row> right = new ArrayList<>();
      long end = 10;
      for (int i = 0; i < 40; i++) {
        if (rnd.nextInt(4) == 0) {
          items.add(watermark(end - 1));
          end += 10;
        }
        boolean l = rnd.nextInt(3) > 0;
        Long k = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(3);
        long e = rnd.nextInt(6) == 0 ? end + 10 : end;
        for (int j = 1 + rnd.nextInt(8); j > 0; j--) {
          Row r = Row.of(k, (long) rnd.nextInt(4), e);
          (l ? left : right).add(r);
          items.add(l ? record1(r, e - 5) : record2(r, e - 5));
        }
      }
      items.add(watermark(end + 10 - 1));
      checkJoin(type, items, left, right);
    }
  }

  private static void checkJoin(JoinType type, List<Object> items, List<Row> left, List<Row> right) throws Exception {
    // equi on (k, window_end), residual l.v <= r.v
    FieldsKeySelector key = new FieldsKeySelector(0, 2);
    List<Row> expected = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Row l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Row r = right.get(j);
        if (l.getField(0) != null && Objects.equals(l.getField(0), r.getField(0)) && l.getField(2).equals(r.getField(2))
            && (Long) l.getField(1) <= (Long) r.getField(1)) {
          matched = true;
          rightMatched[j] = true;
          if (type != JoinType.SEMI && type != JoinType.ANTI) {
            expected.add(Row.of(l.getField(0), l.getField(1), l.getField(2), r.getField(0), r.getField(1), r.getField(2)));
          }
        }
      }
      if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
        expected.add(l);
      } else if (!matched && type.leftOuter()) {
        expected.add(Row.of(l.getField(0), l.getField(1), l.getField(2), null, null, null));
      }
    }
    for (int j = 0; j < right.size(); j++) {
      if (!rightMatched[j] && type.rightOuter()) {
        Row r = right.get(j);
        expected.add(Row.of(null, null, null, r.getField(0), r.getField(1), r.getField(2)));
      }
    }
    OperatorTestSupport.forKeyedTwoInputOperator(
            new WindowJoinOperator(type, IN, IN, 2, 2, r -> (Long) r.getField(1) <= (Long) r.getField(4), false),
            key, key, key.keyType(IN))
        .input(items)
        .expectOutput(new ArrayList<>(expected))
        .ignoreOrder()
        .expectBatchOutput(new ArrayList<>(expected))
        .run();
  }

  /**
   * Nexmark q5's shape: the right input is a cascaded window aggregation, which emits window 10's
   * row only when the watermark reaches 10. A watermark of exactly 9 (window_end - 1) on both inputs
   * must not fire window 10 yet, or the right row that follows would be dropped as late.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void aJoinOverACascadedAggregateFiresAtWindowEnd(boolean fireAtWindowEnd) throws Exception {
    List<Object> items = List.of(
        record1(Row.of(1L, 5L, 10L), 9), watermark1(9), watermark2(9),
        record2(Row.of(1L, 7L, 10L), 10), watermark1(10), watermark2(10));
    List<Object> expected = fireAtWindowEnd
        ? List.of(watermark(9), record(Row.of(1L, 5L, 10L, 1L, 7L, 10L), 10), watermark(10))
        : List.of(watermark(9), watermark(10)); // firing at 9 loses the pair: what the flag is for
    OperatorTestSupport.forKeyedTwoInputOperator(
            new WindowJoinOperator(JoinType.INNER, IN, IN, 2, 2, null, fireAtWindowEnd), KEY, KEY, KEY.keyType(IN))
        .input(items)
        .expectOutput(new ArrayList<>(expected))
        .expectBatchOutput(Row.of(1L, 5L, 10L, 1L, 7L, 10L))
        .run();
  }

  @Test
  void windowRankOverACascadedAggregateFiresAtWindowEnd() throws Exception {
    OperatorTestSupport.forKeyedOperator(new WindowRankOperator(IN, 2, BY_V_DESC, 1, 1, false, true), KEY, KEY.keyType(IN))
        .input(record(Row.of(1L, 5L, 10L), 10), watermark(9), record(Row.of(1L, 9L, 10L), 10), watermark(10))
        .expectOutput(watermark(9), record(Row.of(1L, 9L, 10L), 10), watermark(10))
        .expectBatchOutput(Row.of(1L, 9L, 10L))
        .run();
  }

  @Test
  void temporalSortEmitsRowsInTimeOrderOnWatermarks() throws Exception {
    FieldsKeySelector none = new FieldsKeySelector();
    RowComparator byKDesc = (a, b) -> Long.compare((Long) b.getField(0), (Long) a.getField(0));
    OperatorTestSupport.forKeyedOperator(new io.weir.sql.runtime.operators.TemporalSortOperator(IN, 2, byKDesc),
            none, none.keyType(IN))
        .input(record(Row.of(1L, 0L, 5L), 5), record(Row.of(2L, 0L, 3L), 3), record(Row.of(3L, 0L, 5L), 5),
            watermark(4), record(Row.of(4L, 0L, 2L), 2), record(Row.of(5L, 0L, 9L), 9), watermark(20))
        .expectOutput(record(Row.of(2L, 0L, 3L), 3), watermark(4),
            record(Row.of(3L, 0L, 5L), 5), record(Row.of(1L, 0L, 5L), 5), record(Row.of(5L, 0L, 9L), 9), watermark(20))
        .expectBatchOutput(Row.of(4L, 0L, 2L), Row.of(2L, 0L, 3L), Row.of(3L, 0L, 5L), Row.of(1L, 0L, 5L), Row.of(5L, 0L, 9L))
        .strictBatchOrder()
        .run();
  }
}
