package io.weir.datastream.functions;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;

/** Emits zero or more elements per element of either of two connected streams. */
public interface CoFlatMapFunction<IN1, IN2, OUT> extends Function {
  void flatMap1(IN1 value, Collector<OUT> out) throws Exception;

  void flatMap2(IN2 value, Collector<OUT> out) throws Exception;
}
