package io.weir.examples.util;

import io.weir.connectors.datagen.DataGeneratorSource;
import io.weir.connectors.datagen.GeneratorFunction;
import io.weir.connectors.datagen.RateLimiterStrategy;
import io.weir.core.types.TypeInfo;

/** The examples' generated inputs. */
public final class Sources {
  private Sources() {}

  /**
   * {@code count} records {@code generator(0) .. generator(count-1)}; {@code ratePerSecond <= 0}
   * means as fast as possible. Deterministic by index, so every mode and parallelism sees the
   * same records.
   */
  public static <T> DataGeneratorSource<T> generated(
      long count, GeneratorFunction<Long, T> generator, TypeInfo<T> type, double ratePerSecond) {
    RateLimiterStrategy rate = ratePerSecond > 0 ? RateLimiterStrategy.perSecond(ratePerSecond) : RateLimiterStrategy.noLimit();
    return new DataGeneratorSource<>(generator, count, rate, type);
  }

  public static <T> DataGeneratorSource<T> generated(long count, GeneratorFunction<Long, T> generator, TypeInfo<T> type) {
    return generated(count, generator, type, 0);
  }
}
