package io.weir.datastream.sources;

import io.weir.core.source.Boundedness;
import io.weir.core.source.Source;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import io.weir.core.types.Types;
import java.util.List;

/**
 * The numbers {@code from..to} (both inclusive), bounded, split into one contiguous range per
 * parallel reader. Each reader emits its range in ascending order; a checkpoint stores the next
 * number of every unfinished range.
 */
public final class NumberSequenceSource implements Source<Long, IndexRangeSplit, List<IndexRangeSplit>> {
  private final long from;
  private final long to;

  public NumberSequenceSource(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException("fromSequence(" + from + ", " + to + "): 'from' must not be greater than 'to'");
    }
    if (to - from + 1 <= 0) {
      throw new IllegalArgumentException("fromSequence(" + from + ", " + to + "): more than Long.MAX_VALUE numbers");
    }
    this.from = from;
    this.to = to;
  }

  public long getFrom() {
    return from;
  }

  public long getTo() {
    return to;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public TypeInfo<Long> getProducedType() {
    return Types.LONG;
  }

  @Override
  public SplitEnumerator<IndexRangeSplit, List<IndexRangeSplit>> createEnumerator(
      SplitEnumeratorContext<IndexRangeSplit> context) {
    return new IndexRangeEnumerator(context, IndexRangeSplit.split(to - from + 1, Math.max(1, context.currentParallelism())));
  }

  @Override
  public SplitEnumerator<IndexRangeSplit, List<IndexRangeSplit>> restoreEnumerator(
      SplitEnumeratorContext<IndexRangeSplit> context, List<IndexRangeSplit> checkpoint) {
    return new IndexRangeEnumerator(context, checkpoint);
  }

  @Override
  public SourceReader<Long, IndexRangeSplit> createReader(SourceReaderContext context) {
    return new IndexRangeReader<>(context) {
      private long next;

      @Override
      protected void seek(long index) {
        next = from + index;
      }

      @Override
      protected Long next() {
        return next++;
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

  @Override
  public String toString() {
    return "NumberSequenceSource(" + from + ".." + to + ")";
  }
}
