package io.weir.datastream.sources;

import io.weir.core.source.SourceSplit;
import io.weir.core.types.TypeSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The element indexes [{@code from}, {@code to}) of a bounded index-addressable source (a
 * collection or a number sequence). A checkpointed split has {@code from} advanced to the next
 * unread index, so a restored reader continues exactly there.
 */
public record IndexRangeSplit(int id, long from, long to) implements SourceSplit, Serializable {
  public IndexRangeSplit {
    if (from > to) {
      throw new IllegalArgumentException("split " + id + ": from " + from + " > to " + to);
    }
  }

  @Override
  public String splitId() {
    return "range-" + id;
  }

  public long size() {
    return to - from;
  }

  public IndexRangeSplit withFrom(long position) {
    return new IndexRangeSplit(id, position, to);
  }

  /** Cuts [0, count) into at most {@code parts} contiguous, near-equal ranges. */
  public static List<IndexRangeSplit> split(long count, int parts) {
    List<IndexRangeSplit> splits = new ArrayList<>();
    if (count <= 0) {
      return splits;
    }
    int n = (int) Math.max(1, Math.min(parts, count));
    long base = count / n;
    long extra = count % n;
    long start = 0;
    for (int i = 0; i < n; i++) {
      long len = base + (i < extra ? 1 : 0);
      splits.add(new IndexRangeSplit(i, start, start + len));
      start += len;
    }
    return splits;
  }

  public static final TypeSerializer<IndexRangeSplit> SERIALIZER = new SplitSerializer();

  public static final TypeSerializer<List<IndexRangeSplit>> LIST_SERIALIZER = new TypeSerializer<>() {
    @Override
    public void serialize(List<IndexRangeSplit> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (IndexRangeSplit s : value) {
        SERIALIZER.serialize(s, out);
      }
    }

    @Override
    public List<IndexRangeSplit> deserialize(DataInput in) throws IOException {
      int n = in.readInt();
      List<IndexRangeSplit> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(SERIALIZER.deserialize(in));
      }
      return list;
    }

    @Override
    public List<IndexRangeSplit> copy(List<IndexRangeSplit> value) {
      return new ArrayList<>(value);
    }
  };

  private static final class SplitSerializer implements TypeSerializer<IndexRangeSplit> {
    @Override
    public void serialize(IndexRangeSplit value, DataOutput out) throws IOException {
      out.writeInt(value.id);
      out.writeLong(value.from);
      out.writeLong(value.to);
    }

    @Override
    public IndexRangeSplit deserialize(DataInput in) throws IOException {
      return new IndexRangeSplit(in.readInt(), in.readLong(), in.readLong());
    }

    @Override
    public IndexRangeSplit copy(IndexRangeSplit value) {
      return value;
    }
  }
}
