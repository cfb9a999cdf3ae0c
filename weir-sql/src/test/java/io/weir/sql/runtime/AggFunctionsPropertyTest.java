package io.weir.sql.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.core.types.RowTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.sql.runtime.aggregate.RowAggregator;
import io.weir.sql.runtime.functions.AggregateSpec;
import io.weir.sql.runtime.functions.AggregateSpec.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.weir.sql.runtime.aggregate.GeneratedAggsHandle;
import io.weir.sql.runtime.aggregate.InterpretedAggsHandle;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random accumulate/retract sequences against a from-scratch recomputation written independently
 * here; also merge of random splits and a serializer round trip at every step.
 */
class AggFunctionsPropertyTest {
  // fields: 0 BIGINT (nullable), 1 DOUBLE (nullable), 2 DECIMAL (nullable), 3 BOOLEAN filter, 4 VARCHAR
  static final RowTypeInfo INPUT = new RowTypeInfo(Types.LONG, Types.DOUBLE, Types.BIG_DEC, Types.BOOLEAN, Types.STRING);

  record Case(AggregateSpec spec, Function<List<Row>, Object> expected) {}

  static AggregateSpec spec(Kind kind, int arg, boolean distinct, int filter, TypeInfo<?> result) {
    return new AggregateSpec(kind, arg, distinct, filter, result, kind.name());
  }

  static List<Object> values(List<Row> rows, int field, boolean distinct, int filter) {
    List<Object> out = new ArrayList<>();
    for (Row r : rows) {
      if (filter >= 0 && r.getField(filter) != Boolean.TRUE) {
        continue;
      }
      if (r.getField(field) != null) {
        out.add(r.getField(field));
      }
    }
    return distinct ? new ArrayList<>(new LinkedHashSet<>(out)) : out;
  }

  static Double variance(List<Object> vs, boolean sample, boolean sqrt) {
    int n = vs.size();
    if (n == 0 || (sample && n == 1)) {
      return null;
    }
    double mean = vs.stream().mapToDouble(v -> ((Number) v).doubleValue()).average().orElse(0);
    double ss = vs.stream().mapToDouble(v -> Math.pow(((Number) v).doubleValue() - mean, 2)).sum();
    double var = ss / (sample ? n - 1 : n);
    return sqrt ? Math.sqrt(var) : var;
  }

  static List<Case> cases() {
    List<Case> cs = new ArrayList<>();
    for (boolean distinct : new boolean[] {false, true}) {
      for (int filter : new int[] {-1, 3}) {
        boolean d = distinct;
        int f = filter;
        cs.add(new Case(spec(Kind.COUNT, 0, d, f, Types.LONG), rows -> (long) values(rows, 0, d, f).size()));
        cs.add(new Case(spec(Kind.SUM, 0, d, f, Types.LONG), rows -> {
          List<Object> vs = values(rows, 0, d, f);
          return vs.isEmpty() ? null : vs.stream().mapToLong(v -> (Long) v).sum();
        }));
        cs.add(new Case(spec(Kind.SUM, 2, d, f, Types.BIG_DEC), rows -> {
          List<Object> vs = values(rows, 2, d, f);
          return vs.isEmpty() ? null : vs.stream().map(v -> (BigDecimal) v).reduce(BigDecimal.ZERO, BigDecimal::add);
        }));
        cs.add(new Case(spec(Kind.SUM, 1, d, f, Types.DOUBLE), rows -> {
          List<Object> vs = values(rows, 1, d, f);
          return vs.isEmpty() ? null : vs.stream().mapToDouble(v -> (Double) v).sum();
        }));
        cs.add(new Case(spec(Kind.AVG, 0, d, f, Types.LONG), rows -> {
          List<Object> vs = values(rows, 0, d, f);
          return vs.isEmpty() ? null : vs.stream().mapToLong(v -> (Long) v).sum() / vs.size();
        }));
        cs.add(new Case(spec(Kind.AVG, 1, d, f, Types.DOUBLE), rows -> {
          List<Object> vs = values(rows, 1, d, f);
          return vs.isEmpty() ? null : vs.stream().mapToDouble(v -> (Double) v).average().getAsDouble();
        }));
        cs.add(new Case(spec(Kind.AVG, 2, d, f, Types.BIG_DEC), rows -> {
          List<Object> vs = values(rows, 2, d, f);
          if (vs.isEmpty()) {
            return null;
          }
          BigDecimal sum = vs.stream().map(v -> (BigDecimal) v).reduce(BigDecimal.ZERO, BigDecimal::add);
          return sum.divide(BigDecimal.valueOf(vs.size()), 6, RoundingMode.HALF_UP);
        }));
        cs.add(new Case(spec(Kind.MIN, 0, d, f, Types.LONG),
            rows -> values(rows, 0, d, f).stream().map(v -> (Long) v).min(Comparator.naturalOrder()).orElse(null)));
        cs.add(new Case(spec(Kind.MAX, 4, d, f, Types.STRING),
            rows -> values(rows, 4, d, f).stream().map(v -> (String) v).max(Comparator.naturalOrder()).orElse(null)));
        cs.add(new Case(spec(Kind.VAR_POP, 0, d, f, Types.DOUBLE), rows -> variance(values(rows, 0, d, f), false, false)));
        cs.add(new Case(spec(Kind.VAR_SAMP, 1, d, f, Types.DOUBLE), rows -> variance(values(rows, 1, d, f), true, false)));
        cs.add(new Case(spec(Kind.STDDEV_POP, 1, d, f, Types.DOUBLE), rows -> variance(values(rows, 1, d, f), false, true)));
        cs.add(new Case(spec(Kind.STDDEV_SAMP, 0, d, f, Types.DOUBLE), rows -> variance(values(rows, 0, d, f), true, true)));
      }
      cs.add(new Case(spec(Kind.COUNT_STAR, -1, false, -1, Types.LONG), rows -> (long) rows.size()));
      cs.add(new Case(spec(Kind.COUNT_STAR, -1, false, 3, Types.LONG),
          rows -> rows.stream().filter(r -> r.getField(3) == Boolean.TRUE).count()));
      cs.add(new Case(spec(Kind.SUM0, 0, false, 3, Types.LONG), rows -> {
        List<Object> vs = values(rows, 0, false, 3);
        return vs.stream().mapToLong(v -> (Long) v).sum();
      }));
    }
    return cs;
  }

  static Row randomRow(Random rnd) {
    return Row.of(
        rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(20) - 5,
        rnd.nextInt(5) == 0 ? null : (double) (rnd.nextInt(40) - 10) / 4,
        rnd.nextInt(5) == 0 ? null : BigDecimal.valueOf(rnd.nextInt(1000) - 300, 2),
        rnd.nextInt(4) == 0 ? null : rnd.nextBoolean(),
        "s" + rnd.nextInt(12));
  }

  static void assertSame(String what, Object actual, Object expected) {
    if (expected instanceof Double e && actual instanceof Double a) {
      assertThat(a).as(what).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(e))));
    } else if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
      assertThat(a.compareTo(e)).as(what + ": " + a + " vs " + e).isZero();
    } else {
      assertThat(actual).as(what).isEqualTo(expected);
    }
  }

  static Stream<Arguments> seedsAndImplementations() {
    return LongStream.rangeClosed(1, 5).boxed()
        .flatMap(seed -> Stream.of(Arguments.of(seed, true), Arguments.of(seed, false)));
  }

  static RowAggregator aggregator(List<AggregateSpec> specs, boolean generated, boolean retractable) {
    RowAggregator agg = generated ? new RowAggregator(specs, INPUT, retractable) : RowAggregator.interpreted(specs, INPUT);
    assertThat(agg.handle()).isInstanceOf(generated ? GeneratedAggsHandle.class : InterpretedAggsHandle.class);
    return agg;
  }

  @ParameterizedTest(name = "seed {0}, generated {1}")
  @MethodSource("seedsAndImplementations")
  void accumulateRetractMergeMatchRecomputation(long seed, boolean generated) {
    Random rnd = new Random(seed);
    List<Case> cases = cases();
    List<AggregateSpec> specs = cases.stream().map(Case::spec).collect(Collectors.toList());
    RowAggregator agg = aggregator(specs, generated, true);
    Object[] accs = agg.createAccumulators();
    List<Row> live = new ArrayList<>();
    for (int step = 0; step < 250; step++) {
      if (!live.isEmpty() && rnd.nextInt(3) == 0) {
        Row r = live.remove(rnd.nextInt(live.size()));
        agg.retract(accs, r);
      } else {
        Row r = randomRow(rnd);
        live.add(r);
        agg.accumulate(accs, r);
      }
      if (step % 7 == 0) {
        accs = agg.serializer().deserializeFromBytes(agg.serializer().serializeToBytes(accs));
      } else if (step % 11 == 0) {
        accs = agg.serializer().copy(accs);
      }
      Row out = new Row(specs.size());
      agg.getValues(accs, out, 0);
      for (int i = 0; i < specs.size(); i++) {
        assertSame("seed " + seed + " step " + step + " " + specs.get(i), out.getField(i), cases.get(i).expected.apply(live));
      }
      if (step % 25 == 0) {
        // merge of a random split equals the whole
        Object[] a = agg.createAccumulators();
        Object[] b = agg.createAccumulators();
        for (Row r : live) {
          agg.accumulate(rnd.nextBoolean() ? a : b, r);
        }
        agg.merge(a, b);
        Row merged = new Row(specs.size());
        agg.getValues(a, merged, 0);
        for (int i = 0; i < specs.size(); i++) {
          assertSame("merge seed " + seed + " step " + step + " " + specs.get(i), merged.getField(i),
              cases.get(i).expected.apply(live));
        }
      }
    }
    // retract everything: back to the empty-group values
    for (Row r : live) {
      agg.retract(accs, r);
    }
    Row out = new Row(specs.size());
    agg.getValues(accs, out, 0);
    for (int i = 0; i < specs.size(); i++) {
      assertSame("empty " + specs.get(i), out.getField(i), cases.get(i).expected.apply(List.of()));
    }
    assertThat(Objects.requireNonNull(out.getField(0))).isEqualTo(0L);
  }

  /** BATCH shape: no retraction, MIN/MAX as a single value; accumulate, serialize, merge of random splits. */
  @ParameterizedTest
  @ValueSource(longs = {6, 7, 8})
  void insertOnlyAggregatorMatchesRecomputation(long seed) {
    Random rnd = new Random(seed);
    List<Case> cases = cases();
    List<AggregateSpec> specs = cases.stream().map(Case::spec).collect(Collectors.toList());
    RowAggregator agg = aggregator(specs, true, false);
    List<Row> rows = new ArrayList<>();
    Object[][] parts = {agg.createAccumulators(), agg.createAccumulators(), agg.createAccumulators()};
    for (int i = 0; i < 300; i++) {
      Row r = randomRow(rnd);
      rows.add(r);
      int p = rnd.nextInt(parts.length);
      agg.accumulate(parts[p], r);
      parts[p] = agg.serializer().deserializeFromBytes(agg.serializer().serializeToBytes(parts[p]));
    }
    Object[] all = agg.createAccumulators();
    for (Object[] p : parts) {
      agg.merge(all, p);
    }
    Row out = new Row(specs.size());
    agg.getValues(all, out, 0);
    for (int i = 0; i < specs.size(); i++) {
      assertSame("seed " + seed + " " + specs.get(i), out.getField(i), cases.get(i).expected.apply(rows));
    }
    assertThatThrownBy(() -> agg.retract(all, rows.get(0))).hasMessageContaining("cannot retract");
  }

  /** A user aggregate (two arguments, retract, merge) called directly by the generated code agrees with the method-handle path. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12})
  void userAggregateIsCalledDirectly(long seed) {
    // (k INT, v INT nullable, w INT nullable)
    RowTypeInfo in = new RowTypeInfo(Types.INT, Types.INT, Types.INT);
    var call = new io.weir.sql.runtime.functions.UserAggregateCall("wsum",
        new io.weir.sql.functions.TestFunctions.WeightedSum(), new int[] {1, 2}, true, true);
    List<AggregateSpec> specs = List.of(new AggregateSpec(Kind.USER_DEFINED, -1, false, -1, Types.LONG, "wsum", call),
        spec(Kind.COUNT_STAR, -1, false, -1, Types.LONG));
    RowAggregator generated = new RowAggregator(specs, in);
    assertThat(((GeneratedAggsHandle) generated.handle()).source())
        .contains(".accumulate((io.weir.sql.functions.TestFunctions.SumAcc)")
        .contains(".retract((io.weir.sql.functions.TestFunctions.SumAcc)");
    Random rnd = new Random(seed);
    Object[] accs = generated.createAccumulators();
    List<Row> live = new ArrayList<>();
    for (int step = 0; step < 200; step++) {
      if (!live.isEmpty() && rnd.nextInt(3) == 0) {
        generated.retract(accs, live.remove(rnd.nextInt(live.size())));
      } else {
        Row r = Row.of(rnd.nextInt(3), rnd.nextInt(6) == 0 ? null : rnd.nextInt(20) - 5,
            rnd.nextInt(6) == 0 ? null : rnd.nextInt(4));
        live.add(r);
        generated.accumulate(accs, r);
      }
      Row out = new Row(2);
      generated.getValues(accs, out, 0);
      long sum = 0;
      long n = 0;
      for (Row r : live) {
        if (r.getField(1) != null && r.getField(2) != null) {
          sum += (long) (Integer) r.getField(1) * (Integer) r.getField(2);
          n++;
        }
      }
      assertThat(out.getField(0)).as("step %d", step).isEqualTo(n == 0 ? null : sum);
      assertThat(out.getField(1)).isEqualTo((long) live.size());
    }
  }

  @Test
  void equalCallListsShareOneCompiledClass() {
    List<AggregateSpec> specs = cases().stream().map(Case::spec).collect(Collectors.toList());
    GeneratedAggsHandle a = (GeneratedAggsHandle) new RowAggregator(specs, INPUT).handle();
    GeneratedAggsHandle b = (GeneratedAggsHandle) new RowAggregator(new ArrayList<>(specs), INPUT).handle();
    GeneratedAggsHandle insertOnly = (GeneratedAggsHandle) new RowAggregator(specs, INPUT, false).handle();
    assertThat(a).isNotSameAs(b);
    assertThat(a.compiledClass()).isSameAs(b.compiledClass());
    assertThat(insertOnly.compiledClass()).isNotSameAs(a.compiledClass());
    // the per-row path is straight-line code: no loop over calls, no AggFunction objects for inlined calls
    assertThat(a.source()).doesNotContain("for (int i = 0; i < functions");
    assertThat(a.source()).contains("L[0]++");
  }
}
