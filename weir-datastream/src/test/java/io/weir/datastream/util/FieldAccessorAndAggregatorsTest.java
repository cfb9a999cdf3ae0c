package io.weir.datastream.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.Row;
import io.weir.core.types.Tuple2;
import io.weir.core.types.Tuple3;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.functions.aggregation.ComparableAggregator;
import io.weir.datastream.functions.aggregation.ComparableAggregator.Kind;
import io.weir.datastream.functions.aggregation.SumAggregator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldAccessorAndAggregatorsTest {
  public record Trade(String symbol, int qty, BigDecimal price) {}

  public static class Account {
    public String owner;
    public long balance;

    public Account() {}

    Account(String owner, long balance) {
      this.owner = owner;
      this.balance = balance;
    }
  }

  @Test
  void tupleFieldsByPositionAndNameWithoutMutatingTheInput() {
    TypeInfo<Tuple2<String, Long>> type = Types.TUPLE(Types.STRING, Types.LONG);
    FieldAccessor<Tuple2<String, Long>, Long> f1 = FieldAccessor.of(type, 1, "sum(1)");
    FieldAccessor<Tuple2<String, Long>, Long> byName = FieldAccessor.of(type, "f1", "sum(\"f1\")");
    Tuple2<String, Long> t = Tuple2.of("a", 5L);
    assertThat(f1.get(t)).isEqualTo(5L);
    assertThat(byName.get(t)).isEqualTo(5L);
    Tuple2<String, Long> updated = f1.withField(t, 9L);
    assertThat(updated).isEqualTo(Tuple2.of("a", 9L));
    assertThat(t.f1).isEqualTo(5L);
    assertThat(f1.getFieldType()).isEqualTo(Types.LONG);
  }

  @Test
  void recordsPojosAndNamedRows() {
    FieldAccessor<Trade, Integer> qty = FieldAccessor.of(TypeInfo.of(Trade.class), "qty", "sum(\"qty\")");
    Trade t = new Trade("X", 3, BigDecimal.ONE);
    assertThat(qty.withField(t, 7)).isEqualTo(new Trade("X", 7, BigDecimal.ONE));
    assertThat(qty.getFieldType()).isEqualTo(Types.INT);

    FieldAccessor<Account, Long> balance = FieldAccessor.of(TypeInfo.of(Account.class), "balance", "max(\"balance\")");
    Account a = new Account("o", 10);
    Account b = balance.withField(a, 20L);
    assertThat(b.balance).isEqualTo(20);
    assertThat(b.owner).isEqualTo("o");
    assertThat(a.balance).isEqualTo(10);

    TypeInfo<Row> rowType = Types.ROW_NAMED(new String[] {"name", "n"}, Types.STRING, Types.INT);
    FieldAccessor<Row, Integer> n = FieldAccessor.of(rowType, "n", "keyBy(\"n\")");
    assertThat(n.get(Row.of("x", 4))).isEqualTo(4);
    assertThatThrownBy(() -> FieldAccessor.of(rowType, "m", "keyBy(\"m\")"))
        .hasMessageContaining("keyBy(\"m\")").hasMessageContaining("[name, n]");
  }

  @Test
  void plainValuesAndImpreciseTuples() {
    FieldAccessor<Long, Long> self = FieldAccessor.of(Types.LONG, 0, "sum(0)");
    assertThat(self.withField(3L, 4L)).isEqualTo(4L);
    assertThatThrownBy(() -> FieldAccessor.of(Types.LONG, 1, "sum(1)")).hasMessageContaining("has no fields");

    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeInfo<Tuple2<String, Integer>> erased = (TypeInfo) Types.GENERIC(Tuple2.class);
    FieldAccessor<Tuple2<String, Integer>, Integer> f1 = FieldAccessor.of(erased, 1, "sum(1)");
    Tuple2<String, Integer> t = Tuple2.of("k", 1);
    assertThat(f1.withField(t, 2)).isEqualTo(Tuple2.of("k", 2));
    assertThat(t.f1).isEqualTo(1);
  }

  @Test
  void sumKeepsTheNumericTypeAndTheFirstRecordsOtherFields() {
    TypeInfo<Tuple3<String, Integer, Double>> type = Types.TUPLE(Types.STRING, Types.INT, Types.DOUBLE);
    SumAggregator<Tuple3<String, Integer, Double>> sumInt = new SumAggregator<>(FieldAccessor.of(type, 1, "sum"), "sum");
    SumAggregator<Tuple3<String, Integer, Double>> sumDouble = new SumAggregator<>(FieldAccessor.of(type, 2, "sum"), "sum");
    Tuple3<String, Integer, Double> a = Tuple3.of("first", 2, 0.5);
    Tuple3<String, Integer, Double> b = Tuple3.of("second", 3, 0.25);
    assertThat(sumInt.reduce(a, b)).isEqualTo(Tuple3.of("first", 5, 0.5));
    assertThat(sumDouble.reduce(a, b)).isEqualTo(Tuple3.of("first", 2, 0.75));
    assertThat(a).isEqualTo(Tuple3.of("first", 2, 0.5));
    assertThatThrownBy(() -> new SumAggregator<>(FieldAccessor.of(type, 0, "sum(0)"), "sum(0)"))
        .hasMessageContaining("sum(0)").hasMessageContaining("not numeric");

    SumAggregator<Trade> sumPrice = new SumAggregator<>(FieldAccessor.of(TypeInfo.of(Trade.class), "price", "sum"), "sum");
    assertThat(sumPrice.reduce(new Trade("s", 1, new BigDecimal("1.10")), new Trade("s", 2, new BigDecimal("2.05"))))
        .isEqualTo(new Trade("s", 1, new BigDecimal("3.15")));
  }

  /** Folding random records with each aggregator matches a direct computation. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void aggregatorsMatchAStraightforwardComputation(long seed) {
    Random r = new Random(seed);
    TypeInfo<Tuple2<Integer, Integer>> type = Types.TUPLE(Types.INT, Types.INT);
    List<Tuple2<Integer, Integer>> records = new ArrayList<>();
    int n = 1 + r.nextInt(50);
    for (int i = 0; i < n; i++) {
      records.add(Tuple2.of(i, r.nextInt(10)));
    }
    FieldAccessor<Tuple2<Integer, Integer>, Object> f1 = FieldAccessor.of(type, 1, "agg");
    assertThat(fold(records, new SumAggregator<>(f1, "sum")))
        .isEqualTo(Tuple2.of(0, records.stream().mapToInt(t -> t.f1).sum()));
    int min = records.stream().mapToInt(t -> t.f1).min().getAsInt();
    int max = records.stream().mapToInt(t -> t.f1).max().getAsInt();
    assertThat(fold(records, new ComparableAggregator<>(f1, Kind.MIN, true, "min"))).isEqualTo(Tuple2.of(0, min));
    assertThat(fold(records, new ComparableAggregator<>(f1, Kind.MAX, true, "max"))).isEqualTo(Tuple2.of(0, max));
    Tuple2<Integer, Integer> firstMin = records.stream().filter(t -> t.f1 == min).findFirst().get();
    Tuple2<Integer, Integer> lastMax = records.stream().filter(t -> t.f1 == max).max(Comparator.comparing(t -> t.f0)).get();
    assertThat(fold(records, new ComparableAggregator<>(f1, Kind.MIN_BY, true, "minBy"))).isSameAs(firstMin);
    assertThat(fold(records, new ComparableAggregator<>(f1, Kind.MAX_BY, false, "maxBy"))).isSameAs(lastMax);
  }

  private static <T> T fold(List<T> records, io.weir.core.functions.ReduceFunction<T> f) {
    T acc = records.get(0);
    for (int i = 1; i < records.size(); i++) {
      try {
        acc = f.reduce(acc, records.get(i));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return acc;
  }
}
