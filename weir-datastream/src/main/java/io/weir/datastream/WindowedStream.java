package io.weir.datastream;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.OutputTag;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.functions.RichFunction;
import io.weir.core.types.TypeInfo;
import io.weir.datastream.functions.aggregation.ComparableAggregator;
import io.weir.datastream.functions.aggregation.SumAggregator;
import io.weir.datastream.util.FieldAccessor;
import io.weir.datastream.windowing.assigners.GlobalWindows;
import io.weir.datastream.windowing.assigners.SliceableWindowAssigner;
import io.weir.datastream.windowing.assigners.WindowAssigner;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.functions.WindowFunction;
import io.weir.datastream.windowing.operators.InternalWindowFunction;
import io.weir.datastream.windowing.operators.ProcessWindowFunctionInvoker;
import io.weir.datastream.windowing.operators.SlicingWindowOperator;
import io.weir.datastream.windowing.operators.WindowContents;
import io.weir.datastream.windowing.operators.WindowFunctions;
import io.weir.datastream.windowing.operators.WindowOperator;
import io.weir.datastream.windowing.triggers.CountTrigger;
import io.weir.datastream.windowing.triggers.PurgingTrigger;
import io.weir.datastream.windowing.triggers.Trigger;
import io.weir.datastream.windowing.windows.GlobalWindow;
import io.weir.datastream.windowing.windows.TimeWindow;
import io.weir.datastream.windowing.windows.Window;
import io.weir.runtime.operators.OneInputStreamOperator;
import java.time.Duration;
import java.util.Objects;

/**
 * A keyed stream split into windows: {@code keyed.window(assigner)} then optionally
 * {@link #trigger}, {@link #allowedLateness}, {@link #sideOutputLateData}, and finally a window
 * function ({@link #reduce}, {@link #aggregate}, {@link #process}, {@link #apply}, sum/min/max).
 *
 * <p>Tumbling and sliding windows with their default trigger keep state per pane (gcd of size
 * and slide), so a record costs one state update however many windows overlap; a custom trigger
 * switches to the general operator, which keeps state per window.
 *
 * <p>Results carry the window's maxTimestamp (end - 1). Event-time windows need record
 * timestamps. BATCH mode: event-time windows give the same final results as STREAMING on the same
 * bounded input (no record is late in BATCH); processing-time windows emit nothing in BATCH, since
 * processing-time timers do not fire there.
 */
public class WindowedStream<T, K, W extends Window> {
  private final KeyedStream<T, K> input;
  private final WindowAssigner<? super T, W> assigner;
  private Trigger<? super T, ? super W> trigger;
  private long allowedLateness;
  private OutputTag<T> lateDataOutputTag;
  /** Sliding count windows: the number of elements a window holds (0 = not a sliding count window). */
  private long keepLastCount;

  public WindowedStream(KeyedStream<T, K> input, WindowAssigner<? super T, W> assigner) {
    this.input = Objects.requireNonNull(input, "input");
    this.assigner = Objects.requireNonNull(assigner, "window assigner");
    Functions.checkSerializable(assigner, "window");
  }

  /**
   * countWindow(size) and countWindow(size, slide) of KeyedStream delegate here. Tumbling (slide =
   * size): a window fires and is emptied every {@code size} elements. Sliding: every {@code slide}
   * elements the window fires over the last {@code size} elements (fewer at the start).
   */
  public static <T, K> WindowedStream<T, K, GlobalWindow> countWindow(KeyedStream<T, K> input, long size, long slide) {
    if (size < 1 || slide < 1) {
      throw new IllegalArgumentException("countWindow: size and slide must be >= 1, were " + size + " and " + slide);
    }
    WindowedStream<T, K, GlobalWindow> ws = new WindowedStream<>(input, GlobalWindows.create());
    if (slide == size) {
      ws.trigger = PurgingTrigger.of(CountTrigger.of(size));
    } else {
      ws.trigger = CountTrigger.of(slide);
      ws.keepLastCount = size;
    }
    return ws;
  }

  /** Replaces the assigner's default trigger. */
  public WindowedStream<T, K, W> trigger(Trigger<? super T, ? super W> trigger) {
    Objects.requireNonNull(trigger, "trigger");
    Functions.checkSerializable(trigger, "trigger");
    this.trigger = trigger;
    return this;
  }

  /**
   * Keeps event-time windows for {@code lateness} after their end: records arriving in that time
   * fire the window again with the record included. Default 0. Ignored by processing-time windows.
   */
  public WindowedStream<T, K, W> allowedLateness(Duration lateness) {
    Objects.requireNonNull(lateness, "allowedLateness");
    long ms = lateness.toMillis();
    if (ms < 0) {
      throw new IllegalArgumentException("allowedLateness must not be negative, was " + lateness);
    }
    this.allowedLateness = ms;
    return this;
  }

  /** Records too late for all their windows go to this side output instead of being dropped. */
  public WindowedStream<T, K, W> sideOutputLateData(OutputTag<T> outputTag) {
    this.lateDataOutputTag = Objects.requireNonNull(outputTag, "late data output tag");
    return this;
  }

  // ------------------------------------------------------------------ reduce

  /** Incremental: each window keeps one reduced value. */
  public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> reduceFunction) {
    return reduce(reduceFunction, WindowFunctions.<T, K, W>passThrough(), input.getType());
  }

  /** Incremental reduce; the function gets the single reduced value and the window's metadata. */
  public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reduceFunction, ProcessWindowFunction<T, R, K, W> function) {
    return reduce(reduceFunction, function, OutputTypes.of(function, ProcessWindowFunction.class, 1, input.getType()));
  }

  public <R> SingleOutputStreamOperator<R> reduce(
      ReduceFunction<T> reduceFunction, ProcessWindowFunction<T, R, K, W> function, TypeInfo<R> resultType) {
    checkNotRich(reduceFunction, "reduce");
    Functions.checkSerializable(reduceFunction, "reduce");
    Functions.checkSerializable(function, "reduce");
    if (keepLastCount > 0) {
      return build(WindowContents.listing(input.getType()),
          ProcessWindowFunctionInvoker.forIterable(
              WindowFunctions.reduceThen(reduceFunction, input.getType().createSerializer(), function)),
          resultType, "Reduce");
    }
    return build(WindowContents.reducing(reduceFunction, input.getType()),
        ProcessWindowFunctionInvoker.forSingleValue(function), resultType, "Reduce");
  }

  public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reduceFunction, WindowFunction<T, R, K, W> function) {
    return reduce(reduceFunction, function, OutputTypes.of(function, WindowFunction.class, 1, input.getType()));
  }

  public <R> SingleOutputStreamOperator<R> reduce(
      ReduceFunction<T> reduceFunction, WindowFunction<T, R, K, W> function, TypeInfo<R> resultType) {
    Functions.checkSerializable(function, "reduce");
    return reduce(reduceFunction, WindowFunctions.of(function), resultType);
  }

  // ------------------------------------------------------------------ aggregate

  /** Incremental: each window keeps one accumulator; the result is {@code getResult(acc)}. */
  public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> function) {
    TypeInfo<ACC> accType = OutputTypes.of(function, AggregateFunction.class, 1, input.getType());
    TypeInfo<V> resultType = OutputTypes.of(function, AggregateFunction.class, 2, input.getType());
    return aggregate(function, accType, resultType);
  }

  public <ACC, V> SingleOutputStreamOperator<V> aggregate(
      AggregateFunction<T, ACC, V> function, TypeInfo<ACC> accumulatorType, TypeInfo<V> resultType) {
    return aggregate(function, WindowFunctions.<V, K, W>passThrough(), accumulatorType, resultType, resultType);
  }

  /** Incremental aggregate; the window function gets the single result and the window's metadata. */
  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
      AggregateFunction<T, ACC, V> aggFunction, ProcessWindowFunction<V, R, K, W> windowFunction) {
    TypeInfo<ACC> accType = OutputTypes.of(aggFunction, AggregateFunction.class, 1, input.getType());
    TypeInfo<V> aggResultType = OutputTypes.of(aggFunction, AggregateFunction.class, 2, input.getType());
    TypeInfo<R> resultType = OutputTypes.of(windowFunction, ProcessWindowFunction.class, 1, aggResultType);
    return aggregate(aggFunction, windowFunction, accType, aggResultType, resultType);
  }

  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
      AggregateFunction<T, ACC, V> aggFunction,
      ProcessWindowFunction<V, R, K, W> windowFunction,
      TypeInfo<ACC> accumulatorType,
      TypeInfo<V> aggregateResultType,
      TypeInfo<R> resultType) {
    checkNotRich(aggFunction, "aggregate");
    Functions.checkSerializable(aggFunction, "aggregate");
    Functions.checkSerializable(windowFunction, "aggregate");
    if (keepLastCount > 0) {
      return build(WindowContents.listing(input.getType()),
          ProcessWindowFunctionInvoker.forIterable(WindowFunctions.aggregateThen(aggFunction, windowFunction)),
          resultType, "Aggregate");
    }
    return build(WindowContents.aggregating(aggFunction, accumulatorType),
        ProcessWindowFunctionInvoker.forSingleValue(windowFunction), resultType, "Aggregate");
  }

  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(
      AggregateFunction<T, ACC, V> aggFunction, WindowFunction<V, R, K, W> windowFunction) {
    TypeInfo<ACC> accType = OutputTypes.of(aggFunction, AggregateFunction.class, 1, input.getType());
    TypeInfo<V> aggResultType = OutputTypes.of(aggFunction, AggregateFunction.class, 2, input.getType());
    TypeInfo<R> resultType = OutputTypes.of(windowFunction, WindowFunction.class, 1, aggResultType);
    Functions.checkSerializable(windowFunction, "aggregate");
    return aggregate(aggFunction, WindowFunctions.of(windowFunction), accType, aggResultType, resultType);
  }

  // ------------------------------------------------------------------ full window functions

  /** The function gets all elements of the window (kept in state until the window fires). */
  public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K, W> function) {
    return process(function, OutputTypes.of(function, ProcessWindowFunction.class, 1, input.getType()));
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K, W> function, TypeInfo<R> resultType) {
    Functions.checkSerializable(function, "process");
    return build(WindowContents.listing(input.getType()), ProcessWindowFunctionInvoker.forIterable(function),
        resultType, describe(function, "ProcessWindowFunction"));
  }

  public <R> SingleOutputStreamOperator<R> apply(WindowFunction<T, R, K, W> function) {
    return apply(function, OutputTypes.of(function, WindowFunction.class, 1, input.getType()));
  }

  public <R> SingleOutputStreamOperator<R> apply(WindowFunction<T, R, K, W> function, TypeInfo<R> resultType) {
    Functions.checkSerializable(function, "apply");
    return build(WindowContents.listing(input.getType()),
        ProcessWindowFunctionInvoker.forIterable(WindowFunctions.of(function)), resultType, "WindowFunction");
  }

  // ------------------------------------------------------------------ built-in aggregations

  /** Per window: the first record with the field replaced by the sum over the window. */
  public SingleOutputStreamOperator<T> sum(int position) {
    String op = "sum(" + position + ")";
    return reduce(new SumAggregator<>(FieldAccessor.of(input.getType(), position, op), op));
  }

  public SingleOutputStreamOperator<T> sum(String field) {
    String op = "sum(\"" + field + "\")";
    return reduce(new SumAggregator<>(FieldAccessor.of(input.getType(), field, op), op));
  }

  public SingleOutputStreamOperator<T> min(int position) {
    return comparable(position, null, ComparableAggregator.Kind.MIN, true, "min");
  }

  public SingleOutputStreamOperator<T> min(String field) {
    return comparable(-1, field, ComparableAggregator.Kind.MIN, true, "min");
  }

  public SingleOutputStreamOperator<T> max(int position) {
    return comparable(position, null, ComparableAggregator.Kind.MAX, true, "max");
  }

  public SingleOutputStreamOperator<T> max(String field) {
    return comparable(-1, field, ComparableAggregator.Kind.MAX, true, "max");
  }

  public SingleOutputStreamOperator<T> minBy(int position) {
    return minBy(position, true);
  }

  public SingleOutputStreamOperator<T> minBy(String field) {
    return minBy(field, true);
  }

  /** {@code first}: on ties keep the earlier record (else the later). */
  public SingleOutputStreamOperator<T> minBy(int position, boolean first) {
    return comparable(position, null, ComparableAggregator.Kind.MIN_BY, first, "minBy");
  }

  public SingleOutputStreamOperator<T> minBy(String field, boolean first) {
    return comparable(-1, field, ComparableAggregator.Kind.MIN_BY, first, "minBy");
  }

  public SingleOutputStreamOperator<T> maxBy(int position) {
    return maxBy(position, true);
  }

  public SingleOutputStreamOperator<T> maxBy(String field) {
    return maxBy(field, true);
  }

  public SingleOutputStreamOperator<T> maxBy(int position, boolean first) {
    return comparable(position, null, ComparableAggregator.Kind.MAX_BY, first, "maxBy");
  }

  public SingleOutputStreamOperator<T> maxBy(String field, boolean first) {
    return comparable(-1, field, ComparableAggregator.Kind.MAX_BY, first, "maxBy");
  }

  private SingleOutputStreamOperator<T> comparable(
      int position, String field, ComparableAggregator.Kind kind, boolean first, String name) {
    String op = field == null ? name + "(" + position + ")" : name + "(\"" + field + "\")";
    FieldAccessor<T, Object> accessor = field == null
        ? FieldAccessor.of(input.getType(), position, op)
        : FieldAccessor.of(input.getType(), field, op);
    return reduce(new ComparableAggregator<>(accessor, kind, first, op));
  }

  // ------------------------------------------------------------------ building

  private static String describe(Object function, String fallback) {
    String n = function.getClass().getSimpleName();
    return n.isEmpty() || n.contains("$$Lambda") ? fallback : n;
  }

  private static void checkNotRich(Object function, String operation) {
    if (function instanceof RichFunction) {
      throw new IllegalArgumentException(
          "window " + operation + ": the " + function.getClass().getSimpleName() + " must not be a rich function "
              + "(it is called on state, not per window); pass a ProcessWindowFunction as second argument for "
              + "open()/state access");
    }
  }

  /** Whether the pane-based operator applies: tumbling/sliding windows with their default trigger. */
  boolean usesSlicing() {
    return assigner instanceof SliceableWindowAssigner && keepLastCount == 0
        && (trigger == null || trigger.getClass() == assigner.getDefaultTrigger().getClass());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  <ACC, V, R> SingleOutputStreamOperator<R> build(
      WindowContents<T, ACC, V> contents,
      InternalWindowFunction<V, R, K, W> function,
      TypeInfo<R> resultType,
      String functionName) {
    OneInputStreamOperator<T, R> operator;
    String triggerName;
    if (usesSlicing()) {
      operator = new SlicingWindowOperator<K, T, ACC, V, R>(
          (SliceableWindowAssigner) assigner, contents,
          (InternalWindowFunction<V, R, K, TimeWindow>) (InternalWindowFunction) function,
          allowedLateness, lateDataOutputTag);
      triggerName = assigner.getDefaultTrigger() + ", panes";
    } else {
      Trigger<? super T, ? super W> t = trigger != null ? trigger : assigner.getDefaultTrigger();
      operator = new WindowOperator<K, T, ACC, V, R, W>(
          assigner, contents, function, t, allowedLateness, lateDataOutputTag, keepLastCount);
      triggerName = t.toString();
    }
    String name = "Window(" + assigner + ", " + triggerName + ", " + functionName + ")";
    return input.transform(name, resultType, operator);
  }

  KeyedStream<T, K> getInput() {
    return input;
  }

  public WindowAssigner<? super T, W> getAssigner() {
    return assigner;
  }
}
