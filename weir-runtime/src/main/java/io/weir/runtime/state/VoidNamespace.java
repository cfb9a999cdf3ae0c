package io.weir.runtime.state;

import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;

/** The namespace of state that is not scoped to a window. */
public final class VoidNamespace {
  public static final VoidNamespace INSTANCE = new VoidNamespace();

  public static final TypeSerializer<VoidNamespace> SERIALIZER = new TypeSerializer<>() {
    @Override
    public void serialize(VoidNamespace value, DataOutput out) {}

    @Override
    public VoidNamespace deserialize(DataInput in) {
      return INSTANCE;
    }

    @Override
    public VoidNamespace copy(VoidNamespace value) {
      return value;
    }

    private Object readResolve() {
      return SERIALIZER;
    }
  };

  private VoidNamespace() {}

  @Override
  public String toString() {
    return "VoidNamespace";
  }
}
