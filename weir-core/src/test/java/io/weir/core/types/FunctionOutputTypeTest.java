package io.weir.core.types;

import static io.weir.core.types.TypeTestModel.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.functions.RichMapFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TypeExtractor#getOutputType}: anonymous classes, subclasses, lambdas and method references. */
class FunctionOutputTypeTest {
  private static final TypeInfo<Tuple2<String, Long>> STRING_LONG = Types.TUPLE(Types.STRING, Types.LONG);

  private static <O> TypeInfo<O> mapOut(MapFunction<?, O> fn, TypeInfo<?> in) {
    return TypeExtractor.getOutputType(fn, MapFunction.class, 1, in);
  }

  private static <O> TypeInfo<O> flatMapOut(FlatMapFunction<?, O> fn, TypeInfo<?> in) {
    return TypeExtractor.getOutputType(fn, FlatMapFunction.class, 1, in);
  }

  // ------------------------------------------------------------------ classes

  @Test
  void anonymousClassGivesThePreciseGenericType() {
    TypeInfo<Tuple2<String, Long>> out = mapOut(new MapFunction<String, Tuple2<String, Long>>() {
      @Override
      public Tuple2<String, Long> map(String value) {
        return Tuple2.of(value, 1L);
      }
    }, Types.STRING);
    assertThat(out).isEqualTo(STRING_LONG);
    assertThat(out.isPrecise()).isTrue();
  }

  static class Splitter implements FlatMapFunction<String, Tuple2<String, Long>> {
    @Override
    public void flatMap(String value, Collector<Tuple2<String, Long>> out) {}
  }

  @Test
  void namedClassFlatMap() {
    assertThat(flatMapOut(new Splitter(), Types.STRING)).isEqualTo(STRING_LONG);
  }

  /** The output is declared by an abstract generic superclass and fixed by the subclass. */
  abstract static class Wrapper<A> extends RichMapFunction<A, List<A>> {}

  @Test
  void typeVariablesResolvedThroughTheClassHierarchy() {
    Wrapper<Order> fn = new Wrapper<>() {
      @Override
      public List<Order> map(Order value) {
        return List.of(value);
      }
    };
    // the anonymous subclass of Wrapper<Order> carries Order in its generic superclass
    assertThat(mapOut(fn, TypeInfo.of(Order.class))).isEqualTo(Types.LIST(TypeInfo.of(Order.class)));
  }

  static class Identity<T> implements MapFunction<T, T> {
    @Override
    public T map(T value) {
      return value;
    }
  }

  static class Pairing<T> implements MapFunction<T, Tuple2<T, Long>> {
    @Override
    public Tuple2<T, Long> map(T value) {
      return Tuple2.of(value, 1L);
    }
  }

  @Test
  void outputVariableBoundToTheInputTakesTheInputType() {
    TypeInfo<Order> orders = TypeInfo.of(Order.class);
    assertThat(mapOut(new Identity<Order>(), orders)).isEqualTo(orders);
    assertThat(mapOut(new Pairing<String>(), Types.STRING)).isEqualTo(STRING_LONG);
    // unknown input: erased to an imprecise Object
    TypeInfo<Object> unknown = mapOut(new Identity<>(), null);
    assertThat(unknown.isPrecise()).isFalse();
    assertThat(unknown.getTypeClass()).isEqualTo(Object.class);
  }

  static class RawMapper implements MapFunction {
    @Override
    public Object map(Object value) {
      return value;
    }
  }

  @Test
  void rawImplementationIsImprecise() {
    TypeInfo<?> out = TypeExtractor.getOutputType(new RawMapper(), MapFunction.class, 1, Types.STRING);
    assertThat(out.isPrecise()).isFalse();
  }

  // ------------------------------------------------------------------ lambdas and method references

  @Test
  void lambdaWithNonGenericResult() {
    MapFunction<String, Integer> length = s -> s.length();
    assertThat(mapOut(length, Types.STRING)).isEqualTo(Types.INT);
    MapFunction<Long, String> str = l -> "v" + l;
    assertThat(mapOut(str, Types.LONG)).isEqualTo(Types.STRING);
    MapFunction<String, Order> toOrder = s -> new Order(s, 1, List.of(), null, Color.RED);
    assertThat(mapOut(toOrder, Types.STRING)).isEqualTo(TypeInfo.of(Order.class));
  }

  @Test
  void erasedLambdaReturningTuple2IsImpreciseButStillSerializes() {
    MapFunction<String, Tuple2<String, Long>> fn = s -> Tuple2.of(s, 1L);
    TypeInfo<Tuple2<String, Long>> out = mapOut(fn, Types.STRING);
    assertThat(out.isPrecise()).isFalse();
    assertThat(out).isInstanceOf(GenericTypeInfo.class);
    assertThat(out.getTypeClass()).isEqualTo(Tuple2.class);
    TypeSerializer<Tuple2<String, Long>> ser = out.createSerializer();
    Tuple2<String, Long> v = Tuple2.of("word", 42L);
    assertThat(ser.deserializeFromBytes(ser.serializeToBytes(v))).isEqualTo(v);
  }

  @Test
  void lambdaCapturingVariablesAndThis() {
    String prefix = "p-";
    MapFunction<String, String> capturing = s -> prefix + s;
    assertThat(mapOut(capturing, Types.STRING)).isEqualTo(Types.STRING);
    MapFunction<String, Integer> usingThis = s -> helper(s);
    assertThat(mapOut(usingThis, Types.STRING)).isEqualTo(Types.INT);
  }

  private int helper(String s) {
    return s.length();
  }

  static Map<String, Long> countWords(String line) {
    return Map.of(line, 1L);
  }

  static void split(String line, Collector<Tuple2<String, Long>> out) {
    out.collect(Tuple2.of(line, 1L));
  }

  static <T> T same(T t) {
    return t;
  }

  @Test
  void methodReferencesKeepGenericSignatures() {
    MapFunction<String, Map<String, Long>> counts = FunctionOutputTypeTest::countWords;
    assertThat(mapOut(counts, Types.STRING)).isEqualTo(Types.MAP(Types.STRING, Types.LONG));

    MapFunction<String, Integer> unbound = String::length;
    assertThat(mapOut(unbound, Types.STRING)).isEqualTo(Types.INT);

    String base = "abc";
    MapFunction<String, Boolean> bound = base::startsWith;
    assertThat(mapOut(bound, Types.STRING)).isEqualTo(Types.BOOLEAN);

    MapFunction<String, StringBuilder> ctor = StringBuilder::new;
    assertThat(mapOut(ctor, Types.STRING).getTypeClass()).isEqualTo(StringBuilder.class);

    FlatMapFunction<String, Tuple2<String, Long>> flat = FunctionOutputTypeTest::split;
    assertThat(flatMapOut(flat, Types.STRING)).isEqualTo(STRING_LONG);
  }

  @Test
  void genericMethodReferenceTakesTheInputType() {
    MapFunction<Order, Order> identity = FunctionOutputTypeTest::same;
    assertThat(mapOut(identity, TypeInfo.of(Order.class))).isEqualTo(TypeInfo.of(Order.class));
  }

  @Test
  void flatMapLambdaOutputIsErased() {
    FlatMapFunction<String, String> fn = (line, out) -> out.collect(line);
    TypeInfo<String> t = flatMapOut(fn, Types.STRING);
    assertThat(t.isPrecise()).isFalse();
    assertThat(t.getTypeClass()).isEqualTo(Object.class);
  }

  @Test
  void reduceLambdaOutputIsTheInput() {
    ReduceFunction<Long> sum = Long::sum;
    TypeInfo<Long> t = TypeExtractor.getOutputType(sum, ReduceFunction.class, 0, Types.LONG);
    assertThat(t).isEqualTo(Types.LONG);
  }

  @Test
  void keySelectors() {
    KeySelector<Order, String> byId = Order::id;
    assertThat(TypeExtractor.getKeyType(byId, TypeInfo.of(Order.class))).isEqualTo(Types.STRING);
    KeySelector<Order, Long> byAmount = o -> o.amount();
    assertThat(TypeExtractor.getKeyType(byAmount, TypeInfo.of(Order.class))).isEqualTo(Types.LONG);
    KeySelector<Person, Integer> byAge = new KeySelector<>() {
      @Override
      public Integer getKey(Person p) {
        return p.getAge();
      }
    };
    assertThat(TypeExtractor.getKeyType(byAge, TypeInfo.of(Person.class))).isEqualTo(Types.INT);
    // javac gives the lambda body method the erasure of the lambda's target type: String
    KeySelector<Tuple2<String, Long>, String> byF0 = t -> t.f0;
    assertThat(TypeExtractor.getKeyType(byF0, STRING_LONG)).isEqualTo(Types.STRING);
  }

  @Test
  void lambdaReturningAnInterfaceIsImpreciseNotAnError() {
    MapFunction<String, Runnable> fn = s -> (Runnable & java.io.Serializable) () -> {};
    TypeInfo<Runnable> t = mapOut(fn, Types.STRING);
    assertThat(t.isPrecise()).isFalse();
    assertThat(t.getTypeClass()).isEqualTo(Runnable.class);
  }

  @Test
  void functionReturningAnUnsupportedConcreteClassIsABuildTimeError() {
    MapFunction<String, WithThread> fn = s -> new WithThread();
    assertThatThrownBy(() -> mapOut(fn, Types.STRING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WithThread.class.getName())
        .hasMessageContaining("'worker'");
  }
}
