package io.weir.nexmark.source;

import io.weir.core.source.SourceSplit;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The event indexes {@code next, next + stride, next + 2 * stride, ... < end} still to generate;
 * {@code next} is the checkpointed position. Split i of P starts at i with stride P, so the splits
 * interleave the one global sequence and parallel readers advance through event time together
 * (a block per reader would put readers hours of event time apart and make windows hold state
 * for all of it).
 */
public record NexmarkSplit(String splitId, long next, long end, int stride) implements SourceSplit {
  public NexmarkSplit {
    if (stride < 1) {
      throw new IllegalArgumentException("NexmarkSplit " + splitId + ": stride must be >= 1 but is " + stride);
    }
  }

  /** {@code n} interleaved splits of {@code [0, count)}; fewer when count < n. */
  public static List<NexmarkSplit> split(long count, int n) {
    List<NexmarkSplit> splits = new ArrayList<>(n);
    for (int i = 0; i < n && i < count; i++) {
      splits.add(new NexmarkSplit("nexmark-" + i, i, count, n));
    }
    return splits;
  }

  public boolean isFinished() {
    return next >= end;
  }

  /** Events left. */
  public long remaining() {
    return next >= end ? 0 : (end - next + stride - 1) / stride;
  }

  public NexmarkSplit withNext(long newNext) {
    return new NexmarkSplit(splitId, newNext, end, stride);
  }

  /** The split's number in its id ({@code nexmark-<i>}). */
  int number() {
    return Integer.parseInt(splitId.substring(splitId.lastIndexOf('-') + 1));
  }

  public static final class Serializer implements TypeSerializer<NexmarkSplit> {
    private static final long serialVersionUID = 1L;
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(NexmarkSplit value, DataOutput out) throws IOException {
      out.writeUTF(value.splitId);
      out.writeLong(value.next);
      out.writeLong(value.end);
      out.writeInt(value.stride);
    }

    @Override
    public NexmarkSplit deserialize(DataInput in) throws IOException {
      return new NexmarkSplit(in.readUTF(), in.readLong(), in.readLong(), in.readInt());
    }

    @Override
    public NexmarkSplit copy(NexmarkSplit value) {
      return value;
    }

    @Override
    public boolean isImmutableType() {
      return true;
    }
  }

  /** The enumerator's checkpoint: the splits not yet assigned. */
  public static final class ListSerializer implements TypeSerializer<List<NexmarkSplit>> {
    private static final long serialVersionUID = 1L;
    public static final ListSerializer INSTANCE = new ListSerializer();

    @Override
    public void serialize(List<NexmarkSplit> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (NexmarkSplit s : value) {
        Serializer.INSTANCE.serialize(s, out);
      }
    }

    @Override
    public List<NexmarkSplit> deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      List<NexmarkSplit> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(Serializer.INSTANCE.deserialize(in));
      }
      return list;
    }

    @Override
    public List<NexmarkSplit> copy(List<NexmarkSplit> value) {
      return List.copyOf(value);
    }
  }
}
