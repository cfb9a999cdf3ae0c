package io.weir.sql.runtime;

import static io.weir.core.types.RowKind.DELETE;
import static io.weir.core.types.RowKind.INSERT;
import static io.weir.core.types.RowKind.UPDATE_AFTER;
import static io.weir.core.types.RowKind.UPDATE_BEFORE;
import static io.weir.runtime.testing.OperatorTestSupport.record1;
import static io.weir.runtime.testing.OperatorTestSupport.record2;
import static io.weir.sql.runtime.Changelogs.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OperatorTestSupport;
import io.weir.runtime.testing.TwoInputOperatorTestHarness;
import io.weir.sql.runtime.functions.FieldsKeySelector;
import io.weir.sql.runtime.functions.RowPredicate;
import io.weir.sql.runtime.operators.JoinType;
import io.weir.sql.runtime.operators.StreamingJoinOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamingJoinOperatorTest {
  // left (k, x), right (k, y); residual x <= y on the joined row (k, x, k, y)
  static final RowTypeInfo LEFT = new RowTypeInfo(Types.LONG, Types.LONG);
  static final RowTypeInfo RIGHT = new RowTypeInfo(Types.LONG, Types.LONG);
  static final FieldsKeySelector KEY = new FieldsKeySelector(0);
  static final RowPredicate RESIDUAL = r -> r.getField(1) != null && r.getField(3) != null
      && (Long) r.getField(1) <= (Long) r.getField(3);

  @Test
  void leftJoinRetractsPaddingWhenFirstMatchArrivesAndRestoresIt() throws Exception {
    OperatorTestSupport.forKeyedTwoInputOperator(
            new StreamingJoinOperator(JoinType.LEFT, LEFT, RIGHT, null), KEY, KEY, KEY.keyType(LEFT))
        .input(
            record1(row(INSERT, 1L, 10L), 1),
            record2(row(INSERT, 1L, 20L), 2),
            record2(row(INSERT, 1L, 21L), 3),
            record2(row(DELETE, 1L, 20L), 4),
            record2(row(DELETE, 1L, 21L), 5),
            record1(row(DELETE, 1L, 10L), 6))
        .expectOutput(
            row(INSERT, 1L, 10L, null, null),
            row(DELETE, 1L, 10L, null, null),
            row(INSERT, 1L, 10L, 1L, 20L),
            row(INSERT, 1L, 10L, 1L, 21L),
            row(DELETE, 1L, 10L, 1L, 20L),
            row(DELETE, 1L, 10L, 1L, 21L),
            row(INSERT, 1L, 10L, null, null),
            row(DELETE, 1L, 10L, null, null))
        .run();
  }

  record Input(int side, Row row) {}

  static List<Row> nestedLoop(JoinType type, List<Row> left, List<Row> right) {
    List<Row> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Row l : left) {
      int matched = 0;
      for (int j = 0; j < right.size(); j++) {
        Row r = right.get(j);
        Row joined = Row.of(l.getField(0), l.getField(1), r.getField(0), r.getField(1));
        if (l.getField(0) != null && Objects.equals(l.getField(0), r.getField(0)) && RESIDUAL.test(joined)) {
          matched++;
          rightMatched[j] = true;
          if (type != JoinType.SEMI && type != JoinType.ANTI) {
            out.add(joined);
          }
        }
      }
      if (matched == 0 && type.leftOuter()) {
        out.add(Row.of(l.getField(0), l.getField(1), null, null));
      }
      if (type == JoinType.SEMI && matched > 0 || type == JoinType.ANTI && matched == 0) {
        out.add(Row.of(l.getField(0), l.getField(1)));
      }
    }
    if (type.rightOuter()) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(Row.of(null, null, right.get(j).getField(0), right.get(j).getField(1)));
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void randomChangelogsMatchNestedLoopJoin(JoinType type) throws Exception {
    for (long seed = 1; seed <= 6; seed++) {
      Random rnd = new Random(seed * 97 + type.ordinal());
      List<Input> input = new ArrayList<>();
      List<List<Row>> live = List.of(new ArrayList<>(), new ArrayList<>());
      int n = seed <= 2 ? 25 : 150;
      for (int i = 0; i < n; i++) {
        int side = rnd.nextInt(2);
        List<Row> l = live.get(side);
        if (!l.isEmpty() && rnd.nextInt(3) == 0) {
          Row r = l.remove(rnd.nextInt(l.size()));
          input.add(new Input(side, Row.ofKind(rnd.nextBoolean() ? DELETE : UPDATE_BEFORE, r.getField(0), r.getField(1))));
        } else {
          Long k = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(4);
          Row r = Row.ofKind(rnd.nextBoolean() ? INSERT : UPDATE_AFTER, k, rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(5));
          l.add(Row.of(r.getField(0), r.getField(1)));
          input.add(new Input(side, r));
        }
      }
      StreamingJoinOperator op = new StreamingJoinOperator(type, LEFT, RIGHT, RESIDUAL);
      List<Row> changelog = new ArrayList<>();
      List<Object> timestamped = new ArrayList<>();
      try (TwoInputOperatorTestHarness<Row, Row, Row> h =
          new TwoInputOperatorTestHarness<>(op, KEY, KEY, KEY.keyType(LEFT))) {
        h.open();
        for (int i = 0; i < input.size(); i++) {
          if (input.get(i).side == 0) {
            h.processElement1(input.get(i).row, i);
          } else {
            h.processElement2(input.get(i).row, i);
          }
        }
        h.endInput();
        changelog.addAll(h.extractOutputValues());
        h.getOutputRecords().forEach(r -> timestamped.add(OperatorTestSupport.record(r.getValue(), r.getTimestamp())));
      }
      String expected = Changelogs.show(Changelogs.multiset(nestedLoop(type, live.get(0), live.get(1))));
      assertThat(Changelogs.show(Changelogs.materialize(changelog))).as(type + " seed " + seed).isEqualTo(expected);
      for (Row r : changelog) {
        assertThat(r.getKind()).isIn(INSERT, DELETE);
      }
      if (seed <= 2) {
        // snapshot/restore after every item gives the same changelog; BATCH gives the final join
        List<Object> items = new ArrayList<>();
        List<Row> allLeft = new ArrayList<>();
        List<Row> allRight = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
          Input in = input.get(i);
          items.add(in.side == 0 ? record1(in.row, i) : record2(in.row, i));
        }
        OperatorTestSupport.forKeyedTwoInputOperator(op, KEY, KEY, KEY.keyType(LEFT))
            .input(items)
            .expectOutput(timestamped) // the matches of one input come in state iteration order
            .ignoreOrderWithinTimestamp()
            .run();
        // BATCH input is insert-only: use the live rows
        List<Object> batchItems = new ArrayList<>();
        live.get(0).forEach(r -> { batchItems.add(record1(r, 0)); allLeft.add(r); });
        live.get(1).forEach(r -> { batchItems.add(record2(r, 0)); allRight.add(r); });
        OperatorTestSupport.forKeyedTwoInputOperator(op, KEY, KEY, KEY.keyType(LEFT))
            .input(batchItems)
            .expectBatchOutput(new ArrayList<>(nestedLoop(type, allLeft, allRight)))
            .run();
      }
    }
  }

  @Test
  void stateTtlForgetsIdleKeys() throws Exception {
    OperatorTestSupport.forKeyedTwoInputOperator(
            new StreamingJoinOperator(JoinType.INNER, LEFT, RIGHT, null, 100), KEY, KEY, KEY.keyType(LEFT))
        .input(
            record1(row(INSERT, 1L, 10L), 1),
            OperatorTestSupport.processingTime(50),
            record2(row(INSERT, 1L, 20L), 2),   // joins; key touched at 50
            OperatorTestSupport.processingTime(120),
            record2(row(INSERT, 1L, 21L), 3),   // still there (idle only 70ms)
            OperatorTestSupport.processingTime(400),
            record2(row(INSERT, 1L, 22L), 4))   // key expired: nothing to join with
        .expectOutput(row(INSERT, 1L, 10L, 1L, 20L), row(INSERT, 1L, 10L, 1L, 21L))
        .run();
  }

  /**
   * Big keys with many equal rows and retractions (the row arrays' retraction scan), with a
   * checkpoint/restore in the middle, against a recomputation of the final join; each join type.
   */
  @ParameterizedTest
  @EnumSource(JoinType.class)
  void bigKeysWithDuplicatesAndRetractionsMatchNestedLoopJoin(JoinType type) throws Exception {
    Random rnd = new Random(4242 + type.ordinal());
    List<List<Row>> live = List.of(new ArrayList<>(), new ArrayList<>());
    List<Row> changelog = new ArrayList<>();
    TwoInputOperatorTestHarness<Row, Row, Row> h = new TwoInputOperatorTestHarness<>(
        new StreamingJoinOperator(type, LEFT, RIGHT, RESIDUAL), KEY, KEY, KEY.keyType(LEFT));
    h.open();
    for (int i = 0; i < 1000; i++) {
      int side = rnd.nextInt(2);
      List<Row> l = live.get(side);
      Row in;
      if (!l.isEmpty() && rnd.nextInt(5) < 2) {
        Row r = l.remove(rnd.nextInt(l.size()));
        in = Row.ofKind(rnd.nextBoolean() ? DELETE : UPDATE_BEFORE, r.getField(0), r.getField(1));
      } else {
        in = Row.ofKind(rnd.nextBoolean() ? INSERT : UPDATE_AFTER, (long) rnd.nextInt(2), (long) rnd.nextInt(6));
        l.add(Row.of(in.getField(0), in.getField(1)));
      }
      if (side == 0) {
        h.processElement1(in, i);
      } else {
        h.processElement2(in, i);
      }
      if (i == 500) {
        var snapshot = h.snapshot(1);
        changelog.addAll(h.extractOutputValues());
        h.close();
        h = new TwoInputOperatorTestHarness<>(
            new StreamingJoinOperator(type, LEFT, RIGHT, RESIDUAL), KEY, KEY, KEY.keyType(LEFT));
        h.initializeState(snapshot).open();
      }
    }
    changelog.addAll(h.extractOutputValues());
    h.close();
    assertThat(Changelogs.show(Changelogs.materialize(changelog))).as(type.toString())
        .isEqualTo(Changelogs.show(Changelogs.multiset(nestedLoop(type, live.get(0), live.get(1)))));
  }

  /** Rows with their kinds, sorted: a changelog compared as a multiset. */
  static List<String> kindedMultiset(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }

  /**
   * Writes the STREAMING state layout of earlier versions (map states {@code join-left} /
   * {@code join-right}: row -> [multiplicity, matches]) so that restoring it can be tested.
   */
  static final class LegacyJoinStateWriter extends io.weir.runtime.operators.AbstractStreamOperator<Row>
      implements io.weir.runtime.operators.TwoInputStreamOperator<Row, Row, Row> {
    private final java.util.Map<Row, java.util.Map<Row, long[]>> left;
    private final java.util.Map<Row, java.util.Map<Row, long[]>> right;

    LegacyJoinStateWriter(java.util.Map<Row, java.util.Map<Row, long[]>> left,
        java.util.Map<Row, java.util.Map<Row, long[]>> right) {
      this.left = left;
      this.right = right;
    }

    @Override
    public void open() throws Exception {
      write("join-left", LEFT, left);
      write("join-right", RIGHT, right);
    }

    private void write(String name, RowTypeInfo type, java.util.Map<Row, java.util.Map<Row, long[]>> rows) {
      io.weir.core.state.MapState<Row, long[]> state = getKeyedStateBackend().getState(
          new io.weir.core.state.MapStateDescriptor<>(name, type, io.weir.core.types.PrimitiveArrayTypeInfo.LONG_ARRAY));
      rows.forEach((key, entries) -> {
        setCurrentKey(key);
        entries.forEach(state::put);
      });
    }

    @Override
    public void processElement1(io.weir.runtime.streamrecord.StreamRecord<Row> r) {}

    @Override
    public void processElement2(io.weir.runtime.streamrecord.StreamRecord<Row> r) {}
  }

  @Test
  void restoresTheMapStateLayoutOfEarlierCheckpoints() throws Exception {
    // LEFT join, no residual. Key 1: left (1,10) twice, matched once each by right (1,20);
    // key 2: left (2,5) unmatched (its padded row was emitted).
    var writer = new TwoInputOperatorTestHarness<>(new LegacyJoinStateWriter(
        java.util.Map.of(Row.of(1L), java.util.Map.of(Row.of(1L, 10L), new long[] {2, 1}),
            Row.of(2L), java.util.Map.of(Row.of(2L, 5L), new long[] {1, 0})),
        java.util.Map.of(Row.of(1L), java.util.Map.of(Row.of(1L, 20L), new long[] {1, 0}))),
        KEY, KEY, KEY.keyType(LEFT));
    writer.open();
    var snapshot = writer.snapshot(1);
    writer.close();

    List<Row> out = new ArrayList<>();
    try (TwoInputOperatorTestHarness<Row, Row, Row> h = new TwoInputOperatorTestHarness<>(
        new StreamingJoinOperator(JoinType.LEFT, LEFT, RIGHT, null), KEY, KEY, KEY.keyType(LEFT))) {
      h.initializeState(snapshot).open();
      h.processElement2(row(DELETE, 1L, 20L), 1); // both left copies lose their only match
      h.processElement2(row(INSERT, 2L, 7L), 2);  // key 2's left row gets its first match
      h.processElement1(row(DELETE, 1L, 10L), 3); // one copy goes, unmatched
      h.processElement2(row(INSERT, 1L, 30L), 4); // the other copy is matched again
      out.addAll(h.extractOutputValues());
      // nothing of the old layout is left to be checkpointed twice
      var again = h.snapshot(2);
      try (TwoInputOperatorTestHarness<Row, Row, Row> r = new TwoInputOperatorTestHarness<>(
          new StreamingJoinOperator(JoinType.LEFT, LEFT, RIGHT, null), KEY, KEY, KEY.keyType(LEFT))) {
        r.initializeState(again).open();
        r.processElement1(row(DELETE, 1L, 10L), 5);
        r.processElement1(row(DELETE, 2L, 5L), 6);
        assertThat(kindedMultiset(r.extractOutputValues())).isEqualTo(
            kindedMultiset(List.of(row(DELETE, 1L, 10L, 1L, 30L), row(DELETE, 2L, 5L, 2L, 7L))));
      }
    }
    assertThat(kindedMultiset(out)).isEqualTo(kindedMultiset(List.of(
        row(DELETE, 1L, 10L, 1L, 20L), row(DELETE, 1L, 10L, 1L, 20L),
        row(INSERT, 1L, 10L, null, null), row(INSERT, 1L, 10L, null, null),
        row(DELETE, 2L, 5L, null, null), row(INSERT, 2L, 5L, 2L, 7L),
        row(DELETE, 1L, 10L, null, null),
        row(DELETE, 1L, 10L, null, null), row(INSERT, 1L, 10L, 1L, 30L))));
  }
}
