package io.weir.core.functions;

@FunctionalInterface
public interface FilterFunction<T> extends Function {
  boolean filter(T value) throws Exception;
}
