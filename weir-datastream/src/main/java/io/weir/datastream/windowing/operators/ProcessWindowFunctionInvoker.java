package io.weir.datastream.windowing.operators;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FunctionUtils;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.OutputTag;
import io.weir.core.functions.RichFunction;
import io.weir.core.functions.RuntimeContext;
import io.weir.datastream.windowing.functions.KeyedStateStore;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.windows.Window;
import java.util.Collections;

/**
 * Calls a {@link ProcessWindowFunction} for the operator: with the element list, or (after an
 * incremental reduce/aggregate) with the single value as a one-element list. Forwards the
 * lifecycle (runtime context, open, close) to the wrapped function.
 */
public final class ProcessWindowFunctionInvoker<IN, R, OUT, K, W extends Window>
    implements InternalWindowFunction<R, OUT, K, W>, RichFunction {
  private static final long serialVersionUID = 1L;

  private final ProcessWindowFunction<IN, OUT, K, W> function;
  private final boolean singleValue;
  private transient RuntimeContext runtimeContext;
  private transient ContextImpl context;

  private ProcessWindowFunctionInvoker(ProcessWindowFunction<IN, OUT, K, W> function, boolean singleValue) {
    this.function = function;
    this.singleValue = singleValue;
  }

  /** The window state holds the element list. */
  public static <IN, OUT, K, W extends Window> ProcessWindowFunctionInvoker<IN, Iterable<IN>, OUT, K, W> forIterable(
      ProcessWindowFunction<IN, OUT, K, W> function) {
    return new ProcessWindowFunctionInvoker<>(function, false);
  }

  /** The window state holds one pre-aggregated value. */
  public static <IN, OUT, K, W extends Window> ProcessWindowFunctionInvoker<IN, IN, OUT, K, W> forSingleValue(
      ProcessWindowFunction<IN, OUT, K, W> function) {
    return new ProcessWindowFunctionInvoker<>(function, true);
  }

  public ProcessWindowFunction<IN, OUT, K, W> getWrappedFunction() {
    return function;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void process(K key, W window, InternalWindowContext ctx, R input, Collector<OUT> out) throws Exception {
    ContextImpl c = context();
    c.window = window;
    c.internal = ctx;
    Iterable<IN> elements = singleValue ? Collections.singletonList((IN) input) : (Iterable<IN>) input;
    function.process(key, c, elements, out);
  }

  @Override
  public void clear(W window, InternalWindowContext ctx) throws Exception {
    ContextImpl c = context();
    c.window = window;
    c.internal = ctx;
    function.clear(c);
  }

  private ContextImpl context() {
    if (context == null) {
      context = new ContextImpl(function);
    }
    return context;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    FunctionUtils.open(function);
  }

  @Override
  public void close() throws Exception {
    FunctionUtils.close(function);
  }

  @Override
  public RuntimeContext getRuntimeContext() {
    return runtimeContext;
  }

  @Override
  public void setRuntimeContext(RuntimeContext context) {
    this.runtimeContext = context;
    FunctionUtils.setRuntimeContext(function, context);
  }

  @Override
  public String toString() {
    return function.getClass().getSimpleName();
  }

  private final class ContextImpl extends ProcessWindowFunction<IN, OUT, K, W>.Context {
    W window;
    InternalWindowContext internal;

    ContextImpl(ProcessWindowFunction<IN, OUT, K, W> outer) {
      outer.super();
    }

    @Override
    public W window() {
      return window;
    }

    @Override
    public long currentProcessingTime() {
      return internal.currentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return internal.currentWatermark();
    }

    @Override
    public KeyedStateStore windowState() {
      return internal.windowState();
    }

    @Override
    public KeyedStateStore globalState() {
      return internal.globalState();
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      internal.output(outputTag, value);
    }
  }
}
