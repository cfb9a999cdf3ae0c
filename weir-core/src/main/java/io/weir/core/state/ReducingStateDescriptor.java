package io.weir.core.state;

import io.weir.core.functions.ReduceFunction;
import io.weir.core.types.TypeInfo;
import java.util.Objects;

public class ReducingStateDescriptor<T> extends StateDescriptor<ReducingState<T>, T> {
  private final ReduceFunction<T> reduceFunction;

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, TypeInfo<T> type) {
    super(name, type);
    this.reduceFunction = Objects.requireNonNull(reduceFunction, "reduce function");
  }

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, Class<T> type) {
    this(name, reduceFunction, TypeInfo.of(type));
  }

  public ReduceFunction<T> getReduceFunction() {
    return reduceFunction;
  }

  @Override
  public Kind getKind() {
    return Kind.REDUCING;
  }
}
