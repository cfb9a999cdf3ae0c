package io.weir.datastream;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.OutputTag;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.functions.AllWindowFunction;
import io.weir.datastream.windowing.functions.ProcessAllWindowFunction;
import io.weir.datastream.windowing.operators.WindowFunctions;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.GlobalWindow;
import io.weir.datastream.windowing.windows.Window;
import java.time.Duration;

/**
 * Windows over a whole non-keyed stream ({@code stream.windowAll(assigner)}): all records go to
 * one window operator instance (parallelism 1), keyed internally by a constant. Same options and
 * functions as {@link WindowedStream}, with {@link ProcessAllWindowFunction} /
 * {@link AllWindowFunction} instead of the keyed window functions.
 */
public class AllWindowedStream<T, W extends Window> {
  private final WindowedStream<T, Byte, W> windowed;

  public AllWindowedStream(DataStream<T> input, WindowAssigner<? super T, W> assigner) {
    this.windowed = new WindowedStream<>(keyByConstant(input), assigner);
  }

  private AllWindowedStream(WindowedStream<T, Byte, W> windowed) {
    this.windowed = windowed;
  }

  private static <T> KeyedStream<T, Byte> keyByConstant(DataStream<T> input) {
    return input.keyBy(new ConstantKeySelector<>(), Types.BYTE);
  }

  /** countWindowAll(size[, slide]): count windows over the whole stream (see WindowedStream.countWindow). */
  public static <T> AllWindowedStream<T, GlobalWindow> countWindowAll(DataStream<T> input, long size, long slide) {
    return new AllWindowedStream<>(WindowedStream.countWindow(keyByConstant(input), size, slide));
  }

  public AllWindowedStream<T, W> trigger(Trigger<? super T, ? super W> trigger) {
    windowed.trigger(trigger);
    return this;
  }

  public AllWindowedStream<T, W> allowedLateness(Duration lateness) {
    windowed.allowedLateness(lateness);
    return this;
  }

  public AllWindowedStream<T, W> sideOutputLateData(OutputTag<T> outputTag) {
    windowed.sideOutputLateData(outputTag);
    return this;
  }

  private static <R> SingleOutputStreamOperator<R> single(SingleOutputStreamOperator<R> op) {
    return op.setParallelism(1);
  }

  public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> function) {
    return single(windowed.reduce(function));
  }

  public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reduceFunction, ProcessAllWindowFunction<T, R, W> function) {
    return reduce(reduceFunction, function, OutputTypes.of(function, ProcessAllWindowFunction.class, 1, windowed.getInput().getType()));
  }

  public <R> SingleOutputStreamOperator<R> reduce(
      ReduceFunction<T> reduceFunction, ProcessAllWindowFunction<T, R, W> function, TypeInfo<R> resultType) {
    Functions.checkSerializable(function, "reduce");
    return single(windowed.reduce(reduceFunction, WindowFunctions.<T, R, Byte, W>ofAll(function), resultType));
  }

  public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reduceFunction, AllWindowFunction<T, R, W> function) {
    return reduce(reduceFunction, function, OutputTypes.of(function, AllWindowFunction.class, 1, windowed.getInput().getType()));
  }

  public <R> SingleOutputStreamOperator<R> reduce(
      ReduceFunction<T> reduceFunction, AllWindowFunction<T, R, W> function, TypeInfo<R> resultType) {
    Functions.checkSerializable(function, "reduce");
    return single(windowed.reduce(reduceFunction, WindowFunctions.<T, R, Byte, W>ofAll(function), resultType));
  }

  public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> function) {
    return single(windowed.aggregate(function));
  }

  public <ACC, V> SingleOutputStreamOperator<V> aggregate(
      AggregateFunction<T, ACC, V> function, TypeInfo<ACC> accumulatorType, TypeInfo<V> resultType) {
    return single(windowed.aggregate(function, accumulatorType, resultType));
  }

  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
      AggregateFunction<T, ACC, V> aggFunction, ProcessAllWindowFunction<V, R, W> windowFunction) {
    TypeInfo<T> in = windowed.getInput().getType();
    TypeInfo<ACC> accType = OutputTypes.of(aggFunction, AggregateFunction.class, 1, in);
    TypeInfo<V> aggResultType = OutputTypes.of(aggFunction, AggregateFunction.class, 2, in);
    TypeInfo<R> resultType = OutputTypes.of(windowFunction, ProcessAllWindowFunction.class, 1, aggResultType);
    return aggregate(aggFunction, windowFunction, accType, aggResultType, resultType);
  }

  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
      AggregateFunction<T, ACC, V> aggFunction,
      ProcessAllWindowFunction<V, R, W> windowFunction,
      TypeInfo<ACC> accumulatorType,
      TypeInfo<V> aggregateResultType,
      TypeInfo<R> resultType) {
    Functions.checkSerializable(windowFunction, "aggregate");
    return single(windowed.aggregate(aggFunction, WindowFunctions.<V, R, Byte, W>ofAll(windowFunction),
        accumulatorType, aggregateResultType, resultType));
  }

  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
      AggregateFunction<T, ACC, V> aggFunction, AllWindowFunction<V, R, W> windowFunction) {
    TypeInfo<T> in = windowed.getInput().getType();
    TypeInfo<ACC> accType = OutputTypes.of(aggFunction, AggregateFunction.class, 1, in);
    TypeInfo<V> aggResultType = OutputTypes.of(aggFunction, AggregateFunction.class, 2, in);
    TypeInfo<R> resultType = OutputTypes.of(windowFunction, AllWindowFunction.class, 1, aggResultType);
    Functions.checkSerializable(windowFunction, "aggregate");
    return single(windowed.aggregate(aggFunction, WindowFunctions.<V, R, Byte, W>ofAll(windowFunction),
        accType, aggResultType, resultType));
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessAllWindowFunction<T, R, W> function) {
    return process(function, OutputTypes.of(function, ProcessAllWindowFunction.class, 1, windowed.getInput().getType()));
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessAllWindowFunction<T, R, W> function, TypeInfo<R> resultType) {
    Functions.checkSerializable(function, "process");
    return single(windowed.process(WindowFunctions.<T, R, Byte, W>ofAll(function), resultType));
  }

  public <R> SingleOutputStreamOperator<R> apply(AllWindowFunction<T, R, W> function) {
    return apply(function, OutputTypes.of(function, AllWindowFunction.class, 1, windowed.getInput().getType()));
  }

  public <R> SingleOutputStreamOperator<R> apply(AllWindowFunction<T, R, W> function, TypeInfo<R> resultType) {
    Functions.checkSerializable(function, "apply");
    return single(windowed.process(WindowFunctions.<T, R, Byte, W>ofAll(function), resultType));
  }

  public SingleOutputStreamOperator<T> sum(int position) {
    return single(windowed.sum(position));
  }

  public SingleOutputStreamOperator<T> sum(String field) {
    return single(windowed.sum(field));
  }

  public SingleOutputStreamOperator<T> min(int position) {
    return single(windowed.min(position));
  }

  public SingleOutputStreamOperator<T> min(String field) {
    return single(windowed.min(field));
  }

  public SingleOutputStreamOperator<T> max(int position) {
    return single(windowed.max(position));
  }

  public SingleOutputStreamOperator<T> max(String field) {
    return single(windowed.max(field));
  }

  public SingleOutputStreamOperator<T> minBy(int position) {
    return single(windowed.minBy(position));
  }

  public SingleOutputStreamOperator<T> minBy(String field) {
    return single(windowed.minBy(field));
  }

  public SingleOutputStreamOperator<T> maxBy(int position) {
    return single(windowed.maxBy(position));
  }

  public SingleOutputStreamOperator<T> maxBy(String field) {
    return single(windowed.maxBy(field));
  }

  /** Every record gets the same key: one window operator instance sees the whole stream. */
  static final class ConstantKeySelector<T> implements KeySelector<T, Byte> {
    private static final long serialVersionUID = 1L;
    private static final Byte KEY = (byte) 0;

    @Override
    public Byte getKey(T value) {
      return KEY;
    }
  }
}
