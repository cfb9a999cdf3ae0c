package io.weir.connectors.datagen;

import java.io.Serializable;

/** How fast a {@link DataGeneratorSource} emits: {@link #perSecond} in total, or {@link #noLimit}. */
public interface RateLimiterStrategy extends Serializable {
  /** The limiter of one reader out of {@code parallelism}. */
  RateLimiter createRateLimiter(int parallelism);

  /** {@code recordsPerSecond} across all readers (each gets an equal share). */
  static RateLimiterStrategy perSecond(double recordsPerSecond) {
    if (!(recordsPerSecond > 0) || Double.isInfinite(recordsPerSecond)) {
      throw new IllegalArgumentException(
          "RateLimiterStrategy.perSecond: the rate must be a positive finite number but is " + recordsPerSecond);
    }
    return new PerSecond(recordsPerSecond);
  }

  static RateLimiterStrategy noLimit() {
    return NoLimit.INSTANCE;
  }

  /**
   * Non-blocking permits: the reader asks how many records it may emit now, and when to come
   * back if none.
   */
  interface RateLimiter {
    /** How many records may be emitted now, at most {@code max}; the caller emits them all. */
    int acquire(long nowNanos, int max);

    /** Nanoseconds until the next permit (0 if one is available now). */
    long nanosUntilNextPermit(long nowNanos);
  }

  /** A permit every 1/rate seconds, with bursts up to a small bound after a pause. */
  final class PerSecond implements RateLimiterStrategy {
    private static final long serialVersionUID = 1L;
    private final double recordsPerSecond;

    PerSecond(double recordsPerSecond) {
      this.recordsPerSecond = recordsPerSecond;
    }

    public double recordsPerSecond() {
      return recordsPerSecond;
    }

    @Override
    public RateLimiter createRateLimiter(int parallelism) {
      double share = recordsPerSecond / Math.max(1, parallelism);
      long interval = Math.max(1L, Math.round(1e9 / share));
      // A reader that was held back (backpressure) may catch up by at most 100 ms of records.
      long maxCatchUp = Math.max(interval, 100_000_000L);
      return new RateLimiter() {
        private long next = Long.MIN_VALUE;

        @Override
        public int acquire(long now, int max) {
          if (next == Long.MIN_VALUE) {
            next = now;
          }
          if (now < next) {
            return 0;
          }
          next = Math.max(next, now - maxCatchUp);
          long due = (now - next) / interval + 1;
          int n = (int) Math.min(max, due);
          next += n * interval;
          return n;
        }

        @Override
        public long nanosUntilNextPermit(long now) {
          return next == Long.MIN_VALUE ? 0 : Math.max(0, next - now);
        }
      };
    }

    @Override
    public String toString() {
      return recordsPerSecond + " records/s";
    }
  }

  final class NoLimit implements RateLimiterStrategy {
    private static final long serialVersionUID = 1L;
    static final NoLimit INSTANCE = new NoLimit();

    @Override
    public RateLimiter createRateLimiter(int parallelism) {
      return new RateLimiter() {
        @Override
        public int acquire(long nowNanos, int max) {
          return max;
        }

        @Override
        public long nanosUntilNextPermit(long nowNanos) {
          return 0;
        }
      };
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public String toString() {
      return "unlimited";
    }
  }
}
