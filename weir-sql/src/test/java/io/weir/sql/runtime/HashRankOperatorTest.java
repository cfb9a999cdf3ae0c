package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.streamrecord.StreamRecord;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.sql.codegen.CodeGenerator;
import io.weir.sql.runtime.batch.HashRankOperator;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowComparator;
import io.weir.sql.runtime.operators.RankOperator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelFieldCollation.Direction;
import org.apache.calcite.rel.RelFieldCollation.NullDirection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HashRankOperator against a plain-Java ROW_NUMBER and against the sort-based BATCH RankOperator,
 * on random rows with many ties (order value and record timestamp), NULL partition and order keys,
 * a tiny budget that forces spills, and a LOCAL phase before the final one.
 */
class HashRankOperatorTest {
  // (partition p, order value s, id, padding)
  static final RowTypeInfo IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.LONG, Types.STRING);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final long TINY = 4096;

  private record Input(Row row, long ts, int arrival) {}

  private static List<Input> randomInput(long seed, int n, int partitions) {
    Random rnd = new Random(seed);
    List<Input> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Row r = Row.of(rnd.nextInt(15) == 0 ? null : "p" + rnd.nextInt(partitions),
          rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(6), (long) i, "padding-" + i + "-" + "x".repeat(rnd.nextInt(40)));
      long ts = rnd.nextInt(10) == 0 ? StreamRecord.NO_TIMESTAMP : rnd.nextInt(5);
      in.add(new Input(r, ts, i));
    }
    return in;
  }

  private static RowComparator order(boolean descending) {
    return CodeGenerator.comparator(List.of(new RelFieldCollation(1,
        descending ? Direction.DESCENDING : Direction.ASCENDING, descending ? NullDirection.LAST : NullDirection.FIRST)));
  }

  /** ROW_NUMBER per partition; ties by record timestamp, then arrival (both reversed when the latest wins). */
  private static List<Row> expected(List<Input> in, RowComparator order, long start, long end, boolean rankNumber,
      boolean latestWins) {
    Map<Object, List<Input>> parts = new LinkedHashMap<>();
    in.forEach(x -> parts.computeIfAbsent(x.row().getField(0) == null ? "\0null" : x.row().getField(0),
        k -> new ArrayList<>()).add(x));
    Comparator<Input> tie = Comparator.<Input>comparingLong(Input::ts).thenComparingInt(Input::arrival);
    Comparator<Input> cmp = Comparator.<Input, Row>comparing(Input::row, order)
        .thenComparing(latestWins ? tie.reversed() : tie);
    List<Row> out = new ArrayList<>();
    for (List<Input> rows : parts.values()) {
      rows.sort(cmp);
      for (int i = (int) start - 1; i < Math.min(end, rows.size()); i++) {
        Row r = rows.get(i).row();
        out.add(rankNumber ? Row.of(r.getField(0), r.getField(1), r.getField(2), r.getField(3), i + 1L) : r);
      }
    }
    return out;
  }

  private static List<Object> records(List<Input> in) {
    List<Object> items = new ArrayList<>();
    in.forEach(x -> items.add(OperatorTestSupport.record(x.row(), x.ts())));
    return items;
  }

  private static String bag(List<Row> rows) {
    return Changelogs.show(Changelogs.multiset(rows));
  }

  @ParameterizedTest(name = "[{0},{1}] rn={2} latestWins={3} tiny={4} local={5}")
  @CsvSource({
      "1,1,false,false,false,false", "1,1,false,true,false,false", "1,1,true,true,true,false",
      "1,3,true,false,false,false", "2,5,true,false,true,false", "3,3,false,false,true,false",
      "1,10,true,false,false,true", "1,1,false,true,true,true", "2,4,true,true,true,true", "1,100,false,false,true,true"})
  void matchesRecomputationAndTheSortBasedRank(long start, long end, boolean rankNumber, boolean latestWins, boolean tiny,
      boolean local) throws Exception {
    for (long seed = 1; seed <= 2; seed++) {
      List<Input> in = randomInput(seed * 31 + start * 7 + end, 2000, 100);
      RowComparator order = order(latestWins);
      List<Row> expected = expected(new ArrayList<>(in), order, start, end, rankNumber, latestWins);
      assertThat(expected).isNotEmpty();

      // the sort-based BATCH RankOperator breaks ties the same way (its input sorted by key, timestamp, arrival)
      OperatorTestSupport.forKeyedOperator(new RankOperator(IN, order, start, end, rankNumber, true, latestWins),
              KEY, KEY.keyType(IN))
          .input(records(in))
          .expectBatchOutput(new ArrayList<>(expected))
          .run();

      long budget = tiny ? TINY : 0;
      List<StreamRecord<Row>> global = new ArrayList<>();
      if (local) {
        var localOp = new HashRankOperator(new int[] {0}, IN, order, start, end, false, latestWins, true, budget);
        try (var h = new OneInputOperatorTestHarness<Row, Row>(localOp)) {
          h.withMode(RuntimeExecutionMode.BATCH).open();
          for (Input x : in) {
            h.processElement(x.row(), x.ts());
          }
          h.endInput();
          global.addAll(h.getOutputRecords());
          assertThat(global.size()).isLessThanOrEqualTo(in.size());
          assertThat(((HashRankOperator) h.getOperator()).flushes()).as("a tiny budget makes the local phase flush early").matches(f -> tiny ? f > 1 : f == 1);
        }
      } else {
        in.forEach(x -> global.add(new StreamRecord<>(x.row(), x.ts())));
      }
      var op = new HashRankOperator(new int[] {0}, IN, order, start, end, rankNumber, latestWins, false, budget);
      try (var h = new OneInputOperatorTestHarness<Row, Row>(op)) {
        h.withMode(RuntimeExecutionMode.BATCH).open();
        for (StreamRecord<Row> r : global) {
          h.processElement(r.getValue(), r.getTimestamp());
        }
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues()).as("final watermark held back until the result is out").isEmpty();
        h.endInput();
        assertThat(((HashRankOperator) h.getOperator()).hasSpilled()).isEqualTo(tiny);
        assertThat(bag(h.extractOutputValues())).as("seed " + seed).isEqualTo(bag(expected));
        assertThat(h.getOutputRecords()).allMatch(r -> !r.hasTimestamp());
        assertThat(h.getOutput().get(h.getOutput().size() - 1).isWatermark()).isTrue();
      }
    }
  }

  @Test
  void aLocalPhaseThatCannotReduceForwardsRowsAfterItsSample() throws Exception {
    // nearly one row per partition: holding rows back does not pay
    Random rnd = new Random(3);
    List<Input> in = new ArrayList<>();
    for (int i = 0; i < 130_000; i++) {
      in.add(new Input(Row.of("p" + rnd.nextInt(1_000_000), (long) rnd.nextInt(4), (long) i, ""), rnd.nextInt(3), i));
    }
    RowComparator order = order(true);
    List<StreamRecord<Row>> forwarded = new ArrayList<>();
    try (var h = new OneInputOperatorTestHarness<Row, Row>(
        new HashRankOperator(new int[] {0}, IN, order, 1, 1, false, true, true, 0))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Input x : in) {
        h.processElement(x.row(), x.ts());
      }
      h.endInput();
      assertThat(((HashRankOperator) h.getOperator()).flushes()).as("one flush on switching, one at the end").isEqualTo(2);
      forwarded.addAll(h.getOutputRecords());
    }
    assertThat(forwarded.size()).isGreaterThan(120_000);
    try (var h = new OneInputOperatorTestHarness<Row, Row>(
        new HashRankOperator(new int[] {0}, IN, order, 1, 1, false, true, false, 0))) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (StreamRecord<Row> r : forwarded) {
        h.processElement(r.getValue(), r.getTimestamp());
      }
      h.endInput();
      assertThat(bag(h.extractOutputValues())).isEqualTo(bag(expected(in, order, 1, 1, false, true)));
    }
  }

  @Test
  void emptyInputEmitsNothing() throws Exception {
    for (boolean local : new boolean[] {false, true}) {
      OperatorTestSupport.forOperator(new HashRankOperator(new int[] {0}, IN, order(false), 1, 3, false, false, local, 0))
          .input(List.of())
          .expectBatchOutput(List.of())
          .run();
    }
  }

  @Test
  void noPartitionKeysIsOneGlobalTopN() throws Exception {
    List<Input> in = randomInput(5, 500, 10);
    RowComparator order = order(true);
    List<Row> all = new ArrayList<>();
    in.forEach(x -> all.add(Row.of(null, x.row().getField(1), x.row().getField(2), x.row().getField(3))));
    List<Input> unpartitioned = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      unpartitioned.add(new Input(all.get(i), in.get(i).ts(), i));
    }
    List<Row> expected = expected(unpartitioned, order, 1, 5, true, false);
    assertThat(expected).hasSize(5);
    OperatorTestSupport.forOperator(new HashRankOperator(new int[0], IN, order, 1, 5, true, false, false, 0))
        .input(records(unpartitioned))
        .expectBatchOutput(new ArrayList<>(expected))
        .run();
  }

  // (payload, bidder, auction as bytes, dateTime): Top-1 keyed on two fields, one of them VARBINARY
  static final RowTypeInfo DEDUP_IN = new RowTypeInfo(Types.STRING, Types.LONG, Types.BYTE_ARRAY, Types.LONG);

  /**
   * Top-1 (deduplication) keeps the kept row as its own key: thousands of partitions (the table
   * grows many times), keys compared on a LONG and a byte[] field (by content: every row has its
   * own array), NULL keys, ties on the ORDER BY and the timestamp (the later row wins with
   * latestWinsTies, the earlier without), and a tiny budget that spills.
   */
  @ParameterizedTest(name = "seed={0} latestWins={1} tiny={2} rn={3}")
  @CsvSource({"11,true,false,false", "12,true,true,false", "13,false,false,true", "14,false,true,false",
      "15,true,true,true"})
  void topOneKeepsOneRowPerKeyAcrossGrowthAndSpills(long seed, boolean latestWins, boolean tiny, boolean rankNumber)
      throws Exception {
    Random rnd = new Random(seed);
    int n = 30_000;
    List<StreamRecord<Row>> in = new ArrayList<>();
    Map<List<Object>, Integer> best = new LinkedHashMap<>(); // key -> index into in of the expected row
    RowComparator order = CodeGenerator.comparator(List.of(new RelFieldCollation(3,
        latestWins ? Direction.DESCENDING : Direction.ASCENDING, NullDirection.LAST)));
    for (int i = 0; i < n; i++) {
      Long bidder = rnd.nextInt(50) == 0 ? null : (long) rnd.nextInt(60);
      byte[] auction = rnd.nextInt(50) == 0 ? null : new byte[] {(byte) rnd.nextInt(100), 7};
      Row r = Row.of("row-" + i + "x".repeat(rnd.nextInt(30)), bidder, auction, (long) rnd.nextInt(4));
      long ts = rnd.nextInt(3);
      in.add(new StreamRecord<>(r, ts));
      List<Object> key = java.util.Arrays.asList(bidder, auction == null ? null : java.util.Arrays.toString(auction));
      Integer kept = best.get(key);
      if (kept == null) {
        best.put(key, i);
        continue;
      }
      // the plain rule: better on the ORDER BY, then on the timestamp, then the later arrival iff latestWins
      StreamRecord<Row> k = in.get(kept);
      int c = order.compare(r, k.getValue());
      boolean wins = c != 0 ? c < 0 : ts != k.getTimestamp() ? (latestWins ? ts > k.getTimestamp() : ts < k.getTimestamp())
          : latestWins;
      if (wins) {
        best.put(key, i);
      }
    }
    assertThat(best.size()).as("enough keys to grow the table").isGreaterThan(3000);
    List<Row> expected = new ArrayList<>();
    for (int i : best.values()) {
      Row r = in.get(i).getValue();
      expected.add(rankNumber ? Row.of(r.getField(0), r.getField(1), r.getField(2), r.getField(3), 1L) : r);
    }
    var op = new HashRankOperator(new int[] {1, 2}, DEDUP_IN, order, 1, 1, rankNumber, latestWins, false,
        tiny ? TINY * 4 : 0);
    try (var h = new OneInputOperatorTestHarness<Row, Row>(op)) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (StreamRecord<Row> r : in) {
        h.processElement(r.getValue(), r.getTimestamp());
      }
      h.endInput();
      assertThat(((HashRankOperator) h.getOperator()).hasSpilled()).isEqualTo(tiny);
      // the payload names the row (spilled rows come back with new byte[] instances)
      assertThat(h.extractOutputValues()).map(HashRankOperatorTest::describe)
          .containsExactlyInAnyOrderElementsOf(expected.stream().map(HashRankOperatorTest::describe).toList());
    }
  }

  private static String describe(Row r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.getArity(); i++) {
      Object f = r.getField(i);
      sb.append(f instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(f)).append('|');
    }
    return sb.toString();
  }
}
