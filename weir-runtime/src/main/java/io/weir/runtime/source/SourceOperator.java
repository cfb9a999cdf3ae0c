package io.weir.runtime.source;

import io.weir.core.config.CoreOptions;
import io.weir.core.eventtime.WatermarkStrategy;
import io.weir.core.source.InputStatus;
import io.weir.core.source.Source;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SourceSplit;
import io.weir.core.state.ListState;
import io.weir.core.state.ListStateDescriptor;
import io.weir.core.types.SerializerTypeInfo;
import io.weir.runtime.operators.AbstractStreamOperator;
import io.weir.runtime.tasks.OperatorFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one {@link SourceReader} in a source task: the reader emits through {@link SourceOutputs}
 * (timestamps, per-split watermarks), splits come from the enumerator through a
 * {@link SourceReaderGateway}, and at checkpoints the reader's unfinished splits are stored in
 * operator list state ("source-splits"), so a restore (even with another parallelism) hands them
 * back to the readers.
 *
 * <p>STREAMING: watermark generators run per split and are asked every
 * {@code pipeline.auto-watermark-interval} (processing time). BATCH: no generators; the only
 * watermark is +inf at the end of input.
 */
public class SourceOperator<OUT, SplitT extends SourceSplit> extends AbstractStreamOperator<OUT> {
  private static final long serialVersionUID = 1L;

  private final Source<OUT, SplitT, ?> source;
  private final WatermarkStrategy<OUT> watermarkStrategy;

  private transient SourceReader<OUT, SplitT> reader;
  private transient SourceReaderGateway gateway;
  private transient ListState<SplitT> splitState;
  private transient List<SplitT> restoredSplits;
  private transient SourceOutputs<OUT> readerOutput;

  public SourceOperator(Source<OUT, SplitT, ?> source, WatermarkStrategy<OUT> watermarkStrategy) {
    this.source = source;
    this.watermarkStrategy = watermarkStrategy != null ? watermarkStrategy : WatermarkStrategy.noWatermarks();
  }

  public Source<OUT, SplitT, ?> getSource() {
    return source;
  }

  /** Set by the task before open(). */
  public void setGateway(SourceReaderGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void restoreOrInitState(boolean restored) throws Exception {
    ListStateDescriptor<SplitT> descriptor = new ListStateDescriptor<>("source-splits",
        new SerializerTypeInfo<>((Class<SplitT>) (Class<?>) SourceSplit.class, source.getSplitSerializer(), "SourceSplit"));
    splitState = getOperatorStateStore().getListState(descriptor);
    restoredSplits = new ArrayList<>();
    if (restored) {
      Iterable<SplitT> splits = splitState.get();
      if (splits != null) {
        for (SplitT s : splits) {
          restoredSplits.add(s);
        }
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    boolean streaming = !isBatchMode();
    readerOutput = new SourceOutputs<>(output, watermarkStrategy, streaming,
        (record, t) -> OperatorFailure.onRecord(getName(), context.getSubtaskIndex(), context.getParallelism(), record, t));
    reader = source.createReader(new ReaderContext());
    if (!restoredSplits.isEmpty()) {
      reader.addSplits(restoredSplits);
      restoredSplits = List.of();
    }
    if (gateway != null) {
      gateway.registerReader();
    }
    reader.start();
    if (streaming && watermarkStrategy.generatesWatermarks()) {
      Duration interval = context.getConfiguration().get(CoreOptions.AUTO_WATERMARK_INTERVAL);
      if (interval != null && interval.toMillis() > 0) {
        long ms = interval.toMillis();
        context.getProcessingTimeService().scheduleAtFixedRate(t -> readerOutput.emitPeriodicWatermark(), ms, ms);
      }
    }
  }

  /** One poll of the reader (it emits a bounded amount). */
  public InputStatus emitNext() throws Exception {
    return reader.pollNext(readerOutput);
  }

  public CompletableFuture<Void> isAvailable() {
    return reader.isAvailable();
  }

  @SuppressWarnings("unchecked")
  public void handleEvent(SourceEvent event) {
    if (event instanceof SourceEvent.AddSplits add) {
      reader.addSplits((List<SplitT>) add.splits());
    } else if (event instanceof SourceEvent.NoMoreSplits) {
      reader.notifyNoMoreSplits();
    } else {
      throw new IllegalArgumentException("not a reader event: " + event);
    }
  }

  /** The reader reported END_OF_INPUT: the watermark goes to +inf. */
  public void endOfInput() {
    readerOutput.emitFinalWatermark();
  }

  @Override
  protected void snapshotOperatorState(long checkpointId) throws Exception {
    splitState.update(new ArrayList<>(reader.snapshotState(checkpointId)));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    reader.notifyCheckpointComplete(checkpointId);
  }

  @Override
  public void close() throws Exception {
    try {
      if (reader != null) {
        reader.close();
      }
    } finally {
      super.close();
    }
  }

  private final class ReaderContext implements SourceReaderContext {
    @Override
    public int getIndexOfSubtask() {
      return context.getSubtaskIndex();
    }

    @Override
    public int currentParallelism() {
      return context.getParallelism();
    }

    @Override
    public void sendSplitRequest() {
      if (gateway != null) {
        gateway.requestSplit();
      }
    }

    @Override
    public void reportSkippedRecord(String reason) {
      context.reportSkippedRecord(getName(), reason);
    }
  }
}
