package io.weir.nexmark.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Reader {@code index} of {@code count}'s share of the global Nexmark event sequence, and how many
 * of its events it has emitted ({@code offset}: the whole checkpointed position).
 */
public record NexmarkSplit(int index, int count, long offset) implements SourceSplit {
  public NexmarkSplit {
    if (count < 1 || index < 0 || index >= count || offset < 0) {
      throw new IllegalArgumentException("invalid Nexmark split " + index + "/" + count + " at " + offset);
    }
  }

  @Override
  public String splitId() {
    return index + "/" + count;
  }

  NexmarkSplit at(long newOffset) {
    return new NexmarkSplit(index, count, newOffset);
  }

  /** Serializer for splits in reader checkpoints and enumerator state. */
  static final class Serializer implements SimpleVersionedSerializer<NexmarkSplit> {
    static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(NexmarkSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        write(split, out);
      }
      return bytes.toByteArray();
    }

    @Override
    public NexmarkSplit deserialize(int version, byte[] serialized) throws IOException {
      checkVersion(version);
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return read(in);
      }
    }

    static void write(NexmarkSplit split, DataOutputStream out) throws IOException {
      out.writeInt(split.index());
      out.writeInt(split.count());
      out.writeLong(split.offset());
    }

    static NexmarkSplit read(DataInputStream in) throws IOException {
      return new NexmarkSplit(in.readInt(), in.readInt(), in.readLong());
    }

    static void checkVersion(int version) throws IOException {
      if (version != 1) {
        throw new IOException("unknown Nexmark split serializer version " + version);
      }
    }
  }
}
