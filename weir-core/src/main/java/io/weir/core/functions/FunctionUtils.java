package io.weir.core.functions;

/** Lifecycle calls that apply only when a function is rich. */
public final class FunctionUtils {
  private FunctionUtils() {}

  public static void setRuntimeContext(Object function, RuntimeContext context) {
    if (function instanceof RichFunction rich) {
      rich.setRuntimeContext(context);
    }
  }

  public static void open(Object function) throws Exception {
    if (function instanceof RichFunction rich) {
      rich.open(OpenContext.DEFAULT);
    }
  }

  public static void close(Object function) throws Exception {
    if (function instanceof RichFunction rich) {
      rich.close();
    }
  }
}
