package io.weir.datastream;

import io.weir.core.functions.KeySelector;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.functions.KeyedProcessFunction;
import io.weir.datastream.functions.aggregation.ComparableAggregator;
import io.weir.datastream.functions.aggregation.SumAggregator;
import io.weir.datastream.operators.KeyedProcessOperator;
import io.weir.datastream.operators.StreamGroupedReduceOperator;
import io.weir.datastream.util.FieldAccessor;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.windows.Window;
import io.weir.runtime.graph.OneInputTransformation;
import io.weir.runtime.graph.Transformation;
import io.weir.runtime.operators.OneInputStreamOperator;

/**
 * A stream partitioned by key. Operators applied to it are keyed: their state and timers are
 * scoped to the key of the current record.
 *
 * <p>Rolling aggregations (reduce, sum, min, max, minBy, maxBy) emit the updated aggregate after
 * every record in STREAMING mode and only the final aggregate per key in BATCH mode. For sum, min
 * and max the other fields come from the first record of the key; minBy/maxBy return a whole
 * record.
 */
public class KeyedStream<T, K> extends DataStream<T> {
  private final KeySelector<T, K> keySelector;
  private final TypeInfo<K> keyType;

  public KeyedStream(StreamExecutionEnvironment env, Transformation<T> partitioned, KeySelector<T, K> keySelector, TypeInfo<K> keyType) {
    super(env, partitioned);
    this.keySelector = keySelector;
    this.keyType = keyType;
  }

  public KeySelector<T, K> getKeySelector() {
    return keySelector;
  }

  public TypeInfo<K> getKeyType() {
    return keyType;
  }

  /** The operator is keyed by this stream's key selector. */
  @Override
  public <R> SingleOutputStreamOperator<R> transform(
      String operatorName, TypeInfo<R> outputType, OneInputStreamOperator<T, R> operator) {
    OneInputTransformation<T, R> t = new OneInputTransformation<>(transformation, operatorName, operator, outputType, -1);
    t.setStateKeySelector(keySelector, keyType);
    return new SingleOutputStreamOperator<>(environment, t);
  }

  // ------------------------------------------------------------------ process

  public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> function) {
    return process(function, OutputTypes.of(function, KeyedProcessFunction.class, 2, null));
  }

  public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> function, TypeInfo<R> outputType) {
    return transform("KeyedProcess", outputType,
        new KeyedProcessOperator<>(Functions.checkSerializable(function, "process")));
  }

  // ------------------------------------------------------------------ rolling aggregations

  /** Combines the records of each key: {@code reduce(aggregate, next)}. */
  public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> reducer) {
    return transform("Keyed Reduce", getType(),
        new StreamGroupedReduceOperator<>(Functions.checkSerializable(reducer, "reduce"), getType(), true));
  }

  public SingleOutputStreamOperator<T> sum(int position) {
    String op = "sum(" + position + ")";
    return aggregate(new SumAggregator<>(FieldAccessor.of(getType(), position, op), op));
  }

  public SingleOutputStreamOperator<T> sum(String field) {
    String op = "sum(\"" + field + "\")";
    return aggregate(new SumAggregator<>(FieldAccessor.of(getType(), field, op), op));
  }

  public SingleOutputStreamOperator<T> min(int position) {
    return comparable(position, ComparableAggregator.Kind.MIN, true, "min");
  }

  public SingleOutputStreamOperator<T> min(String field) {
    return comparable(field, ComparableAggregator.Kind.MIN, true, "min");
  }

  public SingleOutputStreamOperator<T> max(int position) {
    return comparable(position, ComparableAggregator.Kind.MAX, true, "max");
  }

  public SingleOutputStreamOperator<T> max(String field) {
    return comparable(field, ComparableAggregator.Kind.MAX, true, "max");
  }

  public SingleOutputStreamOperator<T> minBy(int position) {
    return minBy(position, true);
  }

  public SingleOutputStreamOperator<T> minBy(String field) {
    return minBy(field, true);
  }

  /** {@code first}: on ties keep the earlier record (else the later). */
  public SingleOutputStreamOperator<T> minBy(int position, boolean first) {
    return comparable(position, ComparableAggregator.Kind.MIN_BY, first, "minBy");
  }

  public SingleOutputStreamOperator<T> minBy(String field, boolean first) {
    return comparable(field, ComparableAggregator.Kind.MIN_BY, first, "minBy");
  }

  public SingleOutputStreamOperator<T> maxBy(int position) {
    return maxBy(position, true);
  }

  public SingleOutputStreamOperator<T> maxBy(String field) {
    return maxBy(field, true);
  }

  public SingleOutputStreamOperator<T> maxBy(int position, boolean first) {
    return comparable(position, ComparableAggregator.Kind.MAX_BY, first, "maxBy");
  }

  public SingleOutputStreamOperator<T> maxBy(String field, boolean first) {
    return comparable(field, ComparableAggregator.Kind.MAX_BY, first, "maxBy");
  }

  private SingleOutputStreamOperator<T> comparable(int position, ComparableAggregator.Kind kind, boolean first, String name) {
    String op = name + "(" + position + ")";
    return aggregate(new ComparableAggregator<>(FieldAccessor.of(getType(), position, op), kind, first, op));
  }

  private SingleOutputStreamOperator<T> comparable(String field, ComparableAggregator.Kind kind, boolean first, String name) {
    String op = name + "(\"" + field + "\")";
    return aggregate(new ComparableAggregator<>(FieldAccessor.of(getType(), field, op), kind, first, op));
  }

  private SingleOutputStreamOperator<T> aggregate(ReduceFunction<T> aggregator) {
    // Built-in aggregators never modify their inputs, so the aggregate need not be copied.
    return transform("Keyed Aggregation", getType(), new StreamGroupedReduceOperator<>(aggregator, getType(), false));
  }

  // ------------------------------------------------------------------ windows and joins

  public <W extends Window> WindowedStream<T, K, W> window(WindowAssigner<? super T, W> assigner) {
    return new WindowedStream<>(this, assigner);
  }

  /** Tumbling windows of {@code size} records per key. */
  public WindowedStream<T, K, ?> countWindow(long size) {
    return WindowedStream.countWindow(this, size, size);
  }

  /** Windows of {@code size} records per key, evaluated every {@code slide} records. */
  public WindowedStream<T, K, ?> countWindow(long size, long slide) {
    return WindowedStream.countWindow(this, size, slide);
  }

  /** Joins records of both keyed streams whose timestamps are within bounds of each other. */
  public <T2> IntervalJoin<T, T2, K> intervalJoin(KeyedStream<T2, K> other) {
    return new IntervalJoin<>(this, other);
  }
}
