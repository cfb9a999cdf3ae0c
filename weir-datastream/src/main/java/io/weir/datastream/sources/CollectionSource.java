package io.weir.datastream.sources;

import io.weir.core.source.Boundedness;
import io.weir.core.source.Source;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * A bounded source over a fixed collection (fromElements / fromCollection). The elements are
 * serialized with the stream type's serializer when the job is built, so the source can be
 * copied and shipped like any other and records need not be {@code java.io.Serializable}; an
 * element the serializer cannot handle fails right there. Split by element index ranges, so
 * parallel readers each emit a contiguous part in the original order.
 */
public final class CollectionSource<T> implements Source<T, IndexRangeSplit, List<IndexRangeSplit>> {
  private final TypeInfo<T> type;
  private final byte[] data;
  /** Byte offset of every element in {@link #data}. */
  private final int[] offsets;

  public CollectionSource(Collection<? extends T> elements, TypeInfo<T> type) {
    this.type = java.util.Objects.requireNonNull(type, "type");
    TypeSerializer<T> serializer = type.createSerializer();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    this.offsets = new int[elements.size()];
    int i = 0;
    for (T e : elements) {
      if (e == null && !serializer.acceptsNull()) {
        throw new IllegalArgumentException("Collection source: element " + i + " is null; null records are not supported");
      }
      offsets[i] = out.size();
      try {
        serializer.serialize(e, out);
      } catch (IOException | RuntimeException ex) {
        throw new IllegalArgumentException(
            "Collection source: element " + i + " (" + abbreviate(e) + ") cannot be serialized as " + type + ": " + ex, ex);
      }
      i++;
    }
    this.data = bytes.toByteArray();
  }

  public int size() {
    return offsets.length;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return type;
  }

  @Override
  public SplitEnumerator<IndexRangeSplit, List<IndexRangeSplit>> createEnumerator(
      SplitEnumeratorContext<IndexRangeSplit> context) {
    return new IndexRangeEnumerator(context, IndexRangeSplit.split(offsets.length, Math.max(1, context.currentParallelism())));
  }

  @Override
  public SplitEnumerator<IndexRangeSplit, List<IndexRangeSplit>> restoreEnumerator(
      SplitEnumeratorContext<IndexRangeSplit> context, List<IndexRangeSplit> checkpoint) {
    return new IndexRangeEnumerator(context, checkpoint);
  }

  @Override
  public SourceReader<T, IndexRangeSplit> createReader(SourceReaderContext context) {
    TypeSerializer<T> serializer = type.createSerializer();
    return new IndexRangeReader<>(context) {
      private DataInputStream in;

      @Override
      protected void seek(long index) {
        int offset = index < offsets.length ? offsets[(int) index] : data.length;
        in = new DataInputStream(new ByteArrayInputStream(data, offset, data.length - offset));
      }

      @Override
      protected T next() throws IOException {
        return serializer.deserialize(in);
      }
    };
  }

  @Override
  public TypeSerializer<IndexRangeSplit> getSplitSerializer() {
    return IndexRangeSplit.SERIALIZER;
  }

  @Override
  public TypeSerializer<List<IndexRangeSplit>> getEnumeratorCheckpointSerializer() {
    return IndexRangeSplit.LIST_SERIALIZER;
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public String toString() {
    return "CollectionSource(" + offsets.length + " elements of " + type + ")";
  }
}
