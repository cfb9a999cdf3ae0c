package io.weir.core.functions;

/** A function with a lifecycle and access to its {@link RuntimeContext}. */
public interface RichFunction extends Function {
  void open(OpenContext context) throws Exception;

  void close() throws Exception;

  RuntimeContext getRuntimeContext();

  void setRuntimeContext(RuntimeContext context);
}
