package io.weir.core.state;

import io.weir.core.types.TypeInfo;

/** Describes a list state; the value type is the element type. */
public class ListStateDescriptor<T> extends StateDescriptor<ListState<T>, T> {
  public ListStateDescriptor(String name, TypeInfo<T> elementType) {
    super(name, elementType);
  }

  public ListStateDescriptor(String name, Class<T> elementType) {
    this(name, TypeInfo.of(elementType));
  }

  @Override
  public Kind getKind() {
    return Kind.LIST;
  }
}
