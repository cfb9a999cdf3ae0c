package io.weir.connectors.sql;

import io.weir.connectors.datagen.DataGeneratorSource;
import io.weir.connectors.datagen.RateLimiterStrategy;
import io.weir.core.config.ConfigOption;
import io.weir.core.source.Source;
import io.weir.core.types.Row;
import io.weir.sql.connector.DynamicTableFactory;
import io.weir.sql.connector.ScanTableSource;
import io.weir.sql.connector.TableFactoryContext;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test connector 'gated': {@code id BIGINT} rows 0 .. total-1; the first {@code first} rows come at
 * once, the rest only after {@link #GATE} opens (the reader polls, it never blocks its thread).
 */
public final class GatedTableFactory implements DynamicTableFactory {
  /** Opened by the test; one test at a time uses it. */
  public static final AtomicBoolean GATE = new AtomicBoolean();

  static final ConfigOption<Long> FIRST = ConfigOption.of("first", Long.class, 1L, "rows before the gate");
  static final ConfigOption<Long> TOTAL = ConfigOption.of("total", Long.class, 2L, "all rows");

  @Override
  public String identifier() {
    return "gated";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(FIRST, TOTAL);
  }

  @Override
  public ScanTableSource createSource(TableFactoryContext context) {
    long first = context.get(FIRST);
    long total = context.get(TOTAL);
    var type = context.schema().physicalRowType();
    return new ScanTableSource() {
      @Override
      public Source<Row, ?, ?> createSource() {
        return new DataGeneratorSource<>(i -> Row.of(i), total, new Gate(first), type);
      }

      @Override
      public boolean isBounded() {
        return true;
      }
    };
  }

  private record Gate(long first) implements RateLimiterStrategy {
    @Override
    public RateLimiter createRateLimiter(int parallelism) {
      return new RateLimiter() {
        private long granted;

        @Override
        public int acquire(long nowNanos, int max) {
          long n = GATE.get() ? max : Math.min(max, first - granted);
          granted += n;
          return (int) Math.max(0, n);
        }

        @Override
        public long nanosUntilNextPermit(long nowNanos) {
          return GATE.get() || granted < first ? 0 : 5_000_000L;
        }
      };
    }
  }
}
