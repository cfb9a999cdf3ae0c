package io.weir.core.state;

import io.weir.core.types.TypeInfo;

public class ValueStateDescriptor<T> extends StateDescriptor<ValueState<T>, T> {
  public ValueStateDescriptor(String name, TypeInfo<T> type) {
    super(name, type);
  }

  public ValueStateDescriptor(String name, Class<T> type) {
    this(name, TypeInfo.of(type));
  }

  @Override
  public Kind getKind() {
    return Kind.VALUE;
  }
}
