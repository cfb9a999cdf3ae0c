package io.weir.datastream.windowing.operators;

import io.weir.core.functions.Function;
import io.weir.core.functions.FunctionUtils;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RuntimeContext;
import io.weir.datastream.windowing.functions.ProcessWindowFunction;
import io.weir.datastream.windowing.windows.Window;

/** A ProcessWindowFunction that adapts another user function and forwards its lifecycle. */
abstract class WrappingProcessWindowFunction<IN, OUT, K, W extends Window> extends ProcessWindowFunction<IN, OUT, K, W> {
  private static final long serialVersionUID = 1L;

  protected final Function wrapped;

  WrappingProcessWindowFunction(Function wrapped) {
    this.wrapped = java.util.Objects.requireNonNull(wrapped, "window function");
  }

  @Override
  public void setRuntimeContext(RuntimeContext context) {
    super.setRuntimeContext(context);
    FunctionUtils.setRuntimeContext(wrapped, context);
  }

  @Override
  public void open(OpenContext context) throws Exception {
    FunctionUtils.open(wrapped);
  }

  @Override
  public void close() throws Exception {
    FunctionUtils.close(wrapped);
  }

  @Override
  public String toString() {
    return wrapped.getClass().getSimpleName();
  }
}
