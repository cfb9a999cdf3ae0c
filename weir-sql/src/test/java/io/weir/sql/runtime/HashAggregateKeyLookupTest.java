package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.testing.OneInputOperatorTestHarness;
import io.weir.sql.runtime.batch.HashAggregateOperator;
import io.weir.sql.runtime.batch.HashAggregateOperator.Phase;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BATCH hash aggregation looks groups up by the input row's key fields (no key row per row):
 * keys anywhere in the row and in any order, runs of one key, NULL keys, BYTES keys (deep equality), many groups
 * (the table grows) and a tiny budget (spilling, LOCAL early flushes) give what a plain grouping
 * of the rows gives, in one phase and in LOCAL + GLOBAL.
 */
class HashAggregateKeyLookupTest {
  // (a BIGINT, v BIGINT, b BYTES, c VARCHAR)
  static final RowTypeInfo IN = new RowTypeInfo(Types.LONG, Types.LONG, Types.BYTE_ARRAY, Types.STRING);
  static final List<AggregateSpec> AGGS = List.of(
      new AggregateSpec(Kind.COUNT_STAR, -1, false, -1, Types.LONG, "cnt"),
      new AggregateSpec(Kind.SUM, 1, false, -1, Types.LONG, "s"),
      new AggregateSpec(Kind.MAX, 1, false, -1, Types.LONG, "mx"),
      new AggregateSpec(Kind.COUNT, 1, true, -1, Types.LONG, "cd"));
  static final long TINY = 4096;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[][] keySets = {{3, 0}, {2}, {0, 2, 3}, {}};
    for (long seed : new long[] {1, 2}) {
      for (int[] keys : keySets) {
        for (long budget : new long[] {0, TINY}) {
          out.add(Arguments.of(seed, keys, budget));
        }
      }
    }
    return out.stream();
  }

  static List<Row> randomRows(long seed, int n, int distinct) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < n; i++) {
      // runs of one key (a hot key), also across spills and early flushes
      k = rnd.nextInt(3) == 0 ? k : rnd.nextInt(distinct);
      Long a = rnd.nextInt(25) == 0 ? null : (long) (k % 97);
      byte[] b = rnd.nextInt(25) == 0 ? null : new byte[] {(byte) (k % 31), (byte) (k / 31 % 7)};
      String c = rnd.nextInt(25) == 0 ? null : "c-" + k / 97;
      rows.add(Row.of(a, rnd.nextInt(9) == 0 ? null : (long) rnd.nextInt(40), b, c));
    }
    return rows;
  }

  /** The reference: group by the key values (BYTES by content), then compute each aggregate. */
  static List<Row> groupBy(List<Row> rows, int[] keys) {
    Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      List<Object> key = new ArrayList<>();
      for (int k : keys) {
        Object f = r.getField(k);
        key.add(f instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : f);
      }
      groups.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
    }
    List<Row> out = new ArrayList<>();
    groups.forEach((key, rs) -> {
      Row o = new Row(keys.length + 4);
      for (int i = 0; i < keys.length; i++) {
        o.setField(i, rs.get(0).getField(keys[i]));
      }
      List<Long> vs = rs.stream().map(r -> (Long) r.getField(1)).filter(Objects::nonNull).toList();
      o.setField(keys.length, (long) rs.size());
      o.setField(keys.length + 1, vs.isEmpty() ? null : vs.stream().mapToLong(x -> x).sum());
      o.setField(keys.length + 2, vs.isEmpty() ? null : vs.stream().mapToLong(x -> x).max().getAsLong());
      o.setField(keys.length + 3, (long) new TreeSet<>(vs).size());
      out.add(o);
    });
    return out;
  }

  /** Output rows, then (last element) whether the operator the harness ran spilled. */
  static List<Object> run(HashAggregateOperator op, List<Row> input) throws Exception {
    try (OneInputOperatorTestHarness<Row, Row> h = new OneInputOperatorTestHarness<>(op)) {
      h.withMode(RuntimeExecutionMode.BATCH).open();
      for (Row r : input) {
        h.processElement(r);
      }
      h.endInput();
      List<Object> out = new ArrayList<>(h.extractOutputValues());
      out.add(((HashAggregateOperator) h.getOperator()).hasSpilled());
      return out;
    }
  }

  @SuppressWarnings("unchecked")
  static List<Row> rows(List<Object> run) {
    return (List<Row>) (List<?>) run.subList(0, run.size() - 1);
  }

  static boolean spilled(List<Object> run) {
    return (Boolean) run.get(run.size() - 1);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void oneAndTwoPhaseMatchPlainGrouping(long seed, int[] keys, long budget) throws Exception {
    List<Row> rows = randomRows(seed, 6000, 4000);
    Map<Row, Integer> expected = Changelogs.multiset(groupBy(rows, keys));
    if (keys.length > 1) {
      assertThat(expected.size()).as("many groups: the table grows").isGreaterThan(1000);
    }
    String what = Arrays.toString(keys) + " budget " + budget;

    List<Object> complete = run(new HashAggregateOperator(keys, AGGS, IN, budget), rows);
    assertThat(Changelogs.multiset(rows(complete))).as("COMPLETE " + what).isEqualTo(expected);
    if (keys.length > 0) {
      assertThat(spilled(complete)).as("spilled " + what).isEqualTo(budget == TINY);
    }

    // two LOCAL operators (two producer subtasks) whose partials meet in one GLOBAL operator
    List<Row> partials = new ArrayList<>();
    partials.addAll(rows(run(new HashAggregateOperator(keys, AGGS, IN, budget, Phase.LOCAL), rows.subList(0, 3000))));
    partials.addAll(rows(run(new HashAggregateOperator(keys, AGGS, IN, budget, Phase.LOCAL), rows.subList(3000, 6000))));
    if (budget == TINY && keys.length > 0) {
      int unbounded = rows(run(new HashAggregateOperator(keys, AGGS, IN, 0, Phase.LOCAL), rows.subList(0, 3000))).size()
          + rows(run(new HashAggregateOperator(keys, AGGS, IN, 0, Phase.LOCAL), rows.subList(3000, 6000))).size();
      assertThat(partials.size()).as("a full LOCAL table flushes early " + what).isGreaterThan(unbounded);
    }
    if (seed == 2) {
      // as an exchange that serializes (another process, a spilled blocking exchange) passes them
      var serializer = HashAggregateOperator.partialType(keys, IN,
          new HashAggregateOperator(keys, AGGS, IN, budget, Phase.LOCAL).aggregator()).createSerializer();
      partials.replaceAll(p -> serializer.deserializeFromBytes(serializer.serializeToBytes(p)));
    }
    List<Object> global = run(new HashAggregateOperator(keys, AGGS, IN, budget, Phase.GLOBAL), partials);
    assertThat(Changelogs.multiset(rows(global))).as("LOCAL + GLOBAL " + what).isEqualTo(expected);
    if (keys.length > 0) {
      assertThat(spilled(global)).as("GLOBAL spilled " + what).isEqualTo(budget == TINY);
    }
  }
}
