package io.weir.core.functions;

@FunctionalInterface
public interface MapFunction<I, O> extends Function {
  O map(I value) throws Exception;
}
