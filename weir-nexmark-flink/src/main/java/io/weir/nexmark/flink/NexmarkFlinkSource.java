package io.weir.nexmark.flink;

import io.weir.nexmark.generator.NexmarkConfig;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

/**
 * Weir's deterministic Nexmark generator as a Flink (FLIP-27) source of {@code datagen} rows: one
 * split per reader, laid out like Weir's own source, so that at the same parallelism both engines
 * read identical events in identical per-reader order.
 */
public final class NexmarkFlinkSource implements Source<RowData, NexmarkSplit, List<NexmarkSplit>> {
  private static final long serialVersionUID = 1L;

  private final NexmarkConfig config;

  public NexmarkFlinkSource(NexmarkConfig config) {
    this.config = config;
  }

  public NexmarkConfig config() {
    return config;
  }

  @Override
  public Boundedness getBoundedness() {
    return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> createEnumerator(SplitEnumeratorContext<NexmarkSplit> ctx) {
    return new NexmarkSplitEnumerator(ctx, NexmarkSplitEnumerator.initialSplits(ctx.currentParallelism()));
  }

  @Override
  public SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> restoreEnumerator(SplitEnumeratorContext<NexmarkSplit> ctx,
      List<NexmarkSplit> checkpoint) {
    return new NexmarkSplitEnumerator(ctx, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<NexmarkSplit> getSplitSerializer() {
    return NexmarkSplit.Serializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<List<NexmarkSplit>> getEnumeratorCheckpointSerializer() {
    return NexmarkSplitEnumerator.StateSerializer.INSTANCE;
  }

  @Override
  public SourceReader<RowData, NexmarkSplit> createReader(SourceReaderContext readerContext) {
    return new NexmarkSourceReader(config);
  }
}
