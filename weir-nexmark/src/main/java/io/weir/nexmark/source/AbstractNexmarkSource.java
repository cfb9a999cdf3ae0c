package io.weir.nexmark.source;

import io.weir.core.source.Boundedness;
import io.weir.core.source.Source;
import io.weir.core.source.SourceOutput;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import io.weir.core.types.TypeSerializer;
import io.weir.nexmark.generator.NexmarkConfig;
import io.weir.nexmark.generator.NexmarkGenerator;
import java.util.List;
import java.util.Objects;

/**
 * A source over the Nexmark event sequence of a {@link NexmarkConfig}: the sequence is cut into
 * one interleaved {@link NexmarkSplit} per reader, each reader's position is checkpointed, and
 * {@link #emit} turns an event index into output records ({@link NexmarkSource} emits {@code
 * Event}s, the SQL connector rows). The union of all readers' events is the same for every
 * parallelism.
 */
public abstract class AbstractNexmarkSource<T> implements Source<T, NexmarkSplit, List<NexmarkSplit>> {
  private static final long serialVersionUID = 1L;

  private final NexmarkConfig config;

  protected AbstractNexmarkSource(NexmarkConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public NexmarkConfig config() {
    return config;
  }

  /** Turns event indexes into records; one per reader, so it may keep per-reader caches. */
  @FunctionalInterface
  public interface Emitter<T> {
    /**
     * Emits the record(s) for event {@code index} with the reader's own generator; may emit
     * nothing (e.g. a filtered event type).
     */
    void emit(NexmarkGenerator generator, long index, SourceOutput<T> output);
  }

  /** The emitter of one reader. */
  protected abstract Emitter<T> createEmitter();

  @Override
  public Boundedness getBoundedness() {
    return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> createEnumerator(
      SplitEnumeratorContext<NexmarkSplit> context) {
    long count = new NexmarkGenerator(config).eventCount();
    return new NexmarkSplitEnumerator(context, NexmarkSplit.split(count, Math.max(1, context.currentParallelism())));
  }

  @Override
  public SplitEnumerator<NexmarkSplit, List<NexmarkSplit>> restoreEnumerator(
      SplitEnumeratorContext<NexmarkSplit> context, List<NexmarkSplit> checkpoint) {
    return new NexmarkSplitEnumerator(context, checkpoint);
  }

  @Override
  public SourceReader<T, NexmarkSplit> createReader(SourceReaderContext context) {
    return new NexmarkSourceReader<>(this, context);
  }

  @Override
  public TypeSerializer<NexmarkSplit> getSplitSerializer() {
    return NexmarkSplit.Serializer.INSTANCE;
  }

  @Override
  public TypeSerializer<List<NexmarkSplit>> getEnumeratorCheckpointSerializer() {
    return NexmarkSplit.ListSerializer.INSTANCE;
  }
}
