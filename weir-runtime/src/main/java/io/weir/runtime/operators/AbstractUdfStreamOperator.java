package io.weir.runtime.operators;

import io.weir.core.functions.Function;
import io.weir.core.functions.FunctionUtils;

/** An operator around one user function: passes it the runtime context, opens and closes it. */
public abstract class AbstractUdfStreamOperator<OUT, F extends Function> extends AbstractStreamOperator<OUT> {
  protected final F userFunction;

  protected AbstractUdfStreamOperator(F userFunction) {
    this.userFunction = java.util.Objects.requireNonNull(userFunction, "user function");
  }

  public F getUserFunction() {
    return userFunction;
  }

  @Override
  public void setup(OperatorContext context, Output<OUT> output) {
    super.setup(context, output);
    FunctionUtils.setRuntimeContext(userFunction, getRuntimeContext());
  }

  @Override
  public void open() throws Exception {
    super.open();
    FunctionUtils.open(userFunction);
  }

  @Override
  public void close() throws Exception {
    try {
      FunctionUtils.close(userFunction);
    } finally {
      super.close();
    }
  }
}
