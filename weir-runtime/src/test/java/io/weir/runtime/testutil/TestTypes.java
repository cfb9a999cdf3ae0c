package io.weir.runtime.testutil;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Minimal type infos for runtime tests, independent of the real type extraction in weir-core so
 * that state and sort tests only exercise the runtime.
 */
public final class TestTypes {
  private TestTypes() {}

  public static final TypeInfo<Long> LONG = new Simple<>(Long.class, new LongSerializer());
  public static final TypeInfo<Integer> INT = new Simple<>(Integer.class, new IntSerializer());
  public static final TypeInfo<String> STRING = new Simple<>(String.class, new StringSerializer());

  public static final class Simple<T> extends TypeInfo<T> {
    private final Class<T> cls;
    private final TypeSerializer<T> serializer;

    public Simple(Class<T> cls, TypeSerializer<T> serializer) {
      this.cls = cls;
      this.serializer = serializer;
    }

    @Override
    public Class<T> getTypeClass() {
      return cls;
    }

    @Override
    public TypeSerializer<T> createSerializer() {
      return serializer;
    }

    @Override
    public String toString() {
      return cls.getSimpleName();
    }
  }

  public static final class LongSerializer implements TypeSerializer<Long> {
    @Override
    public void serialize(Long value, DataOutput out) throws IOException {
      out.writeLong(value);
    }

    @Override
    public Long deserialize(DataInput in) throws IOException {
      return in.readLong();
    }

    @Override
    public Long copy(Long value) {
      return value;
    }
  }

  public static final class IntSerializer implements TypeSerializer<Integer> {
    @Override
    public void serialize(Integer value, DataOutput out) throws IOException {
      out.writeInt(value);
    }

    @Override
    public Integer deserialize(DataInput in) throws IOException {
      return in.readInt();
    }

    @Override
    public Integer copy(Integer value) {
      return value;
    }
  }

  public static final class StringSerializer implements TypeSerializer<String> {
    @Override
    public void serialize(String value, DataOutput out) throws IOException {
      out.writeUTF(value);
    }

    @Override
    public String deserialize(DataInput in) throws IOException {
      return in.readUTF();
    }

    @Override
    public String copy(String value) {
      return value;
    }
  }
}
