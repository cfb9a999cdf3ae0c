package io.weir.runtime.testutil;

import io.weir.core.types.SerializerTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.runtime.execution.testjobs.KV;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Minimal type infos for runtime tests, independent of the real type extraction in weir-core so
 * that state, sort and engine tests only exercise the runtime.
 */
public final class TestTypes {
  private TestTypes() {}

  public static final TypeInfo<Long> LONG = of(Long.class, new LongSerializer());
  public static final TypeInfo<Integer> INT = of(Integer.class, new IntSerializer());
  public static final TypeInfo<String> STRING = of(String.class, new StringSerializer());

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
    return new SerializerTypeInfo<>(cls, serializer, cls.getSimpleName());
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
