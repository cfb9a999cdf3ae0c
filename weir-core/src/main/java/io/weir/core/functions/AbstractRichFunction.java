package io.weir.core.functions;

/** Convenience base for rich functions. */
public abstract class AbstractRichFunction implements RichFunction {
  private transient RuntimeContext runtimeContext;

  @Override
  public void open(OpenContext context) throws Exception {}

  @Override
  public void close() throws Exception {}

  @Override
  public RuntimeContext getRuntimeContext() {
    if (runtimeContext == null) {
      throw new IllegalStateException("The runtime context is only available once the function runs");
    }
    return runtimeContext;
  }

  @Override
  public void setRuntimeContext(RuntimeContext context) {
    this.runtimeContext = context;
  }
}
