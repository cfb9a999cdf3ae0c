package io.weir.connectors.datagen;

import io.weir.core.source.SourceSplit;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Indexes {@code [next, end)} still to generate; {@code next} is the checkpointed position. */
public record GeneratorSplit(String splitId, long next, long end) implements SourceSplit {
  public long remaining() {
    return end - next;
  }

  public GeneratorSplit withNext(long newNext) {
    return new GeneratorSplit(splitId, newNext, end);
  }

  public static final class Serializer implements TypeSerializer<GeneratorSplit> {
    private static final long serialVersionUID = 1L;
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(GeneratorSplit value, DataOutput out) throws IOException {
      out.writeUTF(value.splitId);
      out.writeLong(value.next);
      out.writeLong(value.end);
    }

    @Override
    public GeneratorSplit deserialize(DataInput in) throws IOException {
      return new GeneratorSplit(in.readUTF(), in.readLong(), in.readLong());
    }

    @Override
    public GeneratorSplit copy(GeneratorSplit value) {
      return value;
    }
  }

  /** The enumerator's checkpoint: the splits not yet assigned. */
  public static final class ListSerializer implements TypeSerializer<java.util.List<GeneratorSplit>> {
    private static final long serialVersionUID = 1L;
    public static final ListSerializer INSTANCE = new ListSerializer();

    @Override
    public void serialize(java.util.List<GeneratorSplit> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (GeneratorSplit s : value) {
        Serializer.INSTANCE.serialize(s, out);
      }
    }

    @Override
    public java.util.List<GeneratorSplit> deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      java.util.List<GeneratorSplit> list = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(Serializer.INSTANCE.deserialize(in));
      }
      return list;
    }

    @Override
    public java.util.List<GeneratorSplit> copy(java.util.List<GeneratorSplit> value) {
      return java.util.List.copyOf(value);
    }
  }
}
