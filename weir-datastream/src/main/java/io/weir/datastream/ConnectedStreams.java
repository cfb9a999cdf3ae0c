package io.weir.datastream;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.functions.CoFlatMapFunction;
import io.weir.datastream.functions.CoMapFunction;
import io.weir.datastream.functions.CoProcessFunction;
import io.weir.datastream.functions.KeyedCoProcessFunction;
import io.weir.datastream.operators.CoProcessOperator;
import io.weir.datastream.operators.CoStreamFlatMap;
import io.weir.datastream.operators.CoStreamMap;
import io.weir.datastream.operators.KeyedCoProcessOperator;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.operators.TwoInputStreamOperator;

/**
 * Two streams, possibly of different types, processed together by one two-input function. When
 * both are keyed (same key type) the function shares keyed state and timers across both inputs.
 */
public class ConnectedStreams<IN1, IN2> {
  private final StreamExecutionEnvironment environment;
  private final DataStream<IN1> input1;
  private final DataStream<IN2> input2;

  public ConnectedStreams(StreamExecutionEnvironment environment, DataStream<IN1> input1, DataStream<IN2> input2) {
    this.environment = environment;
    this.input1 = input1;
    this.input2 = input2;
    if (input1.getExecutionEnvironment() != input2.getExecutionEnvironment()) {
      throw new IllegalArgumentException("connect: the streams belong to different execution environments");
    }
    if (input1 instanceof KeyedStream<IN1, ?> k1 && input2 instanceof KeyedStream<IN2, ?> k2
        && !KeyTypes.sameType(k1.getKeyType(), k2.getKeyType())) {
      throw new IllegalArgumentException("connect: the keyed streams have different key types ("
          + k1.getKeyType() + " and " + k2.getKeyType() + ")");
    }
  }

  public StreamExecutionEnvironment getExecutionEnvironment() {
    return environment;
  }

  public DataStream<IN1> getFirstInput() {
    return input1;
  }

  public DataStream<IN2> getSecondInput() {
    return input2;
  }

  public TypeInfo<IN1> getType1() {
    return input1.getType();
  }

  public TypeInfo<IN2> getType2() {
    return input2.getType();
  }

  private boolean isKeyed() {
    return input1 instanceof KeyedStream && input2 instanceof KeyedStream;
  }

  /** Keys both inputs; records of both sides with equal keys meet in the same instance and state. */
  public <K> ConnectedStreams<IN1, IN2> keyBy(KeySelector<IN1, K> keySelector1, KeySelector<IN2, K> keySelector2) {
    return new ConnectedStreams<>(environment, input1.keyBy(keySelector1), input2.keyBy(keySelector2));
  }

  public ConnectedStreams<IN1, IN2> keyBy(int field1, int field2) {
    return new ConnectedStreams<>(environment, input1.keyBy(field1), input2.keyBy(field2));
  }

  public ConnectedStreams<IN1, IN2> keyBy(String field1, String field2) {
    return new ConnectedStreams<>(environment, input1.keyBy(field1), input2.keyBy(field2));
  }

  public <R> SingleOutputStreamOperator<R> map(CoMapFunction<IN1, IN2, R> mapper) {
    return map(mapper, OutputTypes.of(mapper, CoMapFunction.class, 2, getType1()));
  }

  public <R> SingleOutputStreamOperator<R> map(CoMapFunction<IN1, IN2, R> mapper, TypeInfo<R> outputType) {
    return transform("Co-Map", outputType, new CoStreamMap<>(Functions.checkSerializable(mapper, "map")));
  }

  public <R> SingleOutputStreamOperator<R> flatMap(CoFlatMapFunction<IN1, IN2, R> flatMapper) {
    return flatMap(flatMapper, OutputTypes.of(flatMapper, CoFlatMapFunction.class, 2, getType1()));
  }

  public <R> SingleOutputStreamOperator<R> flatMap(CoFlatMapFunction<IN1, IN2, R> flatMapper, TypeInfo<R> outputType) {
    return transform("Co-Flat Map", outputType, new CoStreamFlatMap<>(Functions.checkSerializable(flatMapper, "flatMap")));
  }

  /** Timers are available when both inputs are keyed. */
  public <R> SingleOutputStreamOperator<R> process(CoProcessFunction<IN1, IN2, R> function) {
    return process(function, OutputTypes.of(function, CoProcessFunction.class, 2, getType1()));
  }

  public <R> SingleOutputStreamOperator<R> process(CoProcessFunction<IN1, IN2, R> function, TypeInfo<R> outputType) {
    return transform("Co-Process", outputType, new CoProcessOperator<>(Functions.checkSerializable(function, "process")));
  }

  public <K, R> SingleOutputStreamOperator<R> process(KeyedCoProcessFunction<K, IN1, IN2, R> function) {
    return process(function, OutputTypes.of(function, KeyedCoProcessFunction.class, 3, null));
  }

  public <K, R> SingleOutputStreamOperator<R> process(
      KeyedCoProcessFunction<K, IN1, IN2, R> function, TypeInfo<R> outputType) {
    if (!isKeyed()) {
      throw new IllegalArgumentException("process(KeyedCoProcessFunction) needs two keyed streams: "
          + "key both inputs first (a.keyBy(...).connect(b.keyBy(...)) or connect(...).keyBy(k1, k2))");
    }
    return transform("KeyedCoProcess", outputType,
        new KeyedCoProcessOperator<>(Functions.checkSerializable(function, "process")));
  }

  /** Adds a two-input operator; keyed when both inputs are keyed streams. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <R> SingleOutputStreamOperator<R> transform(
      String operatorName, TypeInfo<R> outputType, TwoInputStreamOperator<IN1, IN2, R> operator) {
    TwoInputTransformation<IN1, IN2, R> t = new TwoInputTransformation<>(
        input1.getTransformation(), input2.getTransformation(), operatorName, operator, outputType, -1);
    if (isKeyed()) {
      KeyedStream<IN1, ?> k1 = (KeyedStream<IN1, ?>) input1;
      KeyedStream<IN2, ?> k2 = (KeyedStream<IN2, ?>) input2;
      t.setStateKeySelectors((KeySelector) k1.getKeySelector(), (KeySelector) k2.getKeySelector(),
          KeyTypes.preferPrecise(k1.getKeyType(), k2.getKeyType()));
    }
    return new SingleOutputStreamOperator<>(environment, t);
  }
}
