package io.weir.connectors.file;

import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A closed, fsynced part file waiting under a hidden name, and the name it is published under. */
public record FileSinkCommittable(String pendingPath, String finalPath) {

  public static final class Serializer implements TypeSerializer<FileSinkCommittable> {
    private static final long serialVersionUID = 1L;
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(FileSinkCommittable value, DataOutput out) throws IOException {
      FileSourceSplit.Serializer.writeString(value.pendingPath, out);
      FileSourceSplit.Serializer.writeString(value.finalPath, out);
    }

    @Override
    public FileSinkCommittable deserialize(DataInput in) throws IOException {
      return new FileSinkCommittable(FileSourceSplit.Serializer.readString(in), FileSourceSplit.Serializer.readString(in));
    }

    @Override
    public FileSinkCommittable copy(FileSinkCommittable value) {
      return value;
    }
  }
}
