package io.weir.core.state;

import io.weir.core.types.TypeInfo;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a piece of state and gives the type information needed to serialize it (for checkpoints
 * and spilling). Two descriptors with the same name must describe the same state.
 */
public abstract class StateDescriptor<S extends State, T> implements Serializable {
  public enum Kind { VALUE, LIST, MAP, REDUCING, AGGREGATING }

  private final String name;
  private final TypeInfo<T> valueType;

  protected StateDescriptor(String name, TypeInfo<T> valueType) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("state name must not be empty");
    }
    this.name = name;
    this.valueType = Objects.requireNonNull(valueType, "type of state '" + name + "'");
  }

  public String getName() {
    return name;
  }

  /** Type of the stored value (for MAP: the value type; for AGGREGATING: the accumulator). */
  public TypeInfo<T> getValueType() {
    return valueType;
  }

  public abstract Kind getKind();

  @Override
  public String toString() {
    return getKind() + " state '" + name + "'";
  }
}
