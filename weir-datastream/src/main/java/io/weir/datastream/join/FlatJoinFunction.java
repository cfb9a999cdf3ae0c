package io.weir.datastream.join;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;

/** Like {@link JoinFunction}, emitting zero or more results per pair. */
@FunctionalInterface
public interface FlatJoinFunction<IN1, IN2, OUT> extends Function {
  void join(IN1 first, IN2 second, Collector<OUT> out) throws Exception;
}
