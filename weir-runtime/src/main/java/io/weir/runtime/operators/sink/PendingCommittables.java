package io.weir.runtime.operators.sink;

import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The committables a sink writer pre-committed for one checkpoint (Long.MAX_VALUE = end of input). */
record PendingCommittables<CommT>(long checkpointId, List<CommT> committables) {

  /** State type of the pending committables, serialized with the sink's committable serializer. */
  static final class Type<CommT> extends TypeInfo<PendingCommittables<CommT>> {
    private final TypeSerializer<CommT> committableSerializer;

    Type(TypeSerializer<CommT> committableSerializer) {
      this.committableSerializer = java.util.Objects.requireNonNull(
          committableSerializer, "the sink's committable serializer");
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<PendingCommittables<CommT>> getTypeClass() {
      return (Class) PendingCommittables.class;
    }

    @Override
    public TypeSerializer<PendingCommittables<CommT>> createSerializer() {
      return new Serializer<>(committableSerializer);
    }

    @Override
    public String toString() {
      return "PendingCommittables";
    }
  }

  private static final class Serializer<CommT> implements TypeSerializer<PendingCommittables<CommT>> {
    private final TypeSerializer<CommT> committableSerializer;

    Serializer(TypeSerializer<CommT> committableSerializer) {
      this.committableSerializer = committableSerializer;
    }

    @Override
    public void serialize(PendingCommittables<CommT> value, DataOutput out) throws IOException {
      out.writeLong(value.checkpointId());
      out.writeInt(value.committables().size());
      for (CommT c : value.committables()) {
        committableSerializer.serialize(c, out);
      }
    }

    @Override
    public PendingCommittables<CommT> deserialize(DataInput in) throws IOException {
      long id = in.readLong();
      int n = in.readInt();
      List<CommT> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(committableSerializer.deserialize(in));
      }
      return new PendingCommittables<>(id, list);
    }

    @Override
    public PendingCommittables<CommT> copy(PendingCommittables<CommT> value) {
      List<CommT> list = new ArrayList<>(value.committables().size());
      for (CommT c : value.committables()) {
        list.add(committableSerializer.copy(c));
      }
      return new PendingCommittables<>(value.checkpointId(), list);
    }
  }
}
