package io.weir.connectors.datagen;

import io.weir.core.source.Boundedness;
import io.weir.core.source.Source;
import io.weir.core.source.SourceReader;
import io.weir.core.source.SourceReaderContext;
import io.weir.core.source.SplitEnumerator;
import io.weir.core.source.SplitEnumeratorContext;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.TypeSerializer;
import java.util.List;
import java.util.Objects;

/**
 * Generates {@code generator.map(i)} for i = 0 .. count-1 (or forever with {@code count =
 * Long.MAX_VALUE}), optionally rate limited. The index range is split evenly across the readers
 * and each reader's position is checkpointed, so a deterministic generator replays exactly.
 *
 * <pre>{@code
 * DataGeneratorSource<Order> source = new DataGeneratorSource<>(
 *     i -> new Order(i, "item-" + (i % 10)), 1_000_000, RateLimiterStrategy.perSecond(10_000),
 *     TypeInfo.of(Order.class));
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "orders");
 * }</pre>
 */
public final class DataGeneratorSource<T> implements Source<T, GeneratorSplit, List<GeneratorSplit>> {
  private static final long serialVersionUID = 1L;

  private final GeneratorFunction<Long, T> generator;
  private final long count;
  private final RateLimiterStrategy rate;
  private final TypeInfo<T> type;

  public DataGeneratorSource(
      GeneratorFunction<Long, T> generator, long count, RateLimiterStrategy rate, TypeInfo<T> type) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.rate = Objects.requireNonNull(rate, "rate");
    this.type = Objects.requireNonNull(type, "type");
    if (count < 0) {
      throw new IllegalArgumentException("DataGeneratorSource: count must be >= 0 but is " + count);
    }
    this.count = count;
  }

  /** Without a rate limit. */
  public DataGeneratorSource(GeneratorFunction<Long, T> generator, long count, TypeInfo<T> type) {
    this(generator, count, RateLimiterStrategy.noLimit(), type);
  }

  @Override
  public Boundedness getBoundedness() {
    return count == Long.MAX_VALUE ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
  }

  @Override
  public TypeInfo<T> getProducedType() {
    return type;
  }

  @Override
  public SplitEnumerator<GeneratorSplit, List<GeneratorSplit>> createEnumerator(
      SplitEnumeratorContext<GeneratorSplit> context) {
    return new GeneratorSplitEnumerator(
        context, GeneratorSplitEnumerator.split(count, Math.max(1, context.currentParallelism())));
  }

  @Override
  public SplitEnumerator<GeneratorSplit, List<GeneratorSplit>> restoreEnumerator(
      SplitEnumeratorContext<GeneratorSplit> context, List<GeneratorSplit> checkpoint) {
    return new GeneratorSplitEnumerator(context, checkpoint);
  }

  @Override
  public SourceReader<T, GeneratorSplit> createReader(SourceReaderContext context) {
    return new GeneratorSourceReader<>(generator, rate, context);
  }

  @Override
  public TypeSerializer<GeneratorSplit> getSplitSerializer() {
    return GeneratorSplit.Serializer.INSTANCE;
  }

  @Override
  public TypeSerializer<List<GeneratorSplit>> getEnumeratorCheckpointSerializer() {
    return GeneratorSplit.ListSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "DataGeneratorSource(" + (count == Long.MAX_VALUE ? "unbounded" : count + " records") + ", " + rate + ")";
  }
}
