package io.weir.runtime.execution.testjobs;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small self-contained TypeInfos, so the engine tests do not depend on the type extractor. */
public final class TestTypes {
  private TestTypes() {}

  public static final TypeInfo<Integer> INT = of(Integer.class, new TypeSerializer<>() {
    @Override
    public void serialize(Integer v, DataOutput out) throws IOException {
      out.writeInt(v);
    }

    @Override
    public Integer deserialize(DataInput in) throws IOException {
      return in.readInt();
    }

    @Override
    public Integer copy(Integer v) {
      return v;
    }
  });

  public static final TypeInfo<Long> LONG = of(Long.class, new TypeSerializer<>() {
    @Override
    public void serialize(Long v, DataOutput out) throws IOException {
      out.writeLong(v);
    }

    @Override
    public Long deserialize(DataInput in) throws IOException {
      return in.readLong();
    }

    @Override
    public Long copy(Long v) {
      return v;
    }
  });

  public static final TypeInfo<KV> KV_TYPE = of(KV.class, new TypeSerializer<>() {
    @Override
    public void serialize(KV v, DataOutput out) throws IOException {
      out.writeInt(v.key());
      out.writeLong(v.value());
    }

    @Override
    public KV deserialize(DataInput in) throws IOException {
      return new KV(in.readInt(), in.readLong());
    }

    @Override
    public KV copy(KV v) {
      return v;
    }
  });

  /** A record with a text payload, for tests that need volume. */
  public record Payload(int key, long value, String text) implements java.io.Serializable {}

  public static final TypeInfo<Payload> PAYLOAD = of(Payload.class, new TypeSerializer<>() {
    @Override
    public void serialize(Payload v, DataOutput out) throws IOException {
      out.writeInt(v.key());
      out.writeLong(v.value());
      out.writeUTF(v.text());
    }

    @Override
    public Payload deserialize(DataInput in) throws IOException {
      return new Payload(in.readInt(), in.readLong(), in.readUTF());
    }

    @Override
    public Payload copy(Payload v) {
      return v;
    }
  });

  public static <T> TypeInfo<T> of(Class<T> cls, TypeSerializer<T> serializer) {
    return new TypeInfo<>() {
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
        return "Test(" + cls.getSimpleName() + ")";
      }
    };
  }
}
