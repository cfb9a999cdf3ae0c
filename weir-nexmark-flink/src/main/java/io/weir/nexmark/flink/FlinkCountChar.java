package io.weir.nexmark.flink;

import io.weir.nexmark.queries.CountChar;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * q14's {@code count_char} as a Flink function, delegating to Weir's {@link CountChar} so both
 * engines count the same way.
 */
public class FlinkCountChar extends ScalarFunction {
  private final CountChar delegate = new CountChar();

  public long eval(String s, String c) {
    return delegate.eval(s, c);
  }
}
