package io.weir.datastream.windowing.operators;

import io.weir.core.functions.AggregateFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.OutputTag;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.types.TypeSerializer;
import io.weir.datastream.windowing.functions.AllWindowFunction;
import io.weir.datastream.windowing.functions.KeyedStateStore;
import io.weir.datastream.windowing.functions.ProcessAllWindowFunction;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.functions.WindowFunction;
import io.weir.datastream.windowing.windows.Window;
import java.util.Collections;

/** Adapters that turn every kind of window function into a {@link ProcessWindowFunction}. */
public final class WindowFunctions {
  private WindowFunctions() {}

  /** Emits the pre-aggregated value itself (reduce/aggregate without a window function). */
  public static <T, K, W extends Window> ProcessWindowFunction<T, T, K, W> passThrough() {
    return new PassThrough<>();
  }

  public static <IN, OUT, K, W extends Window> ProcessWindowFunction<IN, OUT, K, W> of(WindowFunction<IN, OUT, K, W> fn) {
    return new WindowFunctionAdapter<>(fn);
  }

  public static <IN, OUT, K, W extends Window> ProcessWindowFunction<IN, OUT, K, W> ofAll(AllWindowFunction<IN, OUT, W> fn) {
    return new AllWindowFunctionAdapter<>(fn);
  }

  public static <IN, OUT, K, W extends Window> ProcessWindowFunction<IN, OUT, K, W> ofAll(ProcessAllWindowFunction<IN, OUT, W> fn) {
    return new ProcessAllWindowFunctionAdapter<>(fn);
  }

  /** Reduces the element list, then hands the single result to {@code downstream} (sliding count windows). */
  public static <T, OUT, K, W extends Window> ProcessWindowFunction<T, OUT, K, W> reduceThen(
      ReduceFunction<T> reduce, TypeSerializer<T> serializer, ProcessWindowFunction<T, OUT, K, W> downstream) {
    return new ReduceThen<>(reduce, serializer, downstream);
  }

  /** Aggregates the element list, then hands the result to {@code downstream} (sliding count windows). */
  public static <T, ACC, V, OUT, K, W extends Window> ProcessWindowFunction<T, OUT, K, W> aggregateThen(
      AggregateFunction<T, ACC, V> aggregate, ProcessWindowFunction<V, OUT, K, W> downstream) {
    return new AggregateThen<>(aggregate, downstream);
  }

  static final class PassThrough<T, K, W extends Window> extends ProcessWindowFunction<T, T, K, W> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(K key, Context context, Iterable<T> elements, Collector<T> out) {
      for (T t : elements) {
        out.collect(t);
      }
    }

    @Override
    public String toString() {
      return "PassThrough";
    }
  }

  static final class WindowFunctionAdapter<IN, OUT, K, W extends Window> extends WrappingProcessWindowFunction<IN, OUT, K, W> {
    private static final long serialVersionUID = 1L;

    WindowFunctionAdapter(WindowFunction<IN, OUT, K, W> fn) {
      super(fn);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(K key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception {
      ((WindowFunction<IN, OUT, K, W>) wrapped).apply(key, context.window(), elements, out);
    }
  }

  static final class AllWindowFunctionAdapter<IN, OUT, K, W extends Window> extends WrappingProcessWindowFunction<IN, OUT, K, W> {
    private static final long serialVersionUID = 1L;

    AllWindowFunctionAdapter(AllWindowFunction<IN, OUT, W> fn) {
      super(fn);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(K key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception {
      ((AllWindowFunction<IN, OUT, W>) wrapped).apply(context.window(), elements, out);
    }
  }

  static final class ProcessAllWindowFunctionAdapter<IN, OUT, K, W extends Window>
      extends WrappingProcessWindowFunction<IN, OUT, K, W> {
    private static final long serialVersionUID = 1L;
    private transient AllContext allContext;

    ProcessAllWindowFunctionAdapter(ProcessAllWindowFunction<IN, OUT, W> fn) {
      super(fn);
    }

    @SuppressWarnings("unchecked")
    private ProcessAllWindowFunction<IN, OUT, W> fn() {
      return (ProcessAllWindowFunction<IN, OUT, W>) wrapped;
    }

    private AllContext allContext(Context context) {
      if (allContext == null) {
        allContext = new AllContext(fn());
      }
      allContext.delegate = context;
      return allContext;
    }

    @Override
    public void process(K key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception {
      fn().process(allContext(context), elements, out);
    }

    @Override
    public void clear(Context context) throws Exception {
      fn().clear(allContext(context));
    }

    private final class AllContext extends ProcessAllWindowFunction<IN, OUT, W>.Context {
      Context delegate;

      AllContext(ProcessAllWindowFunction<IN, OUT, W> outer) {
        outer.super();
      }

      @Override
      public W window() {
        return delegate.window();
      }

      @Override
      public long currentProcessingTime() {
        return delegate.currentProcessingTime();
      }

      @Override
      public long currentWatermark() {
        return delegate.currentWatermark();
      }

      @Override
      public KeyedStateStore windowState() {
        return delegate.windowState();
      }

      @Override
      public KeyedStateStore globalState() {
        return delegate.globalState();
      }

      @Override
      public <X> void output(OutputTag<X> outputTag, X value) {
        delegate.output(outputTag, value);
      }
    }
  }

  static final class ReduceThen<T, OUT, K, W extends Window> extends WrappingProcessWindowFunction<T, OUT, K, W> {
    private static final long serialVersionUID = 1L;
    private final ReduceFunction<T> reduce;
    private final TypeSerializer<T> serializer;

    ReduceThen(ReduceFunction<T> reduce, TypeSerializer<T> serializer, ProcessWindowFunction<T, OUT, K, W> downstream) {
      super(downstream);
      this.reduce = reduce;
      this.serializer = serializer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(K key, Context context, Iterable<T> elements, Collector<OUT> out) throws Exception {
      T acc = null;
      for (T t : elements) {
        // The elements stay in state (the window slides over them): never let reduce mutate them.
        acc = acc == null ? serializer.copy(t) : reduce.reduce(acc, t);
      }
      if (acc != null) {
        ((ProcessWindowFunction<T, OUT, K, W>) wrapped).process(key, context, Collections.singletonList(acc), out);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void clear(Context context) throws Exception {
      ((ProcessWindowFunction<T, OUT, K, W>) wrapped).clear(context);
    }
  }

  static final class AggregateThen<T, ACC, V, OUT, K, W extends Window> extends WrappingProcessWindowFunction<T, OUT, K, W> {
    private static final long serialVersionUID = 1L;
    private final AggregateFunction<T, ACC, V> aggregate;

    AggregateThen(AggregateFunction<T, ACC, V> aggregate, ProcessWindowFunction<V, OUT, K, W> downstream) {
      super(downstream);
      this.aggregate = aggregate;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ProcessWindowFunction<V, OUT, K, W> downstream() {
      return (ProcessWindowFunction) wrapped;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void process(K key, Context context, Iterable<T> elements, Collector<OUT> out) throws Exception {
      ACC acc = aggregate.createAccumulator();
      boolean any = false;
      for (T t : elements) {
        acc = aggregate.add(t, acc);
        any = true;
      }
      if (any) {
        // Context is an inner class of the outer function; the downstream function accepts it
        // because both are ProcessWindowFunction contexts of the same window and key.
        ((ProcessWindowFunction) downstream()).process(key, context, Collections.singletonList(aggregate.getResult(acc)), out);
      }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void clear(Context context) throws Exception {
      ((ProcessWindowFunction) downstream()).clear(context);
    }
  }
}
