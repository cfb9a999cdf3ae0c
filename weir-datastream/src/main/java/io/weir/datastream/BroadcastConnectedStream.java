package io.weir.datastream;

import io.weir.core.functions.KeySelector;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.functions.BroadcastProcessFunction;
import io.weir.datastream.functions.KeyedBroadcastProcessFunction;
import io.weir.datastream.operators.CoBroadcastWithKeyedOperator;
import io.weir.datastream.operators.CoBroadcastWithNonKeyedOperator;
import io.weir.runtime.graph.TwoInputTransformation;
import io.weir.runtime.operators.TwoInputStreamOperator;

/**
 * A (keyed or non-keyed) stream connected with a {@link BroadcastStream}: input 1 is the regular
 * stream, input 2 the broadcast one. In BATCH mode the broadcast input is read completely first,
 * so every regular record sees the final broadcast state.
 */
public class BroadcastConnectedStream<IN1, IN2> {
  private final StreamExecutionEnvironment environment;
  private final DataStream<IN1> input1;
  private final BroadcastStream<IN2> broadcast;

  public BroadcastConnectedStream(StreamExecutionEnvironment environment, DataStream<IN1> input1, BroadcastStream<IN2> broadcast) {
    this.environment = environment;
    this.input1 = input1;
    this.broadcast = broadcast;
  }

  public DataStream<IN1> getFirstInput() {
    return input1;
  }

  public BroadcastStream<IN2> getSecondInput() {
    return broadcast;
  }

  public TypeInfo<IN1> getType1() {
    return input1.getType();
  }

  public TypeInfo<IN2> getType2() {
    return broadcast.getType();
  }

  public <R> SingleOutputStreamOperator<R> process(BroadcastProcessFunction<IN1, IN2, R> function) {
    return process(function, OutputTypes.of(function, BroadcastProcessFunction.class, 2, getType1()));
  }

  public <R> SingleOutputStreamOperator<R> process(BroadcastProcessFunction<IN1, IN2, R> function, TypeInfo<R> outputType) {
    if (input1 instanceof KeyedStream) {
      throw new IllegalArgumentException("process(BroadcastProcessFunction) on a keyed stream: use a "
          + "KeyedBroadcastProcessFunction (or connect the broadcast stream before keyBy)");
    }
    return transform("Co-Process-Broadcast", outputType, new CoBroadcastWithNonKeyedOperator<>(
        Functions.checkSerializable(function, "process"), broadcast.getBroadcastStateDescriptors()));
  }

  public <K, R> SingleOutputStreamOperator<R> process(KeyedBroadcastProcessFunction<K, IN1, IN2, R> function) {
    return process(function, OutputTypes.of(function, KeyedBroadcastProcessFunction.class, 3, null));
  }

  public <K, R> SingleOutputStreamOperator<R> process(
      KeyedBroadcastProcessFunction<K, IN1, IN2, R> function, TypeInfo<R> outputType) {
    if (!(input1 instanceof KeyedStream)) {
      throw new IllegalArgumentException("process(KeyedBroadcastProcessFunction) needs a keyed stream: "
          + "call keyBy(...) before connect(broadcastStream), or use a BroadcastProcessFunction");
    }
    return transform("Co-Process-Broadcast-Keyed", outputType, new CoBroadcastWithKeyedOperator<>(
        Functions.checkSerializable(function, "process"), broadcast.getBroadcastStateDescriptors()));
  }

  /** Adds a two-input operator; keyed on input 1 when that is a keyed stream (input 2 never is). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <R> SingleOutputStreamOperator<R> transform(
      String operatorName, TypeInfo<R> outputType, TwoInputStreamOperator<IN1, IN2, R> operator) {
    TwoInputTransformation<IN1, IN2, R> t = new TwoInputTransformation<>(input1.getTransformation(),
        broadcast.getBroadcastPartitionedStream().getTransformation(), operatorName, operator, outputType, -1);
    if (input1 instanceof KeyedStream<IN1, ?> keyed) {
      t.setStateKeySelectors((KeySelector) keyed.getKeySelector(), null, keyed.getKeyType());
    }
    return new SingleOutputStreamOperator<>(environment, t);
  }
}
