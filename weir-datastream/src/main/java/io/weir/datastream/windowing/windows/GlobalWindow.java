package io.weir.datastream.windowing.windows;

import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;

/** The one window holding all elements of a key (count windows); it never ends by itself. */
public final class GlobalWindow extends Window {
  private static final GlobalWindow INSTANCE = new GlobalWindow();

  private GlobalWindow() {}

  public static GlobalWindow get() {
    return INSTANCE;
  }

  @Override
  public long maxTimestamp() {
    return Long.MAX_VALUE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobalWindow;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "GlobalWindow";
  }

  /** Writes nothing: there is only one global window. */
  public static final class Serializer implements TypeSerializer<GlobalWindow> {
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(GlobalWindow value, DataOutput out) {}

    @Override
    public GlobalWindow deserialize(DataInput in) {
      return GlobalWindow.INSTANCE;
    }

    @Override
    public GlobalWindow copy(GlobalWindow value) {
      return value;
    }

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
