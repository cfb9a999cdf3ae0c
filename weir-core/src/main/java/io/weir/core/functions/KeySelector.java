package io.weir.core.functions;

@FunctionalInterface
public interface KeySelector<T, K> extends Function {
  K getKey(T value) throws Exception;
}
