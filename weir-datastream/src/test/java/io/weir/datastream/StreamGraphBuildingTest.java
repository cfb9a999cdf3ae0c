package io.weir.datastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.CoreOptions;
import io.weir.core.config.RuntimeExecutionMode;
import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.OutputTag;
import io.weir.core.state.MapStateDescriptor;
import io.weir.core.types.Row;
import io.weir.core.types.Tuple2;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.functions.BroadcastProcessFunction;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.datastream.functions.ProcessFunction;
import io.weir.datastream.operators.CoBroadcastWithNonKeyedOperator;
import io.weir.datastream.operators.KeyedProcessOperator;
import io.weir.datastream.operators.StreamGroupedReduceOperator;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.PartitionTransformation;
import io.weir.runtime.graph.SideOutputTransformation;
import io.weir.runtime.graph.SourceTransformation;
import io.weir.runtime.graph.StreamGraph;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.graph.UnionTransformation;
import io.weir.runtime.operators.sink.SinkWriterOperator;
import io.weir.runtime.partitioner.BroadcastPartitioner;
import io.weir.runtime.partitioner.CustomPartitionerWrapper;
import io.weir.runtime.partitioner.KeyGroupStreamPartitioner;
import io.weir.runtime.partitioner.RebalancePartitioner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the API builds, without running it. */
class StreamGraphBuildingTest {
  public record Order(String customer, long amount) {}

  /** Neither a record, nor a POJO (no no-arg constructor), nor Serializable. */
  public static final class Opaque {
    private final Thread owner;

    public Opaque(Thread owner) {
      this.owner = owner;
    }

    @Override
    public String toString() {
      return "Opaque(" + owner + ")";
    }
  }

  @AfterEach
  void resetDefaults() {
    StreamExecutionEnvironment.setDefaultConfiguration(new Configuration());
  }

  @Test
  void environmentStartsFromACopyOfTheDefaultConfiguration() {
    Configuration defaults = new Configuration();
    defaults.set(CoreOptions.DEFAULT_PARALLELISM, 3);
    defaults.set(CoreOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment.setDefaultConfiguration(defaults);
    defaults.set(CoreOptions.DEFAULT_PARALLELISM, 7); // later changes to the caller's object do not leak

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    assertThat(env.getParallelism()).isEqualTo(3);
    assertThat(env.getRuntimeMode()).isEqualTo(RuntimeExecutionMode.BATCH);

    env.setParallelism(2).setMaxParallelism(64).enableCheckpointing(500).setRestartStrategy(4, Duration.ofMillis(20));
    Configuration c = env.getConfiguration();
    assertThat(c.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);
    assertThat(c.get(CoreOptions.MAX_PARALLELISM)).isEqualTo(64);
    assertThat(c.get(CoreOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofMillis(500));
    assertThat(c.get(CoreOptions.RESTART_ATTEMPTS)).isEqualTo(4);
    assertThat(c.get(CoreOptions.RESTART_DELAY)).isEqualTo(Duration.ofMillis(20));
    // the environment's own changes do not leak into the default either
    assertThat(StreamExecutionEnvironment.getExecutionEnvironment().getParallelism()).isEqualTo(3);

    Configuration overrides = new Configuration().set(CoreOptions.DEFAULT_PARALLELISM, 5);
    StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment(overrides);
    assertThat(env2.getParallelism()).isEqualTo(5);
    assertThat(env2.getRuntimeMode()).isEqualTo(RuntimeExecutionMode.BATCH);
  }

  @Test
  void invalidSettingsFailWithTheSetterName() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    assertThatThrownBy(() -> env.setParallelism(0)).hasMessageContaining("setParallelism");
    assertThatThrownBy(() -> env.enableCheckpointing(0)).hasMessageContaining("enableCheckpointing");
    assertThatThrownBy(() -> env.fromSequence(5, 1)).hasMessageContaining("fromSequence(5, 1)");
  }

  @Test
  void mapFilterKeyByReduceBuildAKeyedChain() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    DataStreamSource<String> words = env.fromElements("a", "b", "a");
    SingleOutputStreamOperator<Tuple2<String, Long>> pairs = words
        .filter(w -> !w.isEmpty())
        .map(new MapFunction<String, Tuple2<String, Long>>() {
          @Override
          public Tuple2<String, Long> map(String value) {
            return Tuple2.of(value, 1L);
          }
        });
    assertThat(words.getType()).isEqualTo(Types.STRING);
    assertThat(pairs.getType()).isEqualTo(Types.TUPLE(Types.STRING, Types.LONG));

    KeyedStream<Tuple2<String, Long>, String> keyed = pairs.keyBy(t -> t.f0, Types.STRING);
    assertThat(keyed.getTransformation()).isInstanceOf(PartitionTransformation.class);
    assertThat(((PartitionTransformation<?>) keyed.getTransformation()).getPartitioner())
        .isInstanceOf(KeyGroupStreamPartitioner.class);

    SingleOutputStreamOperator<Tuple2<String, Long>> sums = keyed.sum(1).name("counts").uid("counts-uid").setParallelism(2);
    OneInputTransformation<?, ?> t = (OneInputTransformation<?, ?>) sums.getTransformation();
    assertThat(t.getOperator()).isInstanceOf(StreamGroupedReduceOperator.class);
    assertThat(t.getStateKeySelector()).isSameAs(keyed.getKeySelector());
    assertThat(t.getStateKeyType()).isEqualTo(Types.STRING);
    assertThat(t.getName()).isEqualTo("counts");
    assertThat(t.getOperator().getName()).isEqualTo("counts");
    assertThat(t.getUid()).isEqualTo("counts-uid");
    assertThat(t.getParallelism()).isEqualTo(2);
    assertThat(t.getOutputType()).isEqualTo(pairs.getType());

    // A map after keyBy is keyed too (it may use keyed state), a sink is not.
    OneInputTransformation<?, ?> keyedMap = (OneInputTransformation<?, ?>) keyed.map(x -> x.f1).getTransformation();
    assertThat(keyedMap.getStateKeySelector()).isNotNull();
    DataStreamSink<?> sink = keyed.print();
    assertThat(sink.getTransformation().getStateKeySelector()).isNull();
    assertThat(sink.getTransformation().getOperator()).isInstanceOf(SinkWriterOperator.class);

    StreamGraph graph = env.getStreamGraph("job");
    assertThat(graph.getJobName()).isEqualTo("job");
    assertThat(graph.getSinks()).containsExactly(sink.getTransformation());
  }

  @Test
  void lambdaWithErasedResultGetsAnImpreciseTypeThatReturnsFixes() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    SingleOutputStreamOperator<Tuple2<String, Integer>> erased = env.fromElements("x").map(s -> Tuple2.of(s, s.length()));
    assertThat(erased.getType().isPrecise()).isFalse();

    erased.returns(new TypeHint<Tuple2<String, Integer>>() {});
    assertThat(erased.getType().isPrecise()).isTrue();
    assertThat(erased.getType()).isEqualTo(Types.TUPLE(Types.STRING, Types.INT));

    SingleOutputStreamOperator<String> words = env.fromElements("a b").flatMap(
        (FlatMapFunction<String, String>) (line, out) -> out.collect(line)).returns(String.class);
    assertThat(words.getType()).isEqualTo(Types.STRING);
  }

  @Test
  void lambdaReturningAConcreteClassIsPrecise() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    SingleOutputStreamOperator<Integer> lengths = env.fromElements("abc").map(String::length);
    assertThat(lengths.getType()).isEqualTo(Types.INT);
  }

  @Test
  void processFunctionOutputTypesComeFromTheirGenericSuperclass() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    SingleOutputStreamOperator<Long> p = env.fromElements("a").process(new ProcessFunction<String, Long>() {
      @Override
      public void processElement(String value, Context ctx, Collector<Long> out) {}
    });
    assertThat(p.getType()).isEqualTo(Types.LONG);
    SingleOutputStreamOperator<Integer> kp = env.fromElements("a").keyBy(s -> s, Types.STRING)
        .process(new KeyedProcessFunction<String, String, Integer>() {
          @Override
          public void processElement(String value, Context ctx, Collector<Integer> out) {}
        });
    assertThat(kp.getType()).isEqualTo(Types.INT);
    assertThat(((OneInputTransformation<?, ?>) kp.getTransformation()).getOperator()).isInstanceOf(KeyedProcessOperator.class);
  }

  @Test
  void fromElementsOfAnUnserializableClassFailsAtBuildTime() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    assertThatThrownBy(() -> env.fromElements(new Opaque(Thread.currentThread())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Opaque.class.getName().replace('$', '.').substring(0, 10))
        .hasMessageContaining("Opaque");
    assertThatThrownBy(() -> env.fromCollection(List.of(new Opaque(Thread.currentThread()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Opaque");
  }

  @Test
  void fromElementsDerivesTupleAndRowFieldTypesFromTheValues() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    assertThat(env.fromElements(Tuple2.of("a", 1L), Tuple2.of("b", 2L)).getType())
        .isEqualTo(Types.TUPLE(Types.STRING, Types.LONG));
    assertThat(env.fromElements(Row.of("a", 1), Row.of(null, 2)).getType())
        .isEqualTo(Types.ROW(Types.STRING, Types.INT));
    assertThat(env.fromElements(new Order("c", 3)).getType().getTypeClass()).isEqualTo(Order.class);
    assertThatThrownBy(() -> env.fromElements()).hasMessageContaining("fromElements");
  }

  @Test
  void fieldKeysAndAggregationsCheckFieldsAtBuildTime() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    DataStreamSource<Order> orders = env.fromElements(new Order("c", 3));
    KeyedStream<Order, Object> byCustomer = orders.keyBy("customer");
    assertThat(byCustomer.getKeyType()).isEqualTo(Types.STRING);
    byCustomer.sum("amount");
    assertThatThrownBy(() -> byCustomer.sum("customer")).hasMessageContaining("sum(\"customer\")").hasMessageContaining("not numeric");
    assertThatThrownBy(() -> byCustomer.max("nope")).hasMessageContaining("max(\"nope\")").hasMessageContaining("customer");
    assertThatThrownBy(() -> orders.keyBy("nope")).hasMessageContaining("no field 'nope'");

    DataStreamSource<Tuple2<String, Long>> tuples = env.fromElements(Tuple2.of("a", 1L));
    KeyedStream<Tuple2<String, Long>, Object> both = tuples.keyBy(0, 1);
    assertThat(both.getKeyType()).isEqualTo(Types.TUPLE(Types.STRING, Types.LONG));
    assertThatThrownBy(() -> tuples.keyBy(2)).hasMessageContaining("out of range");
  }

  @Test
  void badKeyTypesAreRejected() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    DataStreamSource<String> s = env.fromElements("a");
    assertThatThrownBy(() -> s.keyBy(x -> x.getBytes(), TypeInfo.of(byte[].class))).hasMessageContaining("array");
    assertThatThrownBy(() -> s.keyBy(x -> RuntimeExecutionMode.BATCH, TypeInfo.of(RuntimeExecutionMode.class)))
        .hasMessageContaining("enum");
  }

  @Test
  void nonSerializableFunctionFailsAtBuildTimeNamingTheField() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    Object notSerializable = new Object();
    assertThatThrownBy(() -> env.fromElements("a").map(x -> x + notSerializable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("map:")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void unionConnectBroadcastAndPartitioning() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    DataStreamSource<Long> a = env.fromSequence(1, 3);
    DataStreamSource<Long> b = env.fromSequence(4, 6);
    DataStream<Long> u = a.union(b);
    assertThat(u.getTransformation()).isInstanceOf(UnionTransformation.class);
    assertThatThrownBy(() -> ((DataStream) a).union(env.fromElements("x")))
        .hasMessageContaining("union").hasMessageContaining("String");

    assertThat(((PartitionTransformation<?>) a.rebalance().getTransformation()).getPartitioner())
        .isInstanceOf(RebalancePartitioner.class);
    assertThat(((PartitionTransformation<?>) a.global().getTransformation()).getPartitioner())
        .isInstanceOf(CustomPartitionerWrapper.class);

    MapStateDescriptor<String, Long> rules = new MapStateDescriptor<>("rules", Types.STRING, Types.LONG);
    BroadcastStream<String> bc = env.fromElements("r").broadcast(rules);
    assertThat(((PartitionTransformation<?>) bc.getBroadcastPartitionedStream().getTransformation()).getPartitioner())
        .isInstanceOf(BroadcastPartitioner.class);
    SingleOutputStreamOperator<String> joined = a.connect(bc).process(new BroadcastProcessFunction<Long, String, String>() {
      @Override
      public void processElement(Long value, ReadOnlyContext ctx, Collector<String> out) {}

      @Override
      public void processBroadcastElement(String value, Context ctx, Collector<String> out) {}
    });
    TwoInputTransformation<?, ?, ?> two = (TwoInputTransformation<?, ?, ?>) joined.getTransformation();
    assertThat(two.getOperator()).isInstanceOf(CoBroadcastWithNonKeyedOperator.class);
    assertThat(two.getOperator().batchReadFirst()).isEqualTo(2);
    assertThat(joined.getType()).isEqualTo(Types.STRING);

    assertThatThrownBy(() -> a.keyBy(x -> x % 2, Types.LONG).connect(bc).process(
        new BroadcastProcessFunction<Long, String, String>() {
          @Override
          public void processElement(Long value, ReadOnlyContext ctx, Collector<String> out) {}

          @Override
          public void processBroadcastElement(String value, Context ctx, Collector<String> out) {}
        })).hasMessageContaining("KeyedBroadcastProcessFunction");
  }

  @Test
  void connectedKeyedStreamsNeedTheSameKeyType() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    KeyedStream<Long, Long> a = env.fromSequence(1, 3).keyBy(x -> x, Types.LONG);
    KeyedStream<String, String> b = env.fromElements("x").keyBy(x -> x, Types.STRING);
    assertThatThrownBy(() -> a.connect(b)).hasMessageContaining("key types");
    KeyedStream<String, Long> c = env.fromElements("x").keyBy(x -> (long) x.length(), Types.LONG);
    TwoInputTransformation<?, ?, ?> t = (TwoInputTransformation<?, ?, ?>) a.connect(c)
        .map(new io.weir.datastream.functions.CoMapFunction<Long, String, String>() {
          @Override
          public String map1(Long value) {
            return "" + value;
          }

          @Override
          public String map2(String value) {
            return value;
          }
        }).getTransformation();
    assertThat(t.getStateKeySelector1()).isNotNull();
    assertThat(t.getStateKeySelector2()).isNotNull();
    assertThat(t.getStateKeyType()).isEqualTo(Types.LONG);
  }

  @Test
  void sideOutputsChainingAndTimestamps() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    OutputTag<String> late = new OutputTag<>("late", Types.STRING);
    SingleOutputStreamOperator<Long> main = env.fromSequence(1, 10).map(x -> x).returns(Types.LONG).disableChaining();
    assertThat(main.getTransformation().getChainingStrategy()).isEqualTo(Transformation.ChainingStrategy.NEVER);
    assertThat(main.startNewChain().getTransformation().getChainingStrategy()).isEqualTo(Transformation.ChainingStrategy.HEAD);
    DataStream<String> side = main.getSideOutput(late);
    assertThat(side.getTransformation()).isInstanceOf(SideOutputTransformation.class);
    assertThat(side.getType()).isEqualTo(Types.STRING);
    assertThatThrownBy(() -> main.getSideOutput(new OutputTag<>("late", Types.LONG))).hasMessageContaining("'late'");

    SourceTransformation<?> source = (SourceTransformation<?>) env.fromSequence(0, 1).setParallelism(3).getTransformation();
    assertThat(source.getParallelism()).isEqualTo(3);
  }

  @Test
  void jobWithoutSinksCannotBeBuilt() {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment();
    env.fromSequence(1, 2).map(x -> x);
    assertThatThrownBy(() -> env.getStreamGraph("j")).hasMessageContaining("no sinks");
  }
}
