package io.weir.sql.runtime;

import static io.weir.core.types.RowKind.DELETE;
import static io.weir.core.types.RowKind.INSERT;
import static io.weir.core.types.RowKind.UPDATE_AFTER;
import static io.weir.core.types.RowKind.UPDATE_BEFORE;
import static io.weir.sql.runtime.Changelogs.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.operators.RankOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankOperatorTest {
  // (partition p, score s, id): ORDER BY s DESC, id ASC -> no ties, so row numbers are deterministic
  static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final RowComparator ORDER = (a, b) -> {
    int c = Long.compare((Long) b.getField(1), (Long) a.getField(1));
    return c != 0 ? c : Long.compare((Long) a.getField(2), (Long) b.getField(2));
  };

  @Test
  void top2WithRankNumberEmitsUpdatesWhenRanksShift() throws Exception {
    OperatorTestSupport.forKeyedOperator(new RankOperator(IN, ORDER, 1, 2, true, false), KEY, KEY.keyType(IN))
        .input(row(INSERT, "a", 10L, 1L), row(INSERT, "a", 20L, 2L), row(INSERT, "a", 5L, 3L),
            row(INSERT, "a", 15L, 4L), row(DELETE, "a", 20L, 2L))
        .expectOutput(
            row(INSERT, "a", 10L, 1L, 1L),
            row(UPDATE_BEFORE, "a", 10L, 1L, 1L), row(UPDATE_AFTER, "a", 20L, 2L, 1L),
            row(INSERT, "a", 10L, 1L, 2L),
            row(UPDATE_BEFORE, "a", 10L, 1L, 2L), row(UPDATE_AFTER, "a", 15L, 4L, 2L),
            row(UPDATE_BEFORE, "a", 20L, 2L, 1L), row(UPDATE_AFTER, "a", 15L, 4L, 1L),
            row(UPDATE_BEFORE, "a", 15L, 4L, 2L), row(UPDATE_AFTER, "a", 10L, 1L, 2L))
        .expectBatchOutput(row(INSERT, "a", 15L, 4L, 1L), row(INSERT, "a", 10L, 1L, 2L))
        .run();
  }

  @Test
  void dedupKeepFirstRowIsTop1OnInsertOnlyInput() throws Exception {
    RowComparator byTime = (a, b) -> Long.compare((Long) a.getField(2), (Long) b.getField(2));
    OperatorTestSupport.forKeyedOperator(new RankOperator(IN, byTime, 1, 1, false, true), KEY, KEY.keyType(IN))
        .input(row(INSERT, "a", 1L, 5L), row(INSERT, "a", 2L, 7L), row(INSERT, "b", 3L, 1L), row(INSERT, "a", 4L, 3L))
        .expectOutput(row(INSERT, "a", 1L, 5L), row(INSERT, "b", 3L, 1L), row(DELETE, "a", 1L, 5L), row(INSERT, "a", 4L, 3L))
        .expectBatchOutput(row(INSERT, "a", 4L, 3L), row(INSERT, "b", 3L, 1L))
        .run();
  }

  @Test
  void dedupKeepLastRowLetsALaterArrivalWinATie() throws Exception {
    // field 2 is the time attribute, ORDER BY it DESC; rows 2 and 3 of "a" tie on time 7
    RowComparator byTimeDesc = (a, b) -> Long.compare((Long) b.getField(2), (Long) a.getField(2));
    OperatorTestSupport.forKeyedOperator(new RankOperator(IN, byTimeDesc, 1, 1, false, true, true), KEY, KEY.keyType(IN))
        .input(row(INSERT, "a", 1L, 5L), row(INSERT, "a", 2L, 7L), row(INSERT, "a", 3L, 7L), row(INSERT, "a", 4L, 6L))
        .expectOutput(row(INSERT, "a", 1L, 5L), row(DELETE, "a", 1L, 5L), row(INSERT, "a", 2L, 7L),
            row(DELETE, "a", 2L, 7L), row(INSERT, "a", 3L, 7L))
        .expectBatchOutput(row(INSERT, "a", 3L, 7L))
        .run();
  }

  @ParameterizedTest
  @CsvSource({"1,3,true,false", "2,4,false,false", "1,2,true,true", "3,3,false,true"})
  void randomChangelogMatchesRecomputation(long start, long end, boolean rankNumber, boolean insertOnly) throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      Random rnd = new Random(seed);
      List<Row> input = new ArrayList<>();
      List<Row> live = new ArrayList<>();
      long id = 0;
      for (int i = 0; i < 300; i++) {
        if (!insertOnly && !live.isEmpty() && rnd.nextInt(3) == 0) {
          Row r = live.remove(rnd.nextInt(live.size()));
          input.add(Row.ofKind(rnd.nextBoolean() ? DELETE : UPDATE_BEFORE, r.getField(0), r.getField(1), r.getField(2)));
        } else {
          Row r = Row.of("p" + rnd.nextInt(3), (long) rnd.nextInt(10), id++);
          live.add(r);
          input.add(r);
        }
      }
      RankOperator op = new RankOperator(IN, ORDER, start, end, rankNumber, insertOnly);
      List<Row> out = new ArrayList<>();
      try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
        h.open();
        for (Row r : input) {
          h.processElement(r);
        }
        h.endInput();
        out.addAll(h.extractOutputValues());
      }
      List<Row> expected = topN(live, start, end, rankNumber);
      assertThat(Changelogs.show(Changelogs.materialize(out))).as("seed " + seed)
          .isEqualTo(Changelogs.show(Changelogs.multiset(expected)));
      if (seed == 1) {
        OperatorTestSupport.forKeyedOperator(op, KEY, KEY.keyType(IN))
            .input(new ArrayList<>(input.subList(0, 80)))
            .expectOutput(firstOutputs(op, input.subList(0, 80)))
            .run();
        OperatorTestSupport.forKeyedOperator(op, KEY, KEY.keyType(IN))
            .input(new ArrayList<>(live))
            .expectBatchOutput(new ArrayList<>(expected))
            .run();
      }
    }
  }

  /**
   * Duplicate rows (equal in every field) entering and leaving the Top-N: the difference of the
   * visible rows must count copies, both when it is computed pairwise (few visible rows) and
   * with a count map (many).
   */
  @ParameterizedTest
  @CsvSource({"1,3", "2,6", "1,16", "1,40", "5,30"})
  void duplicateRowsMatchRecomputation(long start, long end) throws Exception {
    for (long seed = 1; seed <= 8; seed++) {
      Random rnd = new Random(seed * 31 + end);
      List<Row> input = new ArrayList<>();
      List<Row> live = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        if (!live.isEmpty() && rnd.nextInt(3) == 0) {
          Row r = live.remove(rnd.nextInt(live.size()));
          input.add(Row.ofKind(rnd.nextBoolean() ? DELETE : UPDATE_BEFORE, r.getField(0), r.getField(1), r.getField(2)));
        } else {
          Row r = Row.of("p" + rnd.nextInt(2), (long) rnd.nextInt(4), (long) rnd.nextInt(3));
          live.add(r);
          input.add(r);
        }
      }
      List<Row> out = new ArrayList<>();
      RankOperator op = new RankOperator(IN, ORDER, start, end, false, false);
      try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
        h.open();
        for (Row r : input) {
          h.processElement(r);
        }
        h.endInput();
        out.addAll(h.extractOutputValues());
      }
      assertThat(Changelogs.show(Changelogs.materialize(out))).as("seed " + seed)
          .isEqualTo(Changelogs.show(Changelogs.multiset(topN(live, start, end, false))));
    }
  }

  private static List<Object> firstOutputs(RankOperator op, List<Row> input) throws Exception {
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(op, KEY, KEY.keyType(IN))) {
      h.open();
      for (Row r : input) {
        h.processElement(r);
      }
      h.endInput();
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  static List<Row> topN(List<Row> rows, long start, long end, boolean rankNumber) {
    Map<Object, List<Row>> parts = new HashMap<>();
    rows.forEach(r -> parts.computeIfAbsent(r.getField(0), k -> new ArrayList<>()).add(r));
    List<Row> out = new ArrayList<>();
    for (List<Row> p : parts.values()) {
      p.sort(ORDER);
      for (int i = (int) start - 1; i < Math.min(end, p.size()); i++) {
        Row r = p.get(i);
        out.add(rankNumber ? Row.of(r.getField(0), r.getField(1), r.getField(2), (long) i + 1) : r);
      }
    }
    return out;
  }

  @Test
  void batchOrderByOverManyRowsSortsOnceAtTheEnd() throws Exception {
    Random rnd = new Random(42);
    List<Object> input = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 60_000; i++) {
      Row r = Row.of("p", (long) rnd.nextInt(1000), i);
      rows.add(r);
      input.add(r);
    }
    rows.sort(ORDER);
    long start = System.nanoTime();
    OperatorTestSupport.forKeyedOperator(new RankOperator(IN, ORDER, 1, Long.MAX_VALUE, false, true),
            new FieldsKeySelector(), new FieldsKeySelector().keyType(IN))
        .input(input)
        .expectBatchOutput(new ArrayList<>(rows))
        .strictBatchOrder()
        .run();
    OperatorTestSupport.forKeyedOperator(new RankOperator(IN, ORDER, 3, 7, true, true), KEY, KEY.keyType(IN))
        .input(input)
        .expectBatchOutput(new ArrayList<>(topN(rows, 3, 7, true)))
        .run();
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(20_000);
  }
}
