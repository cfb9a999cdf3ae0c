package io.weir.sql.runtime;

import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.runtime.testing.TwoInputOperatorTestHarness;
import io.weir.sql.runtime.batch.HashAggregateOperator;
import io.weir.sql.runtime.batch.HashJoinOperator;
import io.weir.sql.runtime.batch.SortAggregateOperator;
import io.weir.sql.runtime.batch.SortLimitOperator;
import io.weir.sql.runtime.batch.SortMergeJoinOperator;
import io.weir.sql.runtime.batch.SortKeyEncoder;
import io.weir.sql.runtime.batch.SortOperator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.operators.JoinType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchOperatorsTest {
  // (k VARCHAR, v BIGINT, w VARCHAR padding to make rows bigger)
  static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.STRING);
  static final List<AggregateSpec> AGGS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
      new AggregateSpec(Kind.SUM, 1, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.MIN, 1, false, -1, Types.LONG, "mn"),
      new AggregateSpec(Kind.COUNT, 1, true, -1, Types.LONG, "cd"));
  static final long TINY = 4096;

  static List<Row> randomRows(long seed, int n, int keys) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.of(rnd.nextInt(20) == 0 ? null : "key-" + rnd.nextInt(keys),
          rnd.nextInt(7) == 0 ? null : (long) rnd.nextInt(50), "padding-" + i));
    }
    return rows;
  }

  static List<Row> groupBy(List<Row> rows) {
    Map<Object, List<Row>> groups = new HashMap<>();
    rows.forEach(r -> groups.computeIfAbsent(r.getField(0) == null ? "\0null" : r.getField(0), k -> new ArrayList<>()).add(r));
    List<Row> out = new ArrayList<>();
    groups.forEach((k, rs) -> {
      List<Long> vs = rs.stream().map(r -> (Long) r.getField(1)).filter(v -> v != null).toList();
      out.add(Row.of(rs.get(0).getField(0), (long) rs.size(), vs.isEmpty() ? null : vs.stream().mapToLong(x -> x).sum(),
          vs.stream().min(Comparator.naturalOrder()).orElse(null), vs.stream().distinct().count()));
    });
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {0, TINY})
  void hashAggregateMatchesGroupByAndSpillsUnderTinyBudget(long budget) throws Exception {
    List<Row> rows = randomRows(7, 3000, 400);
    List<Row> expected = groupBy(rows);
    OperatorTestSupport.forOperator(new HashAggregateOperator(new int[] {0}, AGGS, IN, budget))
        .input(new ArrayList<>(rows))
        .expectBatchOutput(new ArrayList<>(expected))
        .run();
    try (OneInputOperatorTestHarness<Row, Row> h =
        new OneInputOperatorTestHarness<>(new HashAggregateOperator(new int[] {0}, AGGS, IN, budget))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Row r : rows) {
        h.processElement(r);
      }
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.extractOutputValues()).as("final watermark held back until the result is out").isEmpty();
      h.endInput();
      assertThat(((HashAggregateOperator) h.getOperator()).hasSpilled()).isEqualTo(budget == TINY);
      assertThat(Changelogs.show(Changelogs.multiset(h.extractOutputValues())))
          .isEqualTo(Changelogs.show(Changelogs.multiset(expected)));
      assertThat(h.getOutput().get(h.getOutput().size() - 1).isWatermark()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sortAggregateMatchesGroupBy(boolean presorted) throws Exception {
    List<Row> rows = randomRows(11, 2000, 300);
    List<Row> input = new ArrayList<>(rows);
    if (presorted) {
      input.sort(Comparator.comparing(r -> String.valueOf(r.getField(0))));
    }
    OperatorTestSupport.forOperator(new SortAggregateOperator(new int[] {0}, AGGS, IN, presorted, TINY))
        .input(new ArrayList<>(input))
        .expectBatchOutput(new ArrayList<>(groupBy(rows)))
        .run();
  }

  @Test
  void aggregateOperatorsRunGeneratedCodeCompiledOnce() {
    var a = new HashAggregateOperator(new int[] {0}, AGGS, IN, 0).aggregator().handle();
    var b = new HashAggregateOperator(new int[] {0}, List.copyOf(AGGS), IN, 0).aggregator().handle();
    assertThat(a).isInstanceOf(io.weir.sql.runtime.aggregate.GeneratedAggsHandle.class);
    // two operators (two plans) with equal call lists share one compiled class
    assertThat(((io.weir.sql.runtime.aggregate.GeneratedAggsHandle) a).compiledClass())
        .isSameAs(((io.weir.sql.runtime.aggregate.GeneratedAggsHandle) b).compiledClass());
  }

  @Test
  void globalAggregateOnEmptyInputEmitsOneRow() throws Exception {
    OperatorTestSupport.forOperator(new HashAggregateOperator(new int[0], AGGS, IN, 0))
        .input()
        .expectBatchOutput(Row.of(0L, null, null, 0L))
        .run();
    OperatorTestSupport.forOperator(new SortAggregateOperator(new int[0], AGGS, IN, false, 0))
        .input(Row.of("a", 3L, "x"), Row.of("b", 4L, "y"))
        .expectBatchOutput(Row.of(2L, 7L, 3L, 2L))
        .run();
  }

  // ---------------------------------------------------------------- sort

  static final RowComparator BY_V_DESC_NULLS_LAST_THEN_W = (a, b) -> {
    Long x = (Long) a.getField(1);
    Long y = (Long) b.getField(1);
    if (x == null || y == null) {
      if (x != y) {
        return x == null ? 1 : -1;
      }
    } else if (!x.equals(y)) {
      return Long.compare(y, x);
    }
    return ((String) a.getField(2)).compareTo((String) b.getField(2));
  };

  /** The same order as {@link #BY_V_DESC_NULLS_LAST_THEN_W} as sort key bytes. */
  static final SortKeyEncoder V_DESC_NULLS_LAST_THEN_W_KEYS =
      new SortKeyEncoder(new int[] {1, 2}, new boolean[] {true, false}, new boolean[] {false, true});

  @ParameterizedTest
  @ValueSource(longs = {0, TINY})
  void sortMatchesListSortAndSpills(long budget) throws Exception {
    List<Row> rows = randomRows(3, 2500, 50);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(BY_V_DESC_NULLS_LAST_THEN_W);
    OperatorTestSupport.forOperator(new SortOperator(V_DESC_NULLS_LAST_THEN_W_KEYS, IN, 0, -1, budget))
        .input(new ArrayList<>(rows))
        .expectBatchOutput(new ArrayList<>(sorted))
        .strictBatchOrder()
        .run();
    OperatorTestSupport.forOperator(new SortOperator(V_DESC_NULLS_LAST_THEN_W_KEYS, IN, 100, 50, budget))
        .input(new ArrayList<>(rows))
        .expectBatchOutput(new ArrayList<>(sorted.subList(100, 150)))
        .strictBatchOrder()
        .run();
    try (OneInputOperatorTestHarness<Row, Row> h =
        new OneInputOperatorTestHarness<>(new SortOperator(V_DESC_NULLS_LAST_THEN_W_KEYS, IN, 0, -1, budget))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Row r : rows) {
        h.processElement(r);
      }
      h.endInput();
      assertThat(((SortOperator) h.getOperator()).spilledBytes() > 0).isEqualTo(budget == TINY);
      assertThat(h.extractOutputValues()).containsExactlyElementsOf(sorted);
    }
  }

  @Test
  void sortLimitKeepsTopRowsInOrder() throws Exception {
    List<Row> rows = randomRows(5, 1000, 50);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(BY_V_DESC_NULLS_LAST_THEN_W);
    OperatorTestSupport.forOperator(new SortLimitOperator(BY_V_DESC_NULLS_LAST_THEN_W, 3, 10))
        .input(new ArrayList<>(rows))
        .expectBatchOutput(new ArrayList<>(sorted.subList(3, 13)))
        .strictBatchOrder()
        .run();
    OperatorTestSupport.forOperator(new SortLimitOperator(BY_V_DESC_NULLS_LAST_THEN_W, 0, 0))
        .input(new ArrayList<>(rows))
        .expectBatchOutput()
        .run();
  }

  // ---------------------------------------------------------------- joins

  enum JoinImpl { HASH_BUILD_RIGHT, HASH_BUILD_LEFT, HASH_SPILLING, SORT_MERGE, SORT_MERGE_SPILLING }

  @ParameterizedTest
  @EnumSource(JoinImpl.class)
  void joinsMatchNestedLoopForEveryJoinType(JoinImpl impl) throws Exception {
    for (JoinType type : JoinType.values()) {
      for (long seed = 1; seed <= 2; seed++) {
        Random rnd = new Random(seed * 13 + type.ordinal());
        List<Row> left = new ArrayList<>();
        List<Row> right = new ArrayList<>();
        int n = 300;
        for (int i = 0; i < n; i++) {
          left.add(Row.of(rnd.nextInt(12) == 0 ? null : (long) rnd.nextInt(40), rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(5)));
          right.add(Row.of(rnd.nextInt(12) == 0 ? null : (long) rnd.nextInt(40), rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(5)));
        }
        List<Row> expected = StreamingJoinOperatorTest.nestedLoop(type, left, right);
        var residual = StreamingJoinOperatorTest.RESIDUAL;
        RowTypeInfo lt = StreamingJoinOperatorTest.LEFT;
        RowTypeInfo rt = StreamingJoinOperatorTest.RIGHT;
        int[] k = {0};
        var op = switch (impl) {
          case HASH_BUILD_RIGHT -> new HashJoinOperator(type, k, k, lt, rt, residual, 2, 0);
          case HASH_BUILD_LEFT -> new HashJoinOperator(type, k, k, lt, rt, residual, 1, 0);
          case HASH_SPILLING -> new HashJoinOperator(type, k, k, lt, rt, residual, 2, TINY);
          case SORT_MERGE -> new SortMergeJoinOperator(type, k, k, lt, rt, residual, 0);
          case SORT_MERGE_SPILLING -> new SortMergeJoinOperator(type, k, k, lt, rt, residual, TINY);
        };
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          items.add(record1(left.get(i), i));
          items.add(record2(right.get(i), i));
        }
        OperatorTestSupport.forTwoInputOperator(op)
            .input(items)
            .expectBatchOutput(new ArrayList<>(expected))
            .run();
        if (impl == JoinImpl.HASH_SPILLING) {
          try (TwoInputOperatorTestHarness<Row, Row, Row> h = new TwoInputOperatorTestHarness<>(op)) {
            h.withMode(RuntimeExecutionMode.BATCH).open();
            for (Row r : right) {
              h.processElement2(new StreamRecord<>(r));
            }
            h.endInput(2);
            for (Row r : left) {
              h.processElement1(new StreamRecord<>(r));
            }
            h.endInput();
            assertThat(((HashJoinOperator) h.getOperator()).usedSortMergeFallback()).isTrue();
            assertThat(Changelogs.show(Changelogs.multiset(h.extractOutputValues())))
                .as(type + " seed " + seed).isEqualTo(Changelogs.show(Changelogs.multiset(expected)));
          }
        }
      }
    }
  }

  /**
   * Hash join keys other than one scalar field: two fields (a Row key) and one BINARY field (kept
   * in a Row so that it compares by content), with a residual, inner and full outer.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void hashJoinOnTwoFieldOrBinaryKeysMatchesNestedLoop(boolean binary) throws Exception {
    for (JoinType type : new JoinType[] {JoinType.INNER, JoinType.FULL}) {
      for (int buildSide = 1; buildSide <= 2; buildSide++) {
        Random rnd = new Random(31L * buildSide + type.ordinal() + (binary ? 7 : 0));
        List<Row> left = new ArrayList<>();
        List<Row> right = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          for (List<Row> side : List.of(left, right)) {
            Object k0 = rnd.nextInt(15) == 0 ? null
                : binary ? new byte[] {(byte) rnd.nextInt(6), 1} : (Object) (long) rnd.nextInt(6);
            Long k1 = rnd.nextInt(15) == 0 ? null : (long) rnd.nextInt(3);
            side.add(Row.of(k0, k1, rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(10)));
          }
        }
        int[] keys = binary ? new int[] {0} : new int[] {0, 1};
        RowPredicate residual = r -> r.getField(2) != null && r.getField(5) != null
            && (Long) r.getField(2) <= (Long) r.getField(5);
        List<Row> expected = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.size()];
        for (Row l : left) {
          boolean matched = false;
          for (int j = 0; j < right.size(); j++) {
            Row r = right.get(j);
            boolean keysEqual = true;
            for (int k : keys) {
              keysEqual &= l.getField(k) != null && java.util.Objects.deepEquals(l.getField(k), r.getField(k));
            }
            Row joined = Row.of(l.getField(0), l.getField(1), l.getField(2), r.getField(0), r.getField(1), r.getField(2));
            if (keysEqual && residual.test(joined)) {
              matched = true;
              rightMatched[j] = true;
              expected.add(joined);
            }
          }
          if (!matched && type == JoinType.FULL) {
            expected.add(Row.of(l.getField(0), l.getField(1), l.getField(2), null, null, null));
          }
        }
        for (int j = 0; j < right.size() && type == JoinType.FULL; j++) {
          if (!rightMatched[j]) {
            expected.add(Row.of(null, null, null, right.get(j).getField(0), right.get(j).getField(1), right.get(j).getField(2)));
          }
        }
        RowTypeInfo t = new RowTypeInfo(binary ? Types.BYTE_ARRAY : Types.LONG, Types.LONG, Types.LONG);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
          items.add(record1(left.get(i), i));
          items.add(record2(right.get(i), i));
        }
        OperatorTestSupport.forTwoInputOperator(new HashJoinOperator(type, keys, keys, t, t, residual, buildSide, 0))
            .input(items)
            .expectBatchOutput(new ArrayList<>(expected))
            .run();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, TINY})
  void localGlobalHashAggregationMatchesGroupBy(long budget) throws Exception {
    List<Row> rows = randomRows(21, 3000, 300);
    int[] keys = {0};
    List<Row> partials = new ArrayList<>();
    try (OneInputOperatorTestHarness<Row, Row> local = new OneInputOperatorTestHarness<>(
        new HashAggregateOperator(keys, AGGS, IN, budget, HashAggregateOperator.Phase.LOCAL))) {
      local.withMode(RuntimeExecutionMode.BATCH).open();
      // two "subtasks" worth of input into one local operator is fine: partials merge associatively
      for (Row r : rows) {
        local.processElement(r);
      }
      local.endInput();
      partials.addAll(local.extractOutputValues());
    }
    if (budget == TINY) {
      assertThat(partials.size()).as("a full local table flushes early").isGreaterThan(300);
    }
    RowTypeInfo partialType = HashAggregateOperator.partialType(keys, IN,
        new HashAggregateOperator(keys, AGGS, IN, budget, HashAggregateOperator.Phase.LOCAL).aggregator());
    assertThat(partialType.getArity()).isEqualTo(2);
    OperatorTestSupport.forOperator(new HashAggregateOperator(keys, AGGS, IN, budget, HashAggregateOperator.Phase.GLOBAL))
        .input(new ArrayList<>(partials))
        .expectBatchOutput(new ArrayList<>(groupBy(rows)))
        .run();
  }
}
