package io.weir.datastream.join;

import io.weir.core.functions.Function;

/** Combines one pair of joined elements (window join: every pair of the two sides in a window). */
@FunctionalInterface
public interface JoinFunction<IN1, IN2, OUT> extends Function {
  OUT join(IN1 first, IN2 second) throws Exception;
}
