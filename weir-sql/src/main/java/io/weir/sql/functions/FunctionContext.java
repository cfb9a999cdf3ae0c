package io.weir.sql.functions;

import java.io.Serializable;

/** What a user function learns about where it runs; passed to {@link UserDefinedFunction#open}. */
public final class FunctionContext implements Serializable {
  private final String functionName;

  public FunctionContext(String functionName) {
    this.functionName = functionName;
  }

  /** The name the function was registered under (CREATE FUNCTION name). */
  public String getFunctionName() {
    return functionName;
  }
}
