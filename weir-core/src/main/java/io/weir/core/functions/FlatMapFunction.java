package io.weir.core.functions;

@FunctionalInterface
public interface FlatMapFunction<I, O> extends Function {
  void flatMap(I value, Collector<O> out) throws Exception;
}
